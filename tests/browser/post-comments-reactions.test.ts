import { expect } from "@open-wc/testing";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { createOrganization, signUp, type Person } from "./helpers/backend.js";
import { commentAs, forgetSession, loaded, mountThread, signedIn, signInThroughForm } from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";

type Counts = { targetId: string; counts: Record<string, number> }[];

/** The reaction bar inside the comment whose body reads `text`, or under the post's heading. */
function barOf(el: PostComments, text?: string): HTMLElement | null {
  if (text === undefined) return part(el, "header")!.querySelector<HTMLElement>("[part=reactions]");
  const comment = parts(el, "comment").find((c) => c.querySelector("[part=comment-body]")?.textContent?.trim() === text);
  return comment?.querySelector<HTMLElement>("[part=reactions]") ?? null;
}

/** The reaction toggles (or counts) of a bar, as "emoji count" and pressed state. */
function reactionsIn(bar: HTMLElement | null): string[] {
  return [...(bar?.querySelectorAll<HTMLElement>(":scope > [part=reaction]") ?? [])].map(
    (r) => `${r.textContent!.trim().replace(/\s+/g, " ")}${r.getAttribute("aria-pressed") === "true" ? " (mine)" : ""}`,
  );
}

function reactionButton(bar: HTMLElement | null, emoji: string): HTMLButtonElement {
  const button = [...(bar?.querySelectorAll<HTMLButtonElement>("button[part=reaction]") ?? [])].find((b) =>
    b.textContent!.includes(emoji),
  );
  if (!button) throw new Error(`no ${emoji} button`);
  return button;
}

/** Picks `emoji` from the bar's picker, opened with its button. */
async function pick(el: PostComments, bar: () => HTMLElement | null, emoji: string) {
  bar()!.querySelector<HTMLButtonElement>("[part=reaction-picker-button]")!.click();
  await eventually(() => bar()!.querySelector("[part=reaction-picker]"), "the picker opens");
  await expect(el).to.be.accessible();
  reactionButton(bar()!.querySelector("[part=reaction-picker]"), emoji).click();
}

async function countsSeenBy(person: Person, org: string, post: string, commentIds: string[]): Promise<Counts> {
  return await person.query<Counts>("reactions:counts", { organizationSlug: org, postSlug: post, commentIds });
}

describe("<post-comments> reactions", function () {
  // Signing in hashes a password in the local backend: slow on a busy machine.
  this.timeout(60_000);
  afterEach(forgetSession);

  it("a guest reacts with one click; another reader's reactions arrive live, and theirs reach the other", async () => {
    const org = await createOrganization();
    const { postId, slug } = await org.publish("Reactions");
    await org.owner.mutation("organizations:updateSettings", { allowGuestComments: true });
    const other = await signUp("Other Reader");
    const commentId = await commentAs(other, org.slug, slug, "React to this");

    const el = await mountThread(org.slug, slug);
    const events: unknown[] = [];
    el.addEventListener("lp-reaction", (e) => events.push(e.detail));
    await loaded(el);
    await eventually(() => barOf(el, "React to this"), "a bar to react with under the comment");
    expect(reactionsIn(barOf(el, "React to this")), "nothing counted yet").to.deep.equal([]);

    // The other reader's reaction arrives live.
    await other.mutation("reactions:set", { targetId: commentId, kind: "heart", on: true });
    await eventually(() => reactionsIn(barOf(el, "React to this"))[0] === "❤️ 1", "the other reader's ❤️ arrives");
    const heart = reactionButton(barOf(el, "React to this"), "❤️");
    expect(heart.getAttribute("aria-label")).to.equal("❤️ 1, react with heart");
    expect(heart.getAttribute("aria-pressed")).to.equal("false");

    // One click adds this reader's own, shown pressed at once and counted for the other reader.
    heart.click();
    await eventually(() => reactionsIn(barOf(el, "React to this"))[0] === "❤️ 2 (mine)", "one click: ❤️ 2, pressed");
    await eventually(
      async () => (await countsSeenBy(other, org.slug, slug, [commentId]))[0]?.counts.heart === 2,
      "the other reader counts 2",
    );
    await eventually(() => events.length === 1, "lp-reaction once the server saved it");
    expect(events).to.deep.equal([{ targetId: commentId, kind: "heart", on: true }]);

    // A kind not shown yet comes from the picker.
    await pick(el, () => barOf(el, "React to this"), "🚀");
    await eventually(
      () => reactionsIn(barOf(el, "React to this")).join() === "❤️ 2 (mine),🚀 1 (mine)",
      "🚀 joins the bar, pressed",
    );
    await eventually(
      () => el.shadowRoot!.activeElement === reactionButton(barOf(el, "React to this"), "🚀"),
      "focus moves from the closed picker to the new toggle",
    );
    // A second click takes it back.
    reactionButton(barOf(el, "React to this"), "❤️").click();
    await eventually(() => reactionsIn(barOf(el, "React to this")).join() === "❤️ 1,🚀 1 (mine)", "❤️ back to 1");

    // The post itself has a bar under its heading.
    await pick(el, () => barOf(el), "👍");
    await eventually(() => reactionsIn(barOf(el)).join() === "👍 1 (mine)", "👍 on the post");
    const expected = [
      { targetId: postId, counts: { thumbsUp: 1 } },
      { targetId: commentId, counts: { heart: 1, rocket: 1 } },
    ];
    let seen: Counts = [];
    await eventually(async () => {
      seen = await countsSeenBy(other, org.slug, slug, [commentId]);
      return JSON.stringify(seen) === JSON.stringify(expected);
    }, "the other reader sees the post's 👍 and the comment's ❤️ 1 🚀 1").catch(() => expect(seen).to.deep.equal(expected));
    await expect(el).to.be.accessible();
  });

  it("readers who may not react see the counts only, live, in the page's language", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Counts only");
    const other = await signUp("Other Reader");
    const commentId = await commentAs(other, org.slug, slug, "Counted");
    await other.mutation("reactions:set", { targetId: commentId, kind: "eyes", on: true });

    const el = await mountThread(org.slug, slug);
    el.lang = "de";
    await loaded(el);
    await eventually(() => reactionsIn(barOf(el, "Counted")).join() === "👀 1", "the count shows");
    expect(barOf(el, "Counted")!.tagName).to.equal("UL");
    expect(barOf(el, "Counted")!.getAttribute("aria-label")).to.equal("Reaktionen");
    expect(barOf(el, "Counted")!.querySelector("button"), "nothing to press").to.not.exist;

    await signUp("Third Reader").then((third) => third.mutation("reactions:set", { targetId: commentId, kind: "eyes", on: true }));
    await eventually(() => reactionsIn(barOf(el, "Counted")).join() === "👀 2", "a new reaction arrives live");
    await expect(el).to.be.accessible();
  });

  it("a refused reaction is undone and says why", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Refused");
    const reader = await signUp("Banned Ben");
    const commentId = await commentAs(org.owner, org.slug, slug, "Before the ban");
    await org.owner.mutation("reactions:set", { targetId: commentId, kind: "laugh", on: true });

    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: "correct horse battery" });
    await signedIn(el);
    await eventually(() => barOf(el, "Before the ban")?.querySelector("button"), "the bar's toggles");
    const { _id } = await reader.query<{ _id: string }>("users:viewer");
    await org.owner.mutation("bans:ban", { userId: _id });

    reactionButton(barOf(el, "Before the ban"), "😄").click();
    await eventually(() => part(el, "error"), "the refusal is shown");
    expect(part(el, "error")!.textContent!.trim()).to.equal("You aren't allowed to do that.");
    expect(reactionsIn(barOf(el, "Before the ban")), "the optimistic count is undone").to.deep.equal(["😄 1"]);
  });
});
