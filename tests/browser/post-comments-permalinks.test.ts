import { expect, fixture, html } from "@open-wc/testing";
import { resetMouse, sendKeys, sendMouse } from "@web/test-runner-commands";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { backendUrls, createOrganization, signUp } from "./helpers/backend.js";
import { commentAs, forgetSession, loaded } from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";

const GONE = "This comment was removed or doesn't exist.";

/** The thread below a screenful of text, so following a link has to connect it and scroll. */
async function mountBelowTheFold(org: string, post: string, pageSize = 20): Promise<PostComments> {
  const { url, siteUrl } = await backendUrls();
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <div style="height: 3000px">An article</div>
    <post-comments deployment=${url} auth-url=${siteUrl} org=${org} post=${post} page-size=${pageSize}></post-comments>
  </div>`);
  return wrapper.querySelector("post-comments")!;
}

/** The rendered comment `id` (top-level or reply). */
const commentEl = (el: PostComments, id: string) => el.shadowRoot!.getElementById(`comment-${id}`);

/** `id` is shown, marked as the linked comment, in the viewport, and holds the focus. */
async function linkedAndFocused(el: PostComments, id: string) {
  await eventually(
    () => commentEl(el, id)?.part.contains("linked-comment") && el.shadowRoot!.activeElement,
    `comment ${id} is marked and focused`,
  );
  const comment = commentEl(el, id)!;
  expect(el.shadowRoot!.activeElement, "focus is on the comment").to.equal(comment.querySelector(":scope > article"));
  expect(document.activeElement, "the element holds the page's focus").to.equal(el);
  const { top, bottom } = comment.getBoundingClientRect();
  expect(top >= 0 && bottom > 0 && top < innerHeight, `the comment is in view (top ${top}, viewport ${innerHeight})`).to.equal(true);
  expect(parts(el, "linked-comment").length, "one comment is marked").to.equal(1);
}

const liveRegion = (el: PostComments) => el.shadowRoot!.querySelector("[aria-live=polite]")!.textContent!.trim();

describe("<post-comments> links to one comment", function () {
  this.timeout(60_000);
  afterEach(() => {
    forgetSession();
    history.replaceState(null, "", location.pathname + location.search);
    scrollTo(0, 0);
  });

  it("opens on a comment of page 3: loads the pages, scrolls to it and focuses it, accessibly", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Long thread");
    // Two writers: each may send only a few comments a minute.
    const writers = [org.owner, await signUp("Second Writer")];
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) ids.push(await commentAs(writers[i % 2]!, org.slug, slug, `Comment ${i}`));
    const target = ids[5]!;
    history.replaceState(null, "", `#comment-${target}`);

    const el = await mountBelowTheFold(org.slug, slug, 2);
    await linkedAndFocused(el, target);
    expect(parts(el, "comment").length, "three pages of two").to.equal(6);
    expect(commentEl(el, target)!.querySelector("[part~=comment-body]")!.textContent!.trim()).to.equal("Comment 6");
    expect(getComputedStyle(commentEl(el, target)!.querySelector("article")!).backgroundColor, "highlighted").to.not.equal(
      "rgba(0, 0, 0, 0)",
    );
    expect(part(el, "permalink-notice")).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("follows hashchange to a reply on a later page, and moves the mark from one comment to the next", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Replies");
    const first = await commentAs(org.owner, org.slug, slug, "First");
    await commentAs(org.owner, org.slug, slug, "Second");
    const third = await commentAs(org.owner, org.slug, slug, "Third");
    const reply = await commentAs(org.owner, org.slug, slug, "A reply to the third", third);

    const el = await mountBelowTheFold(org.slug, slug, 2);
    el.scrollIntoView();
    await loaded(el);
    expect(commentEl(el, reply), "the reply is not on the first page").to.equal(null);
    location.hash = `#comment-${reply}`;
    await linkedAndFocused(el, reply);
    expect(commentEl(el, reply)!.closest("[part~=replies]"), "it is the reply, under its comment").to.exist;

    location.hash = `#comment-${first}`;
    await linkedAndFocused(el, first);
    expect(commentEl(el, reply)!.part.contains("linked-comment"), "the earlier comment is no longer marked").to.equal(false);
  });

  it("says politely when the linked comment was removed or never existed", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Moderated");
    await commentAs(org.owner, org.slug, slug, "Stays");
    await commentAs(org.owner, org.slug, slug, "Stays too");
    const removed = await commentAs(org.owner, org.slug, slug, "Goes");
    await org.owner.mutation("comments:moderate", { commentId: removed, action: "remove" });
    history.replaceState(null, "", `#comment-${removed}`);

    const el = await mountBelowTheFold(org.slug, slug, 1);
    await eventually(() => part(el, "permalink-notice"), "the notice shows");
    expect(part(el, "permalink-notice")!.textContent!.trim()).to.equal(GONE);
    await eventually(() => liveRegion(el) === GONE, "and is announced");
    expect(parts(el, "comment").length, "no page loaded in vain").to.equal(1);
    expect(parts(el, "linked-comment")).to.deep.equal([]);
    await expect(el).to.be.accessible();

    location.hash = "#elsewhere";
    await eventually(() => !part(el, "permalink-notice"), "the notice goes with the link");
    location.hash = "#comment-nonsense";
    await eventually(() => part(el, "permalink-notice"), "an unknown comment gets the notice too");
    expect(part(el, "permalink-notice")!.textContent!.trim()).to.equal(GONE);
  });

  describe("Copy link", () => {
    const nativeWriteText = navigator.clipboard.writeText;
    afterEach(async () => {
      navigator.clipboard.writeText = nativeWriteText;
      await resetMouse();
    });

    async function threadWithComment() {
      const org = await createOrganization();
      const { slug } = await org.publish("Copy me");
      const id = await commentAs(org.owner, org.slug, slug, "Worth linking");
      const reply = await commentAs(org.owner, org.slug, slug, "A reply", id);
      const el = await mountBelowTheFold(org.slug, slug);
      el.scrollIntoView();
      await eventually(() => commentEl(el, reply), "the thread loads");
      const button = (id: string) => commentEl(el, id)!.querySelector<HTMLButtonElement>(":scope > article [part~=permalink-button]")!;
      const linkTo = (id: string) => `${location.origin}${location.pathname}${location.search}#comment-${id}`;
      return { el, id, reply, button, linkTo };
    }

    /** Clicks as a person does (the browser lets a page copy only in answer to one). */
    async function click(target: HTMLElement) {
      target.scrollIntoView({ block: "center" });
      const { x, y, width, height } = target.getBoundingClientRect();
      await sendMouse({ type: "click", position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
    }

    /** What Ctrl+V pastes from the browser's clipboard. */
    async function pasted(): Promise<string> {
      const field = document.createElement("textarea");
      document.body.append(field);
      field.focus();
      await sendKeys({ down: "Control" });
      await sendKeys({ press: "v" });
      await sendKeys({ up: "Control" });
      field.remove();
      return field.value;
    }

    it("copies the page's address with #comment-<id> and says so, accessibly", async () => {
      const { el, reply, button, linkTo } = await threadWithComment();
      expect(button(reply).textContent!.trim()).to.equal("Copy link");
      await click(button(reply));
      await eventually(() => liveRegion(el) === "Link copied", "the copy is announced");
      expect(button(reply).textContent!.trim(), "the button says so too").to.equal("Link copied");
      expect(el.shadowRoot!.activeElement, "focus stays on the button").to.equal(button(reply));
      await expect(el).to.be.accessible();
      expect(await pasted()).to.equal(linkTo(reply));
      await eventually(() => button(reply).textContent!.trim() === "Copy link", "the label comes back", 6000);
    });

    it("copies through a selection where the Clipboard API refuses", async () => {
      const { el, id, button, linkTo } = await threadWithComment();
      // As on a page the browser denies the clipboard permission.
      navigator.clipboard.writeText = () => Promise.reject(new DOMException("Denied", "NotAllowedError"));
      await click(button(id));
      await eventually(() => liveRegion(el) === "Link copied", "the copy is announced");
      expect(el.shadowRoot!.activeElement, "focus comes back to the button").to.equal(button(id));
      expect(part(el, "permalink-notice")).to.equal(null);
      expect(await pasted()).to.equal(linkTo(id));
    });

    it("shows the link to copy by hand when the browser allows no copying", async () => {
      const { el, id, button, linkTo } = await threadWithComment();
      navigator.clipboard.writeText = () => Promise.reject(new DOMException("Denied", "NotAllowedError"));
      // A script's click carries no user activation (once an earlier test's click has worn off): the
      // selection copy is refused as well.
      await eventually(() => !navigator.userActivation.isActive, "no recent click counts", 10_000);
      button(id).click();
      await eventually(() => part(el, "permalink-notice"), "the link is shown");
      expect(part(el, "permalink-notice")!.textContent!.trim()).to.equal(`Copy this link: ${linkTo(id)}`);
      expect(liveRegion(el)).to.equal(`Copy this link: ${linkTo(id)}`);
    });
  });
});
