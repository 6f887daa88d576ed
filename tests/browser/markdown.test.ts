import { expect } from "@open-wc/testing";
import { render } from "lit";
import { renderMarkdown, safeHref } from "../../src/markdown/markdown.js";

declare global {
  interface Window {
    __pwned?: boolean;
  }
}

/** Renders `source` into a fresh container attached to the document (so handlers could fire). */
function show(source: string): HTMLElement {
  const container = document.createElement("div");
  document.body.append(container);
  render(renderMarkdown(source), container);
  return container;
}

/** The rendered markup without Lit's comment markers. */
function markup(el: HTMLElement): string {
  return el.innerHTML.replace(/<!--[^>]*-->/g, "");
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("renderMarkdown", () => {
  afterEach(() => {
    document.body.replaceChildren();
    delete window.__pwned;
  });

  it("splits paragraphs on blank lines and keeps single line breaks", () => {
    const el = show("first line\nsecond line\n\n\nnext paragraph");
    expect(markup(el)).to.equal("<p>first line<br>second line</p><p>next paragraph</p>");
  });

  it("renders emphasis, strong, inline code and fenced code blocks", () => {
    const el = show("*soft* and **loud** and `x < y`\n\n```\nconst a = '<b>';\n\nreturn a;\n```\nafter");
    expect(markup(el)).to.equal(
      "<p><em>soft</em> and <strong>loud</strong> and <code>x &lt; y</code></p>" +
        "<pre><code>const a = '&lt;b&gt;';\n\nreturn a;</code></pre><p>after</p>",
    );
  });

  it("nests emphasis inside strong and leaves markers inside code alone", () => {
    const el = show("**very *much* so** `**not bold**`");
    expect(markup(el)).to.equal("<p><strong>very <em>much</em> so</strong> <code>**not bold**</code></p>");
  });

  it("makes http, https and mailto links that open safely in a new tab", () => {
    const el = show("[docs](https://example.com/a?b=1) <http://x.test> mail [me](mailto:a@b.test) and https://plain.test/path.");
    const links = [...el.querySelectorAll("a")];
    expect(links.map((a) => a.getAttribute("href"))).to.deep.equal([
      "https://example.com/a?b=1",
      "http://x.test",
      "mailto:a@b.test",
      "https://plain.test/path",
    ]);
    for (const a of links) {
      expect(a.rel).to.equal("nofollow ugc noopener");
      expect(a.target).to.equal("_blank");
    }
    expect(el.textContent).to.contain("https://plain.test/path.");
  });

  it("shows links with any other scheme as the text that was typed", () => {
    for (const source of [
      "[x](javascript:alert(1))",
      "[x](javascript:void0)",
      "[x](JaVaScRiPt:void0)",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox)",
      "[x](/relative)",
      "[x](//evil.test)",
    ]) {
      const el = show(source);
      expect(el.querySelector("a"), source).to.equal(null);
      expect(el.textContent, source).to.equal(source);
      el.remove();
    }
    expect(safeHref("javascript:alert(1)")).to.equal(null);
    expect(safeHref("https://ok.test")).to.equal("https://ok.test");
  });

  it("renders HTML in comments as text and runs nothing", async () => {
    const hostile = [
      `<img src=x onerror="window.__pwned = true">`,
      `<script>window.__pwned = true</script>`,
      `<svg onload="window.__pwned = true"></svg>`,
      `**<img src=x onerror="window.__pwned = true">**`,
      "`<img src=x onerror=\"window.__pwned = true\">`",
      `[<img src=x onerror="window.__pwned = true">](https://ok.test)`,
      `[ok](https://ok.test" onmouseover="window.__pwned = true)`,
      "```\n</code></pre><img src=x onerror=\"window.__pwned = true\">\n```",
    ];
    for (const source of hostile) {
      const el = show(source);
      expect(el.querySelector("img, script, svg"), source).to.equal(null);
      for (const a of el.querySelectorAll("a")) {
        expect([...a.attributes].map((attr) => attr.name).sort(), source).to.deep.equal(["href", "rel", "target"]);
      }
    }
    await wait(100);
    expect(window.__pwned).to.equal(undefined);
  });

  it("leaves unclosed and stray markers as text", () => {
    const source = "**open *half `tick [label](  ** * [x] (y) ***";
    const el = show(source);
    expect(el.querySelectorAll("strong, em, code, a").length).to.equal(0);
    expect(el.textContent).to.equal(source);
  });

  it("runs an unclosed code fence to the end as code", () => {
    const el = show("before\n```\n**not bold**");
    expect(markup(el)).to.equal("<p>before</p><pre><code>**not bold**</code></pre>");
  });

  it("renders long and pathological input in linear time", () => {
    // Four times the backend's comment limit, built to make a backtracking pattern explode.
    const inputs = [
      "**a ".repeat(5_000),
      "*a".repeat(10_000),
      "[".repeat(20_000),
      "[a](".repeat(5_000),
      "`x".repeat(10_000),
      "```" + "\n<b>".repeat(5_000),
      "https://x.test/" + "a".repeat(20_000),
      "word ".repeat(4_000) + "\n".repeat(2_000),
    ];
    const started = performance.now();
    for (const source of inputs) {
      const el = show(source);
      expect(el.textContent!.replace(/\s/g, "").length, source.slice(0, 10)).to.be.greaterThan(0);
      el.remove();
    }
    expect(performance.now() - started).to.be.lessThan(2_000);
  });
});
