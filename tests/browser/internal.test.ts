import { expect, fixture, html } from "@open-wc/testing";
import { acquireClient, releaseClient } from "../../src/internal/client-registry.js";
import { emit } from "../../src/events/emit.js";
import { buildHref } from "../../src/internal/href.js";
import { formatRelative } from "../../src/internal/relative-time.js";
import { addEnglish, loadLanguage, resolveLang, term } from "../../src/internal/localize.js";
import { enFeed } from "../../src/internal/locales/en-feed.js";
import { errorMessage, toLiveError } from "../../src/internal/errors.js";

// Nothing listens here: the clients below never connect, which is all these tests need.
const NOWHERE = "http://127.0.0.1:9";

describe("client registry", () => {
  it("shares one client per deployment and closes it after the last release", async () => {
    const a = acquireClient(NOWHERE);
    const b = acquireClient(`${NOWHERE}/`);
    expect(a).to.equal(b);
    releaseClient(NOWHERE);
    await Promise.resolve();
    expect(a.closed).to.equal(false);
    releaseClient(NOWHERE);
    await Promise.resolve();
    expect(a.closed).to.equal(true);
    const c = acquireClient(NOWHERE);
    expect(c).not.to.equal(a);
    releaseClient(NOWHERE);
  });

  it("keeps the client when released and re-acquired in the same task (an element moved)", async () => {
    const a = acquireClient(NOWHERE);
    releaseClient(NOWHERE);
    const b = acquireClient(NOWHERE);
    await Promise.resolve();
    expect(b).to.equal(a);
    expect(a.closed).to.equal(false);
    releaseClient(NOWHERE);
  });

  it("throws on an address that is not a deployment URL", () => {
    expect(() => acquireClient("not a url")).to.throw();
  });
});

describe("emit", () => {
  it("dispatches a bubbling, composed, cancelable event", async () => {
    const outer = await fixture<HTMLDivElement>(html`<div><span></span></div>`);
    const inner = outer.querySelector("span")!;
    let received: CustomEvent | undefined;
    outer.addEventListener("lp-post-select", (e) => {
      received = e;
      e.preventDefault();
    });
    const event = emit(inner, "lp-post-select", { postId: "p1", slug: "s", href: "/s" }, { cancelable: true });
    expect(received?.detail).to.deep.equal({ postId: "p1", slug: "s", href: "/s" });
    expect(event.composed).to.equal(true);
    expect(event.defaultPrevented).to.equal(true);
  });
});

describe("buildHref", () => {
  it("fills and encodes the placeholders", () => {
    expect(buildHref("/blog/{slug}?id={id}", { slug: "a b/c", _id: "x&y" })).to.equal(
      "/blog/a%20b%2Fc?id=x%26y",
    );
  });

  it("never yields a script URL", () => {
    expect(buildHref("javascript:alert(1)//{slug}", { slug: "s", _id: "i" })).to.equal("#");
    expect(buildHref("{slug}", { slug: "javascript:alert(1)", _id: "i" })).not.to.match(/^javascript:/);
  });
});

/** Runs `module` (source text importing from /src) in a fresh document with its own module map. */
async function inFreshDocument<T>(module: string): Promise<T> {
  const frame = document.createElement("iframe");
  const done = new Promise<T>((resolve, reject) => {
    window.addEventListener("message", function onMessage(event) {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener("message", onMessage);
      if (event.data?.error) reject(new Error(event.data.error));
      else resolve(event.data.result as T);
    });
  });
  const base = new URL("/", location.href).href;
  frame.srcdoc = `<script type="module">
    try { const result = await (async () => { ${module.replaceAll("/src/", `${base}src/`)} })(); parent.postMessage({ result }, "*"); }
    catch (e) { parent.postMessage({ error: String(e) }, "*"); }
  </script>`;
  document.body.append(frame);
  try {
    return await done;
  } finally {
    frame.remove();
  }
}

describe("localize", () => {
  let pageLang: string;
  beforeEach(() => {
    pageLang = document.documentElement.lang;
  });
  afterEach(() => {
    document.documentElement.lang = pageLang;
  });

  it("resolves lang from the element, an ancestor across shadow roots, then the document", async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="fr"><p></p></div>`);
    const inner = document.createElement("span");
    host.querySelector("p")!.attachShadow({ mode: "open" }).append(inner);
    expect(resolveLang(inner)).to.equal("fr");
    inner.setAttribute("lang", "de-CH");
    expect(resolveLang(inner)).to.equal("de-CH");
    const orphan = document.createElement("span");
    document.documentElement.lang = "es";
    expect(resolveLang(orphan)).to.equal("es");
  });

  it("builds in only the shared English: an element's messages arrive with the element", async () => {
    // In a fresh document, so no element imported by this or an earlier test has registered its English.
    const seen = await inFreshDocument<{ before: string | null; after: string | null; retry: string | null }>(`
      const { addEnglish, term } = await import("/src/internal/localize.ts");
      const { enFeed } = await import("/src/internal/locales/en-feed.ts");
      const before = term("en", "loadMore") ?? null;
      const retry = term("en", "retry") ?? null;
      addEnglish(enFeed);
      return { before, after: term("en", "loadMore") ?? null, retry };
    `);
    expect(seen).to.deep.equal({ before: null, after: "Load more", retry: "Retry" });
  });

  it("loads German on demand and falls back to English for unknown languages", async () => {
    addEnglish(enFeed);
    expect(term("de", "loadMore")).to.equal("Load more");
    await loadLanguage("de-AT");
    expect(term("de-AT", "loadMore")).to.equal("Mehr laden");
    expect(term("fr", "commentCount", 0, "0")).to.equal("0 comments");
    await loadLanguage("fr");
    expect(term("fr", "commentCount", 0, "0")).to.equal("0 commentaire");
    expect(term("xx", "loadMore")).to.equal("Load more");
  });

  it("formats relative times through Intl", () => {
    const now = Date.UTC(2030, 0, 1);
    expect(formatRelative(now - 3 * 60_000, "en", now)).to.equal("3 minutes ago");
    expect(formatRelative(now - 24 * 3_600_000, "de", now)).to.equal("gestern");
  });
});

describe("errors", () => {
  it("keeps a ConvexError's code and localizes known codes", async () => {
    const err = Object.assign(new Error("boom"), { data: { code: "NOT_FOUND", message: "No such post" } });
    expect(toLiveError(err)).to.deep.equal({ code: "NOT_FOUND", message: "No such post" });
    await loadLanguage("de");
    expect(errorMessage(err, "de")).to.equal("Nicht gefunden.");
    expect(errorMessage(new Error("socket"), "en")).to.equal("Something went wrong.");
  });

  it("gives each known code its own sentence and any other code the generic one", () => {
    const coded = (code: string) => ({ data: { code, message: "" } });
    expect(errorMessage(coded("UNREACHABLE"), "en")).to.equal("Can't reach the server. Check your connection.");
    expect(errorMessage(coded("INVALID_ARGUMENT"), "en")).to.equal("That input isn't valid.");
    expect(errorMessage(coded("RATE_LIMITED"), "en")).to.equal("Too many requests. Please wait a moment.");
    expect(errorMessage(coded("UNAUTHENTICATED"), "en")).to.equal("Please sign in first.");
    for (const code of ["UNKNOWN", "TOO_LONG", "constructor", "__proto__", ""]) {
      expect(errorMessage(coded(code), "en"), code).to.equal("Something went wrong.");
    }
  });

  it("normalizes what can be thrown", () => {
    expect(toLiveError({ code: "FORBIDDEN", message: "No" })).to.deep.equal({ code: "FORBIDDEN", message: "No" });
    expect(toLiveError(Object.assign(new Error("plain"), { data: "text" }))).to.deep.equal({ code: "UNKNOWN", message: "plain" });
    expect(toLiveError({ data: { code: "CONFLICT" } })).to.deep.equal({ code: "CONFLICT", message: "" });
    expect(toLiveError("down")).to.deep.equal({ code: "UNKNOWN", message: "down" });
    expect(toLiveError(null)).to.deep.equal({ code: "UNKNOWN", message: "null" });
  });
});
