import { expect, oneEvent } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { createOrganization, signUp, unique } from "./helpers/backend.js";
import {
  bodies,
  commentAs,
  forgetSession,
  loaded,
  mountThread,
  pressCtrlEnter,
  signedIn,
  signInThroughForm,
  textarea,
  typeInto,
  write,
} from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";

const PASSWORD = "correct horse battery";

/** The button labelled `label` inside `root` (the element's shadow root by default). */
function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll("button")].find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no "${label}" button`);
  return found;
}

function activeId(el: PostComments): string | undefined {
  return el.shadowRoot!.activeElement?.id;
}

async function newReaderThread() {
  const org = await createOrganization();
  const { slug } = await org.publish("Talk");
  return { org, slug };
}

describe("<post-comments> for writers", function () {
  // Signing in hashes a password in the local backend: slow on a busy machine.
  this.timeout(60_000);
  afterEach(forgetSession);

  it("signs up, posts, edits and deletes a comment, then signs out, accessibly", async () => {
    const { org, slug } = await newReaderThread();
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await expect(el).to.be.accessible();

    const signInEvent = oneEvent(el, "lp-sign-in");
    await signInThroughForm(el, {
      name: "Sam Signup",
      email: `${unique("sam")}@example.com`,
      password: PASSWORD,
      beforeSubmit: () => expect(el).to.be.accessible(),
    });
    expect((await signInEvent).detail.name).to.equal("Sam Signup");
    await signedIn(el);
    expect(el.shadowRoot!.querySelector(".account")!.textContent).to.contain("Signed in as Sam Signup");
    await expect(el).to.be.accessible();

    // Composing: live counter, then send.
    await write(el, "Hello from **Sam**");
    await el.updateComplete;
    expect(part(el, "char-count")!.textContent).to.equal("18 / 5,000");
    await expect(el).to.be.accessible();
    const created = oneEvent(el, "lp-comment-create");
    part(el, "submit-button")!.click();
    const { commentId, status } = (await created).detail;
    expect(status).to.equal("visible");
    await eventually(() => el.shadowRoot!.querySelector(`[data-id="${commentId}"]`), "the comment appears");
    expect(bodies(el)).to.deep.equal(["Hello from Sam"]);
    expect(part(el, "comment-author")!.textContent).to.equal("Sam Signup");
    expect(textarea(el).value).to.equal("");
    await eventually(() => part(el, "count")!.textContent === "1 comment", "the count follows");

    // Edit.
    button(part(el, "comment-actions")!, "Edit").click();
    await el.updateComplete;
    const editor = el.shadowRoot!.querySelector<HTMLTextAreaElement>(`#edit-${commentId}`)!;
    expect(editor.value).to.equal("Hello from **Sam**");
    expect(activeId(el)).to.equal(`edit-${commentId}`);
    typeInto(editor, "Hello again");
    const edited = oneEvent(el, "lp-comment-edit");
    button(editor.form!, "Save").click();
    expect((await edited).detail.commentId).to.equal(commentId);
    await eventually(() => bodies(el)[0] === "Hello again", "the edit shows");
    expect(el.shadowRoot!.querySelector(".comment__edited")!.textContent).to.equal("(edited)");

    // Delete, after confirming.
    button(part(el, "comment-actions")!, "Delete").click();
    await el.updateComplete;
    const confirm = el.shadowRoot!.querySelector<HTMLElement>(".confirm")!;
    expect(confirm.textContent).to.contain("Delete this comment");
    expect(parts(el, "comment").length, "nothing deleted before confirming").to.equal(1);
    const deleted = oneEvent(el, "lp-comment-delete");
    button(confirm, "Delete").click();
    expect((await deleted).detail.commentId).to.equal(commentId);
    await eventually(() => part(el, "empty"), "the thread is empty again");
    await eventually(() => part(el, "count")!.textContent === "0 comments", "the count follows");

    // Sign out.
    const signedOut = oneEvent(el, "lp-sign-out");
    part(el, "sign-out-button")!.click();
    await signedOut;
    await eventually(() => part(el, "sign-in-button") && !textarea(el), "back to signed out");
  });

  it("explains a wrong password and an email that is taken, keeping the form open", async () => {
    const { org, slug } = await newReaderThread();
    const existing = await signUp("Existing");
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: existing.email, password: "not the password" });
    await eventually(() => part(el, "sign-in-form")?.querySelector("[role=alert]"), "an error shows");
    expect(part(el, "sign-in-form")!.querySelector("[role=alert]")!.textContent).to.equal("Wrong email or password.");
    expect(part(el, "sign-in-form")!.querySelector<HTMLInputElement>("#auth-email")!.getAttribute("aria-invalid")).to.equal(
      "true",
    );
    await expect(el).to.be.accessible();

    button(part(el, "sign-in-form")!, "Cancel").click();
    await el.updateComplete;
    // Sign-up answers every address alike; the sign-in after it is what fails, with another password.
    await signInThroughForm(el, { name: "Copycat", email: existing.email, password: "another password" });
    await eventually(() => part(el, "sign-in-form")?.querySelector("[role=alert]"), "an error shows");
    expect(part(el, "sign-in-form")!.querySelector("[role=alert]")!.textContent).to.contain("already exists");
  });

  it("is used by keyboard alone: open the form, sign in, write and send with Ctrl+Enter", async () => {
    const { org, slug } = await newReaderThread();
    const reader = await signUp("Kim Keys");
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await eventually(() => part(el, "sign-in-button"), "the sign-in button appears");
    part(el, "sign-in-button")!.focus();
    await sendKeys({ press: "Enter" });
    await eventually(() => activeId(el) === "auth-email", "focus moves to the email field");
    await sendKeys({ type: reader.email });
    await sendKeys({ press: "Tab" });
    expect(activeId(el)).to.equal("auth-password");
    await sendKeys({ type: PASSWORD });
    await sendKeys({ press: "Enter" });
    await signedIn(el);
    await eventually(() => activeId(el) === "composer-main", "focus moves to the composer");
    await sendKeys({ type: "Typed, not clicked" });
    await pressCtrlEnter();
    await eventually(() => bodies(el).includes("Typed, not clicked"), "the comment is sent");
    await eventually(() => textarea(el).value === "", "the composer empties");
  });

  it("restores a stored session on the next visit", async () => {
    const { org, slug } = await newReaderThread();
    const reader = await signUp("Returning Reader");
    const first = await mountThread(org.slug, slug);
    await loaded(first);
    await signInThroughForm(first, { email: reader.email, password: PASSWORD });
    await signedIn(first);
    first.remove();

    const second = await mountThread(org.slug, slug);
    await signedIn(second);
    expect(second.shadowRoot!.querySelector(".account")!.textContent).to.contain("Returning Reader");
    expect(part(second, "sign-in-form")).to.equal(null);
  });

  it("shows an optimistic comment at once and replaces it exactly once", async () => {
    const { org, slug } = await newReaderThread();
    const reader = await signUp("Quick Quinn");
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);

    const text = "Optimism is a strategy";
    let most = 0;
    const ids = new Set<string>();
    const observer = new MutationObserver(() => {
      const matching = parts(el, "comment").filter(
        (c) => c.querySelector("[part~=comment-body]")?.textContent?.trim() === text,
      );
      most = Math.max(most, matching.length);
      for (const c of matching) ids.add(c.dataset.id!);
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true, attributes: true });
    try {
      await write(el, text);
      await el.updateComplete;
      const created = oneEvent(el, "lp-comment-create");
      part(el, "submit-button")!.click();
      await el.updateComplete;
      const sending = parts(el, "comment").find((c) => c.getAttribute("aria-busy") === "true");
      expect(sending, "the comment shows before the server answers").to.exist;
      expect(sending!.textContent).to.contain("Sending…");
      expect(sending!.querySelector("[part~=comment-author]")!.textContent).to.equal("Quick Quinn");
      const { commentId } = (await created).detail;
      await eventually(() => el.shadowRoot!.querySelector(`[data-id="${commentId}"]`), "the saved comment shows");
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      observer.disconnect();
    }
    expect(most, "never shown twice").to.equal(1);
    expect([...ids].filter((id) => id.startsWith("optimistic:")).length).to.equal(1);
    expect(ids.size, "one optimistic row, then one real row").to.equal(2);
    expect(parts(el, "comment").length).to.equal(1);
    expect(part(el, "comment")!.hasAttribute("aria-busy")).to.equal(false);
  });

  it("keeps the draft when the server rejects it, and across a reload", async () => {
    const { org, slug } = await newReaderThread();
    const reader = await signUp("Dora Draft");
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    // A control character is refused by the backend (INVALID_ARGUMENT).
    const draft = "Looks fine \u0001 but is not";
    await write(el, draft);
    const error = oneEvent(el, "lp-error");
    part(el, "submit-button")!.click();
    expect((await error).detail.code).to.equal("INVALID_ARGUMENT");
    await eventually(() => part(el, "composer")!.querySelector("[role=alert]"), "the error shows");
    expect(part(el, "composer")!.querySelector("[role=alert]")!.textContent).to.equal("That input isn't valid.");
    expect(textarea(el).value).to.equal(draft);
    expect(parts(el, "comment").length, "the optimistic comment is gone").to.equal(0);
    await expect(el).to.be.accessible();

    el.remove();
    const again = await mountThread(org.slug, slug);
    await signedIn(again);
    expect(textarea(again).value).to.equal(draft);
  });

  it("says when the reader is rate limited and keeps the draft", async () => {
    const { org, slug } = await newReaderThread();
    const reader = await signUp("Rapid Ray");
    for (let i = 0; i < 5; i++) await commentAs(reader, org.slug, slug, `Burst ${i}`);
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    await write(el, "One too many");
    part(el, "submit-button")!.click();
    await eventually(() => part(el, "composer")!.querySelector("[role=alert]"), "the error shows");
    expect(part(el, "composer")!.querySelector("[role=alert]")!.textContent).to.equal(
      "Too many requests. Please wait a moment.",
    );
    expect(textarea(el).value).to.equal("One too many");
  });

  it("refuses text over the limit before sending", async () => {
    const { org, slug } = await newReaderThread();
    await org.owner.mutation("organizations:updateSettings", { allowGuestComments: true });
    const el = await mountThread(org.slug, slug);
    await eventually(() => part(el, "submit-button"), "the guest composer appears");
    await write(el, "x".repeat(5_001));
    await el.updateComplete;
    expect(part(el, "char-count")!.textContent).to.equal("5,001 / 5,000");
    expect(part<HTMLButtonElement>(el, "submit-button")!.disabled).to.equal(true);
    expect(textarea(el).getAttribute("aria-invalid")).to.equal("true");
    expect(part(el, "composer")!.textContent).to.contain("Too long: at most 5,000 characters.");
  });

  it("replies under a comment from an inline composer", async () => {
    const { org, slug } = await newReaderThread();
    const parentId = await commentAs(org.owner, org.slug, slug, "Ask me anything");
    const reader = await signUp("Ravi Reply");
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    await eventually(() => part(el, "reply-button"), "the reply button appears");
    part(el, "reply-button")!.click();
    await eventually(() => activeId(el) === `reply-${parentId}`, "the reply composer opens with focus");
    expect(part(el, "reply-button")!.getAttribute("aria-expanded")).to.equal("true");
    await sendKeys({ type: "Here is my question" });
    await pressCtrlEnter();
    await eventually(() => part(el, "replies")?.textContent?.includes("Here is my question"), "the reply shows");
    await eventually(() => !el.shadowRoot!.querySelector(`#reply-${parentId}`), "the reply composer closes");
    expect(bodies(el)).to.deep.equal(["Ask me anything", "Here is my question"]);
  });

  it("replies to a reply in the same thread, saying whom it answers and linking to it", async () => {
    const { org, slug } = await newReaderThread();
    const topId = await commentAs(org.owner, org.slug, slug, "Ask me anything");
    const ada = await signUp("Ada");
    const adaId = await commentAs(ada, org.slug, slug, "What about replies?", topId);
    const reader = await signUp("Ravi Reply");
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    const replyToAda = () => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="reply-button"][data-reply-for="${adaId}"]`);
    await eventually(replyToAda, "a reply has its own Reply button");
    replyToAda()!.click();
    await eventually(() => activeId(el) === `reply-${adaId}`, "the reply composer opens under the reply, with focus");
    expect(replyToAda()!.getAttribute("aria-expanded")).to.equal("true");
    expect(el.shadowRoot!.querySelector(`label[for="reply-${adaId}"]`)?.textContent?.trim()).to.equal("Reply to Ada");
    await sendKeys({ type: "They stay one level deep" });
    await pressCtrlEnter();
    await eventually(() => bodies(el).includes("They stay one level deep"), "the answer shows");
    await eventually(() => !el.shadowRoot!.querySelector(`#reply-${adaId}`), "the reply composer closes");

    // One level deep: the answer is the top-level comment's third row, after Ada's reply.
    expect(bodies(el)).to.deep.equal(["Ask me anything", "What about replies?", "They stay one level deep"]);
    const replies = part(el, "replies")!;
    expect(replies.querySelectorAll(":scope > li")).to.have.length(2);
    await eventually(() => part(el, "reply-to") && !part(el, "reply-to")!.closest('[aria-busy="true"]'), "the server's answer replaces the sent one");
    const link = part<HTMLAnchorElement>(el, "reply-to")!;
    expect(link.textContent!.replace(/\s+/g, " ").trim()).to.equal("↪In reply to Ada");
    expect(link.querySelector('[aria-hidden="true"]')!.textContent).to.equal("↪");
    await expect(el).to.be.accessible();

    link.click();
    expect(el.shadowRoot!.activeElement?.closest("li")?.dataset.id, "the link moves focus to Ada's reply").to.equal(adaId);
    expect(location.hash, "the page's URL keeps its hash").to.equal("");

    // Every reader gets the same thread from the backend: the answer under the top-level comment, naming Ada.
    const mine = await ada.query<{ page: { replies: { content: string; replyToId?: string; replyToName?: string }[] }[] }>(
      "comments:list",
      { organizationSlug: org.slug, postSlug: slug, paginationOpts: { numItems: 5, cursor: null } },
    );
    expect(mine.page[0]!.replies.map((r) => [r.content, r.replyToId ?? null, r.replyToName ?? null])).to.deep.equal([
      ["What about replies?", null, null],
      ["They stay one level deep", adaId, "Ada"],
    ]);
  });

  it("lets guests comment under a name where the organization allows it", async () => {
    const { org, slug } = await newReaderThread();
    await org.owner.mutation("organizations:updateSettings", { allowGuestComments: true });
    const el = await mountThread(org.slug, slug);
    await eventually(() => part(el, "submit-button"), "the guest composer appears");
    const name = el.shadowRoot!.querySelector<HTMLInputElement>("#composer-main-name")!;
    expect(name.autocomplete).to.equal("name");
    typeInto(name, "Gus Guest");
    await write(el, "Just passing through");
    await expect(el).to.be.accessible();
    const created = oneEvent(el, "lp-comment-create");
    part(el, "submit-button")!.click();
    await eventually(() => bodies(el).includes("Just passing through"), "the comment shows");
    await created;
    expect(part(el, "comment-author")!.textContent).to.equal("Gus Guest");
  });

  it("holds a guest's comment that fills the hidden field or comes too soon, saying only that it waits", async () => {
    const { org, slug } = await newReaderThread();
    await org.owner.mutation("organizations:updateSettings", { allowGuestComments: true, guestHoneypot: true });
    const el = await mountThread(org.slug, slug);
    await eventually(() => part(el, "submit-button"), "the guest composer appears");
    typeInto(el.shadowRoot!.querySelector<HTMLInputElement>("#composer-main-name")!, "Bot");
    const trap = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(trap.tabIndex, "the hidden field is out of the tab order").to.equal(-1);
    await expect(el).to.be.accessible();
    // A form-filling bot sets every field's value, without input events.
    trap.value = "https://spam.example";
    await write(el, "Cheap pills");
    part(el, "submit-button")!.click();
    await eventually(
      () => el.shadowRoot!.querySelector(".notice")?.textContent === "Thanks! Your comment appears once a moderator approves it.",
      "the guest is told the comment waits",
    );

    // The same guest sends at once after the form reappears: too fast for a one-minute minimum.
    await org.owner.mutation("organizations:updateSettings", { guestHoneypot: false, guestMinSubmitSeconds: 60 });
    trap.value = "";
    await write(el, "Hello there");
    part(el, "submit-button")!.click();
    type Queued = { page: { content: string; heldReason?: string }[] };
    await eventually(async () => {
      const queue = await org.owner.query<Queued>("comments:moderationQueue", { paginationOpts: { numItems: 10, cursor: null } });
      return JSON.stringify(queue.page.map((c) => [c.content, c.heldReason])) ===
        JSON.stringify([["Cheap pills", "honeypot"], ["Hello there", "too_fast"]]);
    }, "both wait in the queue with their reasons");
    // The writer's own optimistic copy lasts until the mutation's answer reaches this page.
    await eventually(() => bodies(el).length === 0, "readers of the thread see neither");
  });

  it("shows a shadow-banned reader their comment as published, and nobody else", async () => {
    const { org, slug } = await newReaderThread();
    const reader = await signUp("Shady Sam");
    const { _id: userId } = await reader.mutation<{ _id: string }>("users:ensureViewer");
    await org.owner.mutation("bans:ban", { userId, shadow: true });
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    await write(el, "Only I can see this");
    const created = oneEvent(el, "lp-comment-create");
    part(el, "submit-button")!.click();
    expect((await created).detail.status).to.equal("visible");
    await eventually(() => bodies(el).includes("Only I can see this"), "the writer sees the comment");
    expect(part(el, "pending-badge"), "as published, not as waiting").to.not.exist;
    expect(part(el, "composer")!.textContent).to.not.contain("moderator");

    // Another visit, signed out: the thread is empty.
    forgetSession();
    el.remove();
    const other = await mountThread(org.slug, slug);
    await loaded(other);
    expect(bodies(other)).to.deep.equal([]);
  });

  it("refuses a banned reader's comment, keeping the draft", async () => {
    const { org, slug } = await newReaderThread();
    const reader = await signUp("Banned Bo");
    const { _id: userId } = await reader.mutation<{ _id: string }>("users:ensureViewer");
    await org.owner.mutation("bans:ban", { userId });
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    await write(el, "Let me back in");
    const refused = oneEvent(el, "lp-error");
    part(el, "submit-button")!.click();
    // The widget says it in the reader's language; the page's lp-error carries the server's sentence.
    expect((await refused).detail).to.deep.equal({
      code: "FORBIDDEN",
      message: `You cannot comment on Org ${org.slug}: a moderator has banned this account.`,
    });
    await eventually(() => part(el, "error"), "the refusal shows");
    expect(part(el, "error")!.textContent).to.equal("You can't comment in this community.");
    expect(textarea(el).value).to.equal("Let me back in");
    expect(bodies(el)).to.deep.equal([]);
  });

  it("creates the thread of an unknown page with its first comment", async () => {
    const org = await createOrganization();
    // Readers (not members) may start threads only where the organization says so.
    await org.owner.mutation("organizations:updateSettings", { autoCreateThreadsBy: "signedIn" });
    const reader = await signUp("First Frida");
    const slug = unique("static-page");
    const el = await mountThread(org.slug, slug, { postTitle: "A static page" });
    await loaded(el);
    expect(part(el, "empty")).to.exist;
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    await write(el, "First!");
    const created = oneEvent(el, "lp-comment-create");
    part(el, "submit-button")!.click();
    await created;
    await eventually(() => bodies(el).includes("First!"), "the comment shows");
    await eventually(() => part(el, "count")!.textContent === "1 comment", "the new thread counts it");
    const post = await reader.query<{ title: string } | null>("posts:getBySlug", { organizationSlug: org.slug, slug });
    expect(post!.title).to.equal("A static page");
  });

  it("marks pending comments for their author and lets an admin approve or remove in the widget", async () => {
    const { org, slug } = await newReaderThread();
    await org.owner.mutation("organizations:updateSettings", { preModeration: true });
    await commentAs(org.owner, org.slug, slug, "Admins skip the queue");
    const reader = await signUp("Patient Pat");
    const el = await mountThread(org.slug, slug);
    await loaded(el);
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    await write(el, "Please let me in");
    part(el, "submit-button")!.click();
    await eventually(() => part(el, "pending-badge"), "the pending comment shows to its author");
    expect(part(el, "pending-badge")!.textContent).to.equal("Waiting for a moderator");
    expect(part(el, "composer")!.textContent).to.contain("appears once a moderator approves it");
    expect(part(el, "count")!.textContent, "readers do not count it yet").to.equal("1 comment");
    await expect(el).to.be.accessible();

    // The admin, signed in through another element on another visit.
    el.remove();
    forgetSession();
    const admin = await mountThread(org.slug, slug);
    await loaded(admin);
    expect(bodies(admin)).to.deep.equal(["Admins skip the queue"]);
    await signInThroughForm(admin, { email: org.owner.email, password: PASSWORD });
    await signedIn(admin);
    const queue = await org.owner.query<{ page: { _id: string }[] }>("comments:moderationQueue", {
      paginationOpts: { numItems: 10, cursor: null },
    });
    await org.owner.mutation("comments:moderate", { commentId: queue.page[0]!._id, action: "approve" });
    await eventually(() => bodies(admin).includes("Please let me in"), "the approved comment shows");
    const patsComment = parts(admin, "comment").find((c) => c.textContent!.includes("Please let me in"))!;
    const removed = oneEvent(admin, "lp-comment-delete");
    button(patsComment, "Remove").click();
    await eventually(() => !bodies(admin).includes("Please let me in"), "the removed comment goes");
    await removed;
    await eventually(() => part(admin, "count")!.textContent === "1 comment", "the count follows");
  });
});
