import { expect } from "@open-wc/testing";
import { render } from "lit";
import { renderMarkdown, safeHref } from "../../src/markdown/markdown.js";

declare global {
  interface Window {
    __pwned?: boolean | string;
  }
}

const ALLOWED_TAGS = new Set(["P", "BR", "EM", "STRONG", "CODE", "PRE", "A"]);
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

/**
 * Everything in `el` that the renderer must never produce, as strings (never as nodes, which chai
 * would inspect): tags outside the subset, attributes other than a link's three, unsafe hrefs.
 */
function unsafeParts(el: HTMLElement): string[] {
  const found: string[] = [];
  for (const node of el.querySelectorAll("*")) {
    if (!ALLOWED_TAGS.has(node.tagName)) found.push(`<${node.tagName.toLowerCase()}> element`);
    const names = [...node.attributes].map((attr) => attr.name).sort();
    const allowed = node.tagName === "A" ? ["href", "rel", "target"] : [];
    for (const name of names) if (!allowed.includes(name)) found.push(`${name}= on <${node.tagName.toLowerCase()}>`);
    const href = node.getAttribute("href");
    if (href !== null && !SAFE_URL.test(href)) found.push(`unsafe href ${JSON.stringify(href)}`);
  }
  return found;
}

/** The links' hrefs, as strings. */
function hrefs(el: HTMLElement): (string | null)[] {
  return [...el.querySelectorAll("a")].map((a) => a.getAttribute("href"));
}

/**
 * While a test runs, a rendered `javascript:` link or handler cannot block the page (alert) or
 * navigate it away (which would detach the test frame instead of failing a test): both are recorded
 * in `window.__pwned` and prevented.
 */
const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt, open: window.open };
function record(what: string) {
  window.__pwned = what;
}
function preventNavigation(event: Event) {
  const link = (event.target as Element | null)?.closest?.("a");
  if (link) {
    event.preventDefault();
    if (!SAFE_URL.test(link.getAttribute("href") ?? "")) record(`navigation to ${link.getAttribute("href")}`);
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

describe("renderMarkdown", function () {
  // Rendering is synchronous; a test that takes seconds has hung on something the renderer let through.
  this.timeout(5_000);

  beforeEach(() => {
    window.alert = () => record("alert()");
    window.confirm = () => (record("confirm()"), false);
    window.prompt = () => (record("prompt()"), null);
    window.open = () => (record("window.open()"), null);
    document.addEventListener("click", preventNavigation, true);
  });

  afterEach(() => {
    document.removeEventListener("click", preventNavigation, true);
    Object.assign(window, saved);
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
    expect(hrefs(el)).to.deep.equal([
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
      expect(hrefs(el), `${source} must not become a link`).to.deep.equal([]);
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
      expect(unsafeParts(el), `markup or handlers rendered from ${source}`).to.deep.equal([]);
    }
    await wait(100);
    expect(window.__pwned, "hostile comment text ran script").to.equal(undefined);
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
    // Inputs built to make a backtracking pattern explode, at one and at sixteen times a size (the
    // larger is eight times the backend's comment limit). Linear rendering takes about 16× as long for
    // 16× the input; quadratic takes 256×. Comparing the two sizes on the same machine, best of five,
    // with a 4× margin on the linear figure, does not depend on how busy the machine is.
    const shapes: ((n: number) => string)[] = [
      (n) => "**a ".repeat(n / 4),
      (n) => "*a".repeat(n / 2),
      (n) => "[".repeat(n),
      (n) => "[a](".repeat(n / 4),
      (n) => "`x".repeat(n / 2),
      (n) => "```" + "\n<b>".repeat(n / 4),
      (n) => "https://x.test/" + "a".repeat(n),
      (n) => "word ".repeat(n / 5) + "\n".repeat(n / 10),
      (n) => "**a *b [c](d `e ".repeat(n / 16),
    ];
    const time = (source: string) => {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        const el = show(source);
        best = Math.min(best, performance.now() - started);
        expect(el.textContent!.replace(/\s/g, "").length, source.slice(0, 10)).to.be.greaterThan(0);
        el.remove();
      }
      return best;
    };
    for (const shape of shapes) {
      const small = time(shape(2_500));
      const large = time(shape(40_000));
      // 1 ms of slack keeps timer resolution from dominating inputs that render in microseconds.
      expect(large, `rendering grows faster than linearly for ${JSON.stringify(shape(16).slice(0, 16))}…: ` +
        `${small.toFixed(1)} ms at 2 500 characters, ${large.toFixed(1)} ms at 40 000`).to.be.lessThan(64 * small + 5);
    }
  });
});
