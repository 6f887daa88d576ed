import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import "../../src/post-search/post-search.js";
import type { PostSearch } from "../../src/post-search/post-search.js";
import { backendUrls, createOrganization } from "./helpers/backend.js";
import { eventually, part, parts } from "./helpers/dom.js";

// The results (their query, options, keyboard navigation, messages and styles) are a chunk of their
// own, fetched when a reader first focuses, presses or types in the element.
const resultsFetched = () =>
  performance.getEntriesByType("resource").some((entry) => entry.name.includes("/post-search/search-results."));

const input = (el: PostSearch) => part<HTMLInputElement>(el, "input")!;
const resultTitles = (el: PostSearch) => parts(el, "result-title").map((t) => t.textContent);

async function search() {
  const { url } = await backendUrls();
  const org = await createOrganization({
    ownerName: "Grace",
    posts: [
      { title: "Gardening basics", content: "Soil, water and patience." },
      { title: "Cooking pasta", content: "Salt the water." },
    ],
  });
  return fixture<PostSearch>(html`<post-search deployment=${url} org=${org.slug} debounce="50" lang="en"></post-search>`);
}

describe("<post-search> results chunk", () => {
  // First in this file: the page has not fetched the chunk yet.
  it("is not fetched before anyone interacts, and is on first focus", async () => {
    const el = await search();
    await eventually(() => part(el, "author-filter"), "the author filter (the element is live)");
    const sheets = el.shadowRoot!.adoptedStyleSheets.length;
    expect(resultsFetched(), "fetched before any interaction").to.equal(false);
    expect(input(el).getAttribute("aria-controls")).to.equal("listbox");
    expect(el.shadowRoot!.getElementById("listbox")!.getAttribute("role")).to.equal("listbox");

    input(el).focus();
    await eventually(() => el.shadowRoot!.adoptedStyleSheets.length > sheets, "the results' styles adopted");
    expect(resultsFetched(), "fetched on focus").to.equal(true);
  });

  it("keeps what is typed right after focus, before the results arrive, and shows them", async () => {
    const el = await search();
    const field = input(el);
    // Focus and a keystroke in one task: this element's results cannot have loaded in between.
    field.focus();
    field.value = "garden";
    field.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, inputType: "insertText" }));
    await sendKeys({ type: "ing" });
    expect(field.value).to.equal("gardening");
    await eventually(() => resultTitles(el).length === 1, "the result");
    expect(resultTitles(el)).to.deep.equal(["Gardening basics"]);
    expect(field.getAttribute("aria-expanded")).to.equal("true");
    await sendKeys({ press: "ArrowDown" });
    expect(field.getAttribute("aria-activedescendant")).to.equal("option-0");
    expect(parts(el, "result")[0]!.getAttribute("aria-selected")).to.equal("true");
    await eventually(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim() === "1 result.", "the count");
  });
});
