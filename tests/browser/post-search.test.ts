import { expect, fixture, html, oneEvent } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import "../../src/post-search/post-search.js";
import type { PostSearch } from "../../src/post-search/post-search.js";
import { backendUrls, createOrganization, joinOrganization, signUp } from "./helpers/backend.js";
import { eventually, part, parts, watchForPart } from "./helpers/dom.js";

async function search(org: string, attrs: { author?: string; hrefTemplate?: string; lang?: string } = {}) {
  const { url } = await backendUrls();
  return fixture<PostSearch>(html`<post-search
    deployment=${url}
    org=${org}
    debounce="50"
    author=${attrs.author ?? ""}
    lang=${attrs.lang ?? "en"}
    href-template=${attrs.hrefTemplate ?? "#result-{slug}"}
  ></post-search>`);
}

const input = (el: PostSearch) => part<HTMLInputElement>(el, "input")!;
const resultTitles = (el: PostSearch) => parts(el, "result-title").map((t) => t.textContent);
const status = (el: PostSearch) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

async function type(el: PostSearch, text: string) {
  input(el).focus();
  await sendKeys({ type: text });
}

function clearHash() {
  history.replaceState(null, "", location.pathname + location.search);
}

const garden = () =>
  createOrganization({
    ownerName: "Grace",
    posts: [
      { title: "Gardening basics", content: "Soil, water and patience." },
      { title: "Winter gardening", content: "Frost cloth and cold frames." },
      { title: "Cooking pasta", content: "Salt the water." },
    ],
  });

describe("<post-search>", () => {
  it("starts idle and accessible, with a combobox wired to its listbox", async () => {
    const el = await fixture<PostSearch>(html`<post-search deployment="http://127.0.0.1:9" org="x"></post-search>`);
    const field = input(el);
    expect(field.getAttribute("role")).to.equal("combobox");
    expect(field.getAttribute("aria-expanded")).to.equal("false");
    expect(field.getAttribute("aria-controls")).to.equal("listbox");
    expect(el.shadowRoot!.getElementById("listbox")!.getAttribute("role")).to.equal("listbox");
    expect(field.placeholder).to.equal("Search posts…");
    await expect(el).to.be.accessible();
  });

  it("shows a loading indicator, then highlighted results, and announces the count", async () => {
    const org = await garden();
    const el = await search(org.slug);
    const sawLoading = watchForPart(el, "loading");
    const busy: string[] = [];
    const busyObserver = new MutationObserver(() => busy.push(part(el, "base")!.getAttribute("aria-busy")!));
    busyObserver.observe(part(el, "base")!, { attributes: true, attributeFilter: ["aria-busy"] });
    await type(el, "gardening");
    const marks = () => parts(el, "mark").map((m) => m.textContent!.toLowerCase());
    // A slow keystroke can let a prefix ("gard") search first, with the same two results.
    await eventually(() => resultTitles(el).length === 2 && marks().includes("gardening"), "two results for the whole word");
    busyObserver.disconnect();
    expect(sawLoading(), "the loading indicator was shown").to.equal(true);
    expect(busy).to.include("true");
    expect(part(el, "base")!.getAttribute("aria-busy")).to.equal("false");
    expect(resultTitles(el)).to.have.members(["Gardening basics", "Winter gardening"]);
    expect(parts(el, "result")[0]!.querySelector("mark")!.tagName).to.equal("MARK");
    expect(input(el).getAttribute("aria-expanded")).to.equal("true");
    await eventually(() => status(el) === "2 results.", "the polite count");
    await expect(el).to.be.accessible();
  });

  it("says when nothing matches, accessibly", async () => {
    const org = await garden();
    const el = await search(org.slug);
    await type(el, "zebra");
    await eventually(() => part(el, "no-results"), "the no-results state");
    expect(part(el, "no-results")!.textContent).to.contain("zebra");
    expect(input(el).getAttribute("aria-expanded")).to.equal("false");
    await eventually(() => status(el) === "No results.", "announced");
    await expect(el).to.be.accessible();
  });

  it("shows an error with Retry when the search fails, accessibly", async () => {
    const org = await garden();
    const el = await search(org.slug);
    await type(el, "x".repeat(300));
    await eventually(() => part(el, "error"), "the error state");
    expect(part(el, "error")!.textContent).to.contain("That input isn't valid.");
    expect(part(el, "retry-button")).to.exist;
    await expect(el).to.be.accessible();
  });

  it("shows an error when the deployment can't be reached", async () => {
    const el = await fixture<PostSearch>(html`<post-search deployment="http://127.0.0.1:9" org="x" debounce="0"></post-search>`);
    await type(el, "anything");
    await eventually(() => part(el, "error"), "the error state", 15_000);
    expect(part(el, "error")!.textContent).to.contain("Can't reach the server");
  });

  it("moves through results with the arrow keys, Home and End, and selects with Enter", async () => {
    const org = await garden();
    const el = await search(org.slug);
    await type(el, "gardening");
    await eventually(() => resultTitles(el).length === 2, "two results");
    const field = input(el);
    const activeTitle = () => {
      const id = field.getAttribute("aria-activedescendant");
      return id ? el.shadowRoot!.getElementById(id)!.querySelector('[part="result-title"]')!.textContent : null;
    };
    expect(activeTitle()).to.equal(null);
    await sendKeys({ press: "ArrowDown" });
    const first = activeTitle();
    expect(first).to.equal(resultTitles(el)[0]);
    expect(parts(el, "result")[0]!.getAttribute("aria-selected")).to.equal("true");
    await sendKeys({ press: "ArrowDown" });
    expect(activeTitle()).to.equal(resultTitles(el)[1]);
    await sendKeys({ press: "ArrowDown" });
    expect(activeTitle()).to.equal(first); // wraps around
    await sendKeys({ press: "ArrowUp" });
    expect(activeTitle()).to.equal(resultTitles(el)[1]);
    await sendKeys({ press: "Home" });
    expect(activeTitle()).to.equal(resultTitles(el)[0]);
    await sendKeys({ press: "End" });
    expect(activeTitle()).to.equal(resultTitles(el)[1]);

    const chosen = activeTitle();
    setTimeout(() => sendKeys({ press: "Enter" }));
    const event = await oneEvent(el, "lp-post-select");
    expect(event.detail.href).to.equal(`#result-${event.detail.slug}`);
    expect(location.hash).to.equal(`#result-${event.detail.slug}`);
    const post = await org.owner.query<{ title: string } | null>("posts:getBySlug", {
      organizationSlug: org.slug,
      slug: event.detail.slug,
    });
    expect(post!.title).to.equal(chosen);
    expect(field.getAttribute("aria-expanded")).to.equal("false");
    clearHash();
  });

  it("closes on Escape, then clears on a second Escape", async () => {
    const org = await garden();
    const el = await search(org.slug);
    await type(el, "pasta");
    await eventually(() => resultTitles(el).length === 1, "a result");
    await sendKeys({ press: "Escape" });
    expect(input(el).getAttribute("aria-expanded")).to.equal("false");
    expect(input(el).value).to.equal("pasta");
    await sendKeys({ press: "Escape" });
    await el.updateComplete;
    expect(input(el).value).to.equal("");
  });

  it("lets the host cancel navigation on click", async () => {
    const org = await garden();
    const el = await search(org.slug);
    el.addEventListener("lp-post-select", (e) => e.preventDefault());
    await type(el, "pasta");
    await eventually(() => parts(el, "result").length === 1, "a result");
    setTimeout(() => parts(el, "result")[0]!.click());
    const event = await oneEvent(el, "lp-post-select");
    expect(event.defaultPrevented).to.equal(true);
    expect(location.hash).to.equal("");
  });

  it("filters by author, with a select of authors when no author is set", async () => {
    const org = await garden();
    const other = await signUp("Linus");
    await joinOrganization(org.owner, other);
    await org.publish("Gardening on balconies", "Pots.", other);
    const el = await search(org.slug);
    await eventually(() => part<HTMLSelectElement>(el, "author-filter")?.options.length === 3, "the author filter");
    const select = part<HTMLSelectElement>(el, "author-filter")!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(["All authors", "Grace", "Linus"]);
    await type(el, "gardening");
    await eventually(() => resultTitles(el).length === 3, "all authors' results");
    select.value = select.options[2]!.value;
    select.dispatchEvent(new Event("change"));
    await eventually(() => resultTitles(el).length === 1, "only Linus's result");
    expect(resultTitles(el)).to.deep.equal(["Gardening on balconies"]);

    const fixed = await search(org.slug, { author: select.options[2]!.value });
    expect(part(fixed, "author-filter")).to.equal(null);
    await type(fixed, "gardening");
    await eventually(() => resultTitles(fixed).length === 1, "the author attribute filters");
  });

  it("keeps results live while the search is open", async () => {
    const org = await garden();
    const el = await search(org.slug);
    await type(el, "gardening");
    await eventually(() => resultTitles(el).length === 2, "two results");
    await org.publish("Gardening at night");
    await eventually(() => resultTitles(el).length === 3, "the new post joins the results");
  });

  it("renders hostile titles as text with highlights, and runs nothing", async () => {
    const attack = `<img src=x onerror="window.__lpPwned=1"> attack`;
    const org = await createOrganization({ ownerName: attack, posts: [{ title: attack, content: `javascript:alert(1) ${attack}` }] });
    const el = await search(org.slug, { hrefTemplate: "javascript:window.__lpPwned=2//{slug}" });
    el.addEventListener("lp-post-select", (e) => e.preventDefault());
    await type(el, "attack");
    await eventually(() => parts(el, "result").length === 1, "the result");
    expect(part(el, "result-title")!.textContent).to.equal(attack);
    expect(el.shadowRoot!.querySelector("img")).to.equal(null);
    setTimeout(() => parts(el, "result")[0]!.click());
    const event = await oneEvent(el, "lp-post-select");
    expect(event.detail.href).to.equal("#");
    expect((window as { __lpPwned?: number }).__lpPwned).to.equal(undefined);
  });

  it("applies custom properties and ::part rules", async () => {
    const org = await garden();
    const style = document.createElement("style");
    style.textContent = `
      .themed { --post-search-mark-background: rgb(9, 8, 7); }
      .themed::part(input) { border-width: 3px; }
    `;
    document.head.append(style);
    const el = await search(org.slug);
    el.classList.add("themed");
    expect(getComputedStyle(input(el)).borderTopWidth).to.equal("3px");
    await type(el, "pasta");
    await eventually(() => part(el, "mark"), "a highlight");
    expect(getComputedStyle(part(el, "mark")!).backgroundColor).to.equal("rgb(9, 8, 7)");
    style.remove();
  });

  it("speaks French when asked", async () => {
    const org = await garden();
    const el = await search(org.slug, { lang: "fr" });
    await eventually(() => input(el).placeholder === "Rechercher des articles…", "French placeholder");
    await type(el, "gardening");
    await eventually(() => status(el) === "2 résultats.", "French count");
  });
});
