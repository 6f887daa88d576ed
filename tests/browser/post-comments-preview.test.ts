import { expect } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { createOrganization } from "./helpers/backend.js";
import { bodies, commentAs, forgetSession, mountThread, textarea, typeInto, write } from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";

const TEXT = "Some *emphasis*, `code` and [a link](https://example.com).";

/** A thread where guests may write, so the composer shows without signing in. */
async function guestThread() {
  const org = await createOrganization();
  const { slug } = await org.publish("Preview");
  await org.owner.mutation("organizations:updateSettings", { allowGuestComments: true });
  return { org, slug };
}

async function composerOf(org: string, post: string): Promise<PostComments> {
  const el = await mountThread(org, post);
  await eventually(() => part(el, "submit-button"), "the guest composer appears");
  return el;
}

function tabs(el: PostComments) {
  const [write, preview] = parts<HTMLButtonElement>(el, "composer-tab");
  return { write: write!, preview: preview!, panel: el.shadowRoot!.getElementById("composer-main-preview")! };
}

/** Markup without Lit's comment markers, to compare two renders. */
const markup = (node: Element) => node.innerHTML.replace(/<!--[^]*?-->/g, "").trim();

async function press(key: string) {
  await sendKeys({ press: key });
}

describe("<post-comments> comment form preview", function () {
  this.timeout(60_000);
  afterEach(forgetSession);

  it("shows Write / Preview tabs that arrow keys move between, the preview rendered as the thread renders, accessibly", async () => {
    const { org, slug } = await guestThread();
    await commentAs(org.owner, org.slug, slug, TEXT);
    const el = await composerOf(org.slug, slug);
    await eventually(() => part(el, "comment-body"), "the thread's comment shows");
    const t = tabs(el);
    expect(t.write.parentElement!.getAttribute("role")).to.equal("tablist");
    expect([t.write, t.preview].map((tab) => [tab.textContent!.trim(), tab.getAttribute("role"), tab.getAttribute("aria-selected"), tab.tabIndex])).to.deep.equal([
      ["Write", "tab", "true", 0],
      ["Preview", "tab", "false", -1],
    ]);
    expect(t.panel.hidden, "the preview starts closed").to.equal(true);

    await write(el, TEXT);
    t.write.focus();
    await press("ArrowRight");
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, "focus follows to the Preview tab").to.equal(t.preview);
    expect(t.preview.getAttribute("aria-selected")).to.equal("true");
    expect(t.preview.tabIndex).to.equal(0);
    expect(t.write.tabIndex).to.equal(-1);
    expect(t.panel.hidden).to.equal(false);
    expect(t.panel.getAttribute("role")).to.equal("tabpanel");
    expect(t.panel.getAttribute("aria-labelledby")).to.equal(t.preview.id);
    expect(textarea(el).closest<HTMLElement>("[role=tabpanel]")!.hidden, "the textarea is out of view").to.equal(true);
    expect(t.panel.querySelector("em")!.textContent).to.equal("emphasis");
    expect(markup(t.panel), "the same markup as the thread's comment").to.equal(markup(part(el, "comment-body")!));
    await expect(el).to.be.accessible();

    await press("ArrowLeft");
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(t.write);
    expect(t.panel.hidden).to.equal(true);
    expect(textarea(el).value, "the text is untouched").to.equal(TEXT);
    await press("End");
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(t.preview);
    await press("Home");
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(t.write);

    typeInto(textarea(el), "   ");
    t.preview.click();
    await el.updateComplete;
    expect(t.panel.textContent!.trim()).to.equal("Nothing to preview yet.");
  });

  it("keeps the draft across tab switches and a reload, and sends from the Preview tab", async () => {
    const { org, slug } = await guestThread();
    const el = await composerOf(org.slug, slug);
    await write(el, TEXT);
    tabs(el).preview.click();
    await el.updateComplete;
    tabs(el).write.click();
    tabs(el).preview.click();
    await el.updateComplete;
    expect(textarea(el).value).to.equal(TEXT);

    el.remove();
    const again = await composerOf(org.slug, slug);
    expect(textarea(again).value, "the draft survives a reload").to.equal(TEXT);
    tabs(again).preview.click();
    await again.updateComplete;
    expect(tabs(again).panel.querySelector("a")!.getAttribute("href")).to.equal("https://example.com");

    typeInto(again.shadowRoot!.querySelector<HTMLInputElement>("#composer-main-name")!, "Pia Preview");
    part(again, "submit-button")!.click();
    await eventually(() => bodies(again).length === 1, "the comment is sent");
    await eventually(() => textarea(again).value === "", "the form empties");
    expect(tabs(again).write.getAttribute("aria-selected"), "the next comment starts on Write").to.equal("true");
    expect(textarea(again).closest<HTMLElement>("[role=tabpanel]")!.hidden).to.equal(false);
  });
});
