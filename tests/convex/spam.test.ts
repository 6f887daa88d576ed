/**
 * Spam rules of comment writing (convex/lib/spam.ts): each one holds a comment in the moderation queue
 * with its reason, which only moderators see; the writer gets "pending" as under pre-moderation.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { OrganizationSettings } from "../../convex/validators";
import { newBackend, type Backend } from "./setup";
import {
  ACME_THREAD,
  commentCount,
  commentRequests,
  expectRejectedWithoutWrites,
  getComment,
  outcome,
  snapshot,
  world,
  type Caller,
} from "./fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const thread = ACME_THREAD;
const comment = commentRequests("spam");
const guest = (extra: object = {}) => ({ guestName: "Gus Guest", ...extra });

async function setUp(settings: Partial<OrganizationSettings>) {
  const t = newBackend();
  const w = await world(t, settings);
  return { t, ...w };
}

/** Writes a comment as `as` and returns its status and the reason stored with it. */
async function write(t: Backend, as: Caller | Backend, content: string, extra: object = {}) {
  const { commentId, status } = await as.mutation(api.comments.create, comment(content, extra));
  return { commentId, status, heldReason: (await getComment(t, commentId))!.heldReason };
}

async function queue(admin: Caller) {
  return (await admin.query(api.comments.moderationQueue, { paginationOpts: { numItems: 50, cursor: null } })).page;
}

describe("settings", () => {
  test("blocked words are stored one per word, NFKC-normalised and lower-case, for admins only", async () => {
    const { t, callers } = await setUp({});
    await callers.admin.mutation(api.organizations.updateSettings, {
      blockedWords: [" Casino ", "ＣＡＳＩＮＯ", "ﬁx", "Ünïcode"],
      maxLinks: 2,
      guestHoneypot: true,
      guestMinSubmitSeconds: 3,
      trustAfterApproved: 1,
    });
    expect(await callers.admin.query(api.organizations.adminSettings, {})).toMatchObject({
      blockedWords: ["casino", "fix", "ünïcode"],
      maxLinks: 2,
      guestHoneypot: true,
      guestMinSubmitSeconds: 3,
      trustAfterApproved: 1,
    });
    // Readers never see the rules they could dodge.
    const publicView = await t.query(api.organizations.getBySlug, { slug: "acme" });
    expect(Object.keys(publicView!.settings).sort()).toEqual(["allowGuestComments", "autoCreateThreads", "preModeration"]);

    await callers.admin.mutation(api.organizations.updateSettings, { maxLinks: null });
    expect((await callers.admin.query(api.organizations.adminSettings, {})).maxLinks).toBeUndefined();
  });

  test.each([
    ["too many blocked words", { blockedWords: Array.from({ length: 201 }, (_, i) => `word${i}`) }],
    ["a blocked word too long", { blockedWords: ["a".repeat(41)] }],
    ["two words in one entry", { blockedWords: ["free money"] }],
    ["an empty blocked word", { blockedWords: ["  "] }],
    ["punctuation in a blocked word", { blockedWords: ["buy-now"] }],
    ["negative links", { maxLinks: -1 }],
    ["fractional links", { maxLinks: 1.5 }],
    ["too many links allowed", { maxLinks: 51 }],
    ["a minimum time over ten minutes", { guestMinSubmitSeconds: 601 }],
    ["trust after too many", { trustAfterApproved: 21 }],
  ])("%s: INVALID_ARGUMENT, nothing written", async (_, changes) => {
    const { t, callers } = await setUp({});
    await expectRejectedWithoutWrites(t, () => callers.admin.mutation(api.organizations.updateSettings, changes), "INVALID_ARGUMENT");
    const organization = await t.run((ctx) => ctx.db.query("organizations").withIndex("by_slug", (q) => q.eq("slug", "acme")).unique());
    expect(organization!.settings.blockedWords).toBeUndefined();
    expect(organization!.settings.maxLinks).toBeUndefined();
  });

  test("200 blocked words of 40 characters pass", async () => {
    const { callers } = await setUp({});
    const words = Array.from({ length: 200 }, (_, i) => `${"w".repeat(36)}${String(i).padStart(4, "0")}`);
    expect(await outcome(callers.admin.mutation(api.organizations.updateSettings, { blockedWords: words }))).toBe("ok");
  });
});

describe("blocked words", () => {
  test("an exact word in any case or compatibility form holds the comment; a longer word does not", async () => {
    const { t, acme, callers } = await setUp({});
    await callers.admin.mutation(api.organizations.updateSettings, { blockedWords: ["casino", "ünïcode"] });

    expect(await write(t, callers.author, "Visit the ＣＡＳＩＮＯ tonight")).toMatchObject({
      status: "pending",
      heldReason: "blocked_word",
    });
    // "U" + combining diaeresis composes to "Ü" under NFKC.
    expect(await write(t, callers.author, "Pure U\u0308ni\u0308code!")).toMatchObject({ status: "pending" });
    expect(await write(t, callers.author, "Casinos are a topic.")).toMatchObject({ status: "visible" });
    expect(await write(t, callers.author, "casino_royale counts as one word? No: two.")).toMatchObject({ status: "pending" });
    expect(await commentCount(t, acme.postId)).toBe(1);

    // The writer sees the held comments as waiting; readers do not see them; only moderators see why.
    const own = await callers.author.query(api.comments.viewerPending, thread);
    expect(own).toHaveLength(3);
    expect(own.every((c) => !("heldReason" in c))).toBe(true);
    const page = await t.query(api.comments.list, { ...thread, paginationOpts: { numItems: 20, cursor: null } });
    expect(page.page.map((c) => c.content)).toEqual(["Casinos are a topic."]);
    expect((await queue(callers.admin)).map((c) => c.heldReason)).toEqual(["blocked_word", "blocked_word", "blocked_word"]);
  });

  test("an edit that adds a blocked word sends a visible comment back to the queue", async () => {
    const { t, acme, callers } = await setUp({});
    await callers.admin.mutation(api.organizations.updateSettings, { blockedWords: ["casino"] });
    const { commentId } = await write(t, callers.author, "A fine comment");
    expect(await commentCount(t, acme.postId)).toBe(1);
    await callers.author.mutation(api.comments.edit, { commentId, content: "A fine casino" });
    expect(await getComment(t, commentId)).toMatchObject({ status: "pending", heldReason: "blocked_word" });
    expect(await commentCount(t, acme.postId)).toBe(0);
  });
});

describe("links", () => {
  test("more links than allowed hold the comment; http(s):// and www. count", async () => {
    const { t, callers } = await setUp({});
    await callers.admin.mutation(api.organizations.updateSettings, { maxLinks: 1 });
    expect(await write(t, callers.author, "See https://example.com")).toMatchObject({ status: "visible" });
    expect(await write(t, callers.author, "See https://a.example and www.b.example")).toMatchObject({
      status: "pending",
      heldReason: "links",
    });
    expect(await write(t, callers.author, "[a](HTTP://a.example) [b](http://b.example)")).toMatchObject({
      heldReason: "links",
    });
    await callers.admin.mutation(api.organizations.updateSettings, { maxLinks: 0 });
    expect(await write(t, callers.author, "Only www.example.com")).toMatchObject({ heldReason: "links" });
    expect(await write(t, callers.author, "No link at all")).toMatchObject({ status: "visible" });
  });
});

describe("guests: honeypot and time to submit", () => {
  test("a filled honeypot holds a guest's comment, only when the rule is on", async () => {
    const { t } = await setUp({ allowGuestComments: true, guestHoneypot: true });
    expect(await write(t, t, "Hello", guest({ honeypot: "http://spam.example" }))).toMatchObject({
      status: "pending",
      heldReason: "honeypot",
    });
    expect(await write(t, t, "Hello", guest({ honeypot: "" }))).toMatchObject({ status: "visible" });
    expect(await write(t, t, "Hello", guest())).toMatchObject({ status: "visible" });

    const off = await setUp({ allowGuestComments: true });
    expect(await write(off.t, off.t, "Hello", guest({ honeypot: "filled" }))).toMatchObject({ status: "visible" });
  });

  test("a guest's form sent sooner than the minimum (or without its open time) waits", async () => {
    const { t, callers } = await setUp({ allowGuestComments: true, guestMinSubmitSeconds: 5 });
    expect(await write(t, t, "Quick", guest({ formOpenMs: 1200 }))).toMatchObject({
      status: "pending",
      heldReason: "too_fast",
    });
    expect(await write(t, t, "No time", guest())).toMatchObject({ heldReason: "too_fast" });
    expect(await write(t, t, "Negative", guest({ formOpenMs: -10 }))).toMatchObject({ heldReason: "too_fast" });
    expect(await write(t, t, "Patient", guest({ formOpenMs: 5000 }))).toMatchObject({ status: "visible" });
    // The bot checks are for guests: a signed-in reader's client need not send them.
    expect(await write(t, callers.author, "Signed in")).toMatchObject({ status: "visible" });
  });

  test("a held guest's retry answers from the first attempt; caught comments still spend the guest limit", async () => {
    const { t } = await setUp({ allowGuestComments: true, guestHoneypot: true });
    const args = comment("Bot", guest({ honeypot: "x", guestKey: "guest-key-0123456789" }));
    const first = await t.mutation(api.comments.create, args);
    expect(first.status).toBe("pending");
    const before = await snapshot(t);
    expect(await t.mutation(api.comments.create, args)).toEqual(first);
    expect(await snapshot(t)).toEqual(before);

    // The guest bucket holds 10: the first caught comment and 9 more pass, the next is refused.
    for (let i = 0; i < 9; i++) {
      expect(await t.mutation(api.comments.create, comment("Bot", guest({ honeypot: "x" })))).toMatchObject({
        status: "pending",
      });
    }
    await expectRejectedWithoutWrites(
      t,
      () => t.mutation(api.comments.create, comment("Bot", guest({ honeypot: "x" }))),
      "RATE_LIMITED",
    );
  });
});

describe("new accounts", () => {
  test("an outside account waits until N of its comments are approved; members and admins do not", async () => {
    const { t, callers } = await setUp({ allowGuestComments: true, trustAfterApproved: 2 });
    const approve = (commentId: Id<"comments">) =>
      callers.admin.mutation(api.comments.moderate, { commentId, action: "approve" });

    const first = await write(t, callers.author, "First");
    expect(first).toMatchObject({ status: "pending", heldReason: "new_account" });
    await approve(first.commentId);
    const second = await write(t, callers.author, "Second");
    expect(second).toMatchObject({ status: "pending", heldReason: "new_account" });
    await approve(second.commentId);
    expect(await write(t, callers.author, "Third")).toMatchObject({ status: "visible" });

    // Trust is per organization: the same account's approvals elsewhere do not count (outsider is
    // globex's admin, a stranger to acme).
    expect(await write(t, callers.outsider, "Stranger")).toMatchObject({ heldReason: "new_account" });
    expect(await write(t, callers.member, "Member")).toMatchObject({ status: "visible" });
    expect(await write(t, callers.admin, "Admin")).toMatchObject({ status: "visible" });
    // A guest has no account to build trust with.
    expect(await write(t, t, "Guest", guest())).toMatchObject({ heldReason: "new_account" });
  });

  test("pending comments do not count as approved, and the rule is off at 0", async () => {
    const { t, callers } = await setUp({ trustAfterApproved: 1 });
    await write(t, callers.author, "One");
    expect(await write(t, callers.author, "Two")).toMatchObject({ heldReason: "new_account" });
    await callers.admin.mutation(api.organizations.updateSettings, { trustAfterApproved: 0 });
    expect(await write(t, callers.author, "Three")).toMatchObject({ status: "visible" });
  });
});

describe("all rules together", () => {
  test("an organization's admin is never held; the first rule caught is the one recorded", async () => {
    const { t, callers } = await setUp({ allowGuestComments: true, guestHoneypot: true, preModeration: true });
    await callers.admin.mutation(api.organizations.updateSettings, { blockedWords: ["casino"], maxLinks: 0 });
    expect(await write(t, callers.admin, "casino www.example.com")).toMatchObject({ status: "visible" });
    expect(await write(t, t, "casino", guest({ honeypot: "x" }))).toMatchObject({ heldReason: "honeypot" });
    expect(await write(t, callers.member, "casino www.example.com")).toMatchObject({ heldReason: "blocked_word" });
    expect(await write(t, callers.member, "Plain")).toMatchObject({ heldReason: "pre_moderation" });
  });

  test("a held signed-in writer still spends the per-user limit", async () => {
    const { t, callers } = await setUp({});
    await callers.admin.mutation(api.organizations.updateSettings, { maxLinks: 0 });
    for (let i = 0; i < 5; i++) {
      expect(await write(t, callers.author, "www.example.com")).toMatchObject({ status: "pending" });
    }
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.comments.create, comment("www.example.com")),
      "RATE_LIMITED",
    );
  });
});
