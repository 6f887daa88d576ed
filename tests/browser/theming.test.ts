import { expect, fixture, fixtureCleanup, html } from "@open-wc/testing";
import "../../src/org-post-list/org-post-list.js";
import "../../src/post-comments/post-comments.js";
import "../../src/post-search/post-search.js";
import type { OrgPostList } from "../../src/org-post-list/org-post-list.js";
import { eventually, part } from "./helpers/dom.js";

// Never contacted: these tests look at styles, which do not wait for data.
const DEPLOYMENT = "http://127.0.0.1:9";
const LIGHT_TEXT = "rgb(31, 35, 40)";
const DARK_TEXT = "rgb(230, 237, 243)";
const DARK_SURFACE = "rgb(13, 17, 23)";

const textColor = (el: Element) => getComputedStyle(part(el, "base")!).color;

function pageStyle(css: string): () => void {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

function feed(attrs = "") {
  const wrapper = document.createElement("div");
  wrapper.innerHTML = `<org-post-list deployment="${DEPLOYMENT}" org="x" ${attrs}></org-post-list>`;
  return fixture<HTMLDivElement>(wrapper).then((w) => w.firstElementChild as OrgPostList);
}

/** Cleanup the page's own state after each test: classes, attributes and styles it set on <html>/<body>. */
afterEach(() => {
  fixtureCleanup();
  for (const el of [document.documentElement, document.body]) {
    el.classList.remove("dark");
    el.removeAttribute("data-theme");
    el.removeAttribute("data-mode");
    el.style.removeProperty("background");
    el.style.removeProperty("color-scheme");
  }
});

describe("theming from the page", () => {
  it("takes --lp-* tokens set on :root, on a wrapper and on the tag", async () => {
    const restore = pageStyle(`
      :root { --lp-color-text: rgb(1, 1, 1); }
      .wrap { --lp-color-accent: rgb(2, 2, 2); }
      org-post-list { --lp-radius: 7px; }
    `);
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div class="wrap"><org-post-list deployment=${DEPLOYMENT} org="x"></org-post-list></div>`,
      );
      const el = wrapper.querySelector("org-post-list")!;
      const base = getComputedStyle(part(el, "base")!);
      expect(base.color, ":root token").to.equal("rgb(1, 1, 1)");
      expect(base.getPropertyValue("--lp-color-accent").trim(), "wrapper token").to.equal("rgb(2, 2, 2)");
      expect(base.getPropertyValue("--lp-radius").trim(), "tag token").to.equal("7px");
    } finally {
      restore();
    }
  });

  it("takes per-element hooks set on :root", async () => {
    const restore = pageStyle(`:root { --org-post-list-accent: rgb(3, 3, 3); }`);
    try {
      const el = await feed();
      expect(getComputedStyle(el).getPropertyValue("--_org-post-list-accent").trim()).to.equal("rgb(3, 3, 3)");
    } finally {
      restore();
    }
  });

  it("lets ::part() rules read the tokens in effect, light and dark", async () => {
    const restore = pageStyle(`.panel::part(base) { background: var(--lp-color-surface); }`);
    try {
      const el = await feed(`class="panel" theme="dark"`);
      expect(getComputedStyle(part(el, "base")!).backgroundColor).to.equal(DARK_SURFACE);
    } finally {
      restore();
    }
  });
});

describe("theme", () => {
  it('"dark" paints its own surface, so it is readable on a light page', async () => {
    const el = await feed(`theme="dark"`);
    expect(textColor(el)).to.equal(DARK_TEXT);
    expect(getComputedStyle(el).backgroundColor).to.equal(DARK_SURFACE);
  });

  it('"light" stays light on a dark page', async () => {
    document.documentElement.classList.add("dark");
    const el = await feed(`theme="light"`);
    expect(textColor(el)).to.equal(LIGHT_TEXT);
  });

  it('"auto" follows html.dark, body[data-theme=dark] and a custom dark-selector, live', async () => {
    const el = await feed(`theme="auto"`);
    expect(textColor(el), "a plain page is light").to.equal(LIGHT_TEXT);

    document.documentElement.classList.add("dark");
    await eventually(() => textColor(el) === DARK_TEXT, "html.dark turns it dark");
    document.documentElement.classList.remove("dark");
    await eventually(() => textColor(el) === LIGHT_TEXT, "removing the class turns it light again");

    document.body.setAttribute("data-theme", "dark");
    await eventually(() => textColor(el) === DARK_TEXT, 'body[data-theme="dark"] turns it dark');
    document.body.removeAttribute("data-theme");
    await eventually(() => textColor(el) === LIGHT_TEXT, "and back");

    el.setAttribute("dark-selector", "[data-mode=night]");
    document.documentElement.setAttribute("data-mode", "night");
    await eventually(() => textColor(el) === DARK_TEXT, "the site's own selector");
    document.documentElement.setAttribute("data-mode", "day");
    await eventually(() => textColor(el) === LIGHT_TEXT, "the site's own selector, off");
  });

  it('"auto" follows a dark page background and a dark color-scheme', async () => {
    const el = await feed(`theme="auto"`);
    document.body.style.background = "rgb(20, 20, 20)";
    await eventually(() => textColor(el) === DARK_TEXT, "a dark body background");
    document.body.style.removeProperty("background");
    await eventually(() => textColor(el) === LIGHT_TEXT, "light again");
    document.documentElement.style.colorScheme = "dark";
    await eventually(() => textColor(el) === DARK_TEXT, "color-scheme: dark on the page");
  });

  it("falls back to light with a console warning for an unknown value", async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await feed(`theme="midnight"`);
      expect(textColor(el)).to.equal(LIGHT_TEXT);
      expect(warnings.map((w) => String(w[0])).join("\n")).to.contain('theme="midnight"');
    } finally {
      console.warn = warn;
    }
  });
});

describe("missing attributes", () => {
  for (const tag of ["post-comments", "org-post-list", "post-search"]) {
    it(`<${tag}> names the attribute it lacks instead of staying blank`, async () => {
      const errors: unknown[][] = [];
      const error = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const wrapper = document.createElement("div");
        wrapper.innerHTML = `<${tag} org="acme"></${tag}>`;
        const el = (await fixture<HTMLDivElement>(wrapper)).firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
        await el.updateComplete;
        const alert = part(el, "error")!;
        expect(alert.getAttribute("role")).to.equal("alert");
        expect(alert.textContent).to.contain('"deployment"');
        expect(String(errors[0]?.[0])).to.contain('"deployment"');

        el.removeAttribute("org");
        el.setAttribute("deployment", DEPLOYMENT);
        await el.updateComplete;
        expect(part(el, "error")!.textContent).to.contain('"org"');
        expect(part(el, "error")!.textContent).not.to.contain('"deployment"');
      } finally {
        console.error = error;
      }
    });
  }
});
