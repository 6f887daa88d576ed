/** Reactions (convex/reactions.ts): one of each kind per reader, exact sharded counts, the throttled score. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend, type Backend } from "./setup";
import {
  ACME_THREAD,
  addComment,
  expectRejectedWithoutWrites,
  getComment,
  insertUser,
  outcome,
  snapshot,
  world,
} from "./fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const thread = ACME_THREAD;
const GUEST_KEY = "guest-key-0123456789";

/** acme with one visible comment by `author`. */
async function setUp(settings: { allowGuestComments?: boolean } = {}) {
  const t = newBackend();
  const w = await world(t, settings);
  const { commentId } = await w.callers.author.mutation(api.comments.create, {
    ...thread,
    content: "React to me",
    clientRequestId: "reacted-1",
  });
  return { t, ...w, commentId };
}

const countsOf = (t: Backend, commentIds: Id<"comments">[]) => t.query(api.reactions.counts, { ...thread, commentIds });

describe("set", () => {
  test("toggles one reaction of each kind per reader, idempotently, on a comment and on the post", async () => {
    const { t, acme, callers, commentId } = await setUp();
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true });
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true });
    await callers.admin.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true });
    await callers.admin.mutation(api.reactions.set, { targetId: commentId, kind: "rocket", on: true });
    await callers.author.mutation(api.reactions.set, { targetId: acme.postId, kind: "thumbsUp", on: true });
    expect(await countsOf(t, [commentId])).toEqual([
      { targetId: acme.postId, counts: { thumbsUp: 1 } },
      { targetId: commentId, counts: { heart: 2, rocket: 1 } },
    ]);

    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: false });
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: false });
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "eyes", on: false });
    expect(await countsOf(t, [commentId])).toEqual([
      { targetId: acme.postId, counts: { thumbsUp: 1 } },
      { targetId: commentId, counts: { heart: 1, rocket: 1 } },
    ]);
    const rows = await t.run((ctx) => ctx.db.query("reactions").withIndex("by_postId_reactorKey_targetId_kind").collect());
    expect(rows).toHaveLength(3);
  });

  test("counts stay exact across shards under many reactors", async () => {
    const { t, acme, callers, commentId } = await setUp();
    const readers = await Promise.all(Array.from({ length: 40 }, (_, i) => insertUser(t, `Reader ${i}`)));
    for (const reader of readers) await reader.as.mutation(api.reactions.set, { targetId: commentId, kind: "hooray", on: true });
    for (const reader of readers.slice(0, 15)) {
      await reader.as.mutation(api.reactions.set, { targetId: commentId, kind: "hooray", on: false });
    }
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "laugh", on: true });
    expect(await countsOf(t, [commentId])).toEqual([{ targetId: commentId, counts: { hooray: 25, laugh: 1 } }]);
    const shards = await t.run((ctx) =>
      ctx.db
        .query("reactionCounts")
        .withIndex("by_postId_targetId_shard", (q) => q.eq("postId", acme.postId).eq("targetId", commentId))
        .collect(),
    );
    expect(shards.length).toBeGreaterThan(1);
    expect(shards.length).toBeLessThanOrEqual(8);
    for (const shard of shards) expect(shard.counts.hooray ?? 0).toBeGreaterThanOrEqual(0);
  });

  test("a removed or unknown comment is NOT_FOUND, an unknown kind INVALID_ARGUMENT; nothing written", async () => {
    const { t, acme, callers, commentId } = await setUp();
    const removed = await addComment(t, acme.postId, { content: "Gone", status: "removed" });
    const pending = await addComment(t, acme.postId, { content: "Waiting", status: "pending" });
    const react = (targetId: string, kind = "heart") => () =>
      callers.member.mutation(api.reactions.set, { targetId, kind, on: true });
    await expectRejectedWithoutWrites(t, react(removed), "NOT_FOUND");
    await expectRejectedWithoutWrites(t, react(pending), "NOT_FOUND");
    await expectRejectedWithoutWrites(t, react(acme.draftId), "NOT_FOUND");
    await expectRejectedWithoutWrites(t, react(acme.organizationId), "NOT_FOUND");
    await expectRejectedWithoutWrites(t, react("not-an-id"), "NOT_FOUND");
    await expectRejectedWithoutWrites(t, react(commentId, "tada"), "INVALID_ARGUMENT");
    await expectRejectedWithoutWrites(t, react(commentId, "+1"), "INVALID_ARGUMENT");
  });

  test("guests react by their key where the organization allows guest comments, and only there", async () => {
    const closed = await setUp();
    await expectRejectedWithoutWrites(
      closed.t,
      () => closed.t.mutation(api.reactions.set, { targetId: closed.commentId, kind: "heart", on: true, guestKey: GUEST_KEY }),
      "UNAUTHENTICATED",
    );

    const open = await setUp({ allowGuestComments: true });
    await expectRejectedWithoutWrites(
      open.t,
      () => open.t.mutation(api.reactions.set, { targetId: open.commentId, kind: "heart", on: true }),
      "INVALID_ARGUMENT",
    );
    await expectRejectedWithoutWrites(
      open.t,
      () => open.t.mutation(api.reactions.set, { targetId: open.commentId, kind: "heart", on: true, guestKey: "short" }),
      "INVALID_ARGUMENT",
    );
    await open.t.mutation(api.reactions.set, { targetId: open.commentId, kind: "heart", on: true, guestKey: GUEST_KEY });
    await open.t.mutation(api.reactions.set, { targetId: open.commentId, kind: "heart", on: true, guestKey: GUEST_KEY });
    expect(await countsOf(open.t, [open.commentId])).toEqual([{ targetId: open.commentId, counts: { heart: 1 } }]);
    expect(await open.t.query(api.reactions.viewerReactions, { ...thread, guestKey: GUEST_KEY })).toEqual([
      { targetId: open.commentId, kind: "heart" },
    ]);
    expect(await open.t.query(api.reactions.viewerReactions, { ...thread, guestKey: "another-guest-key-42" })).toEqual([]);
  });

  test("a banned account is refused; a shadow-banned one's reactions are dropped without a word", async () => {
    const { t, callers, people, commentId } = await setUp();
    await callers.admin.mutation(api.bans.ban, { userId: people.author.userId });
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true }),
      "FORBIDDEN",
    );
    await callers.admin.mutation(api.bans.ban, { userId: people.outsider.userId, shadow: true });
    const before = await snapshot(t);
    expect(await outcome(callers.outsider.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true }))).toBe("ok");
    expect(await snapshot(t)).toEqual(before);
  });

  test("is rate-limited per account: the 21st change in a burst is RATE_LIMITED and writes nothing", async () => {
    const { t, callers, commentId } = await setUp();
    for (let i = 0; i < 20; i++) {
      await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "eyes", on: i % 2 === 0 });
    }
    await expectRejectedWithoutWrites(
      t,
      () => callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "eyes", on: true }),
      "RATE_LIMITED",
    );
    // A change that changes nothing spends no token.
    expect(await outcome(callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "eyes", on: false }))).toBe("ok");
    expect(await outcome(callers.admin.mutation(api.reactions.set, { targetId: commentId, kind: "eyes", on: true }))).toBe("ok");
  });
});

describe("reactionScore", () => {
  test("is copied once per second at most, however many reactions arrive meanwhile", async () => {
    const { t, callers, commentId } = await setUp();
    const patches = async () => (await getComment(t, commentId))!.reactionScore;
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true });
    await callers.admin.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true });
    await callers.admin.mutation(api.reactions.set, { targetId: commentId, kind: "rocket", on: true });
    // One copy scheduled for the burst, nothing written to the comment yet.
    const scheduled = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(scheduled.filter((s) => s.name.includes("syncScore"))).toHaveLength(1);
    expect(await patches()).toBeUndefined();

    vi.advanceTimersByTime(1000);
    await t.finishInProgressScheduledFunctions();
    expect(await patches()).toBe(3);

    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: false });
    expect(await patches()).toBe(3);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await patches()).toBe(2);
    expect(await t.run((ctx) => ctx.db.query("reactionScoreSyncs").withIndex("by_commentId").collect())).toEqual([]);
  });

  test("reaches readers with the comment, so \"top\" can show why it moved", async () => {
    const { t, callers, commentId } = await setUp();
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const page = await t.query(api.comments.list, { ...thread, paginationOpts: { numItems: 20, cursor: null } });
    expect(page.page[0]!.reactionScore).toBe(1);
  });

  test("syncScore of a deleted comment writes nothing", async () => {
    const { t, callers, commentId } = await setUp();
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "heart", on: true });
    await callers.author.mutation(api.comments.remove, { commentId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await getComment(t, commentId)).toBeNull();
    await t.mutation(internal.reactions.syncScore, { commentId });
  });
});

describe("counts and viewerReactions", () => {
  test("counts: only targets with reactions, only of this post; unknown post empty; too many ids refused", async () => {
    const { t, callers, commentId, globex } = await setUp();
    const other = await callers.outsider.mutation(api.comments.create, {
      organizationSlug: "globex",
      postSlug: "hello-world",
      content: "Elsewhere",
      clientRequestId: "elsewhere-1",
    });
    await callers.outsider.mutation(api.reactions.set, { targetId: other.commentId, kind: "heart", on: true });
    await callers.outsider.mutation(api.reactions.set, { targetId: globex.postId, kind: "heart", on: true });
    expect(await countsOf(t, [commentId, other.commentId])).toEqual([]);
    expect(await t.query(api.reactions.counts, { ...thread, postSlug: "no-such-post", commentIds: [] })).toEqual([]);
    expect(await outcome(countsOf(t, Array(501).fill(commentId)))).toBe("INVALID_ARGUMENT");
  });

  test("viewerReactions: each reader's own, on this post only", async () => {
    const { t, acme, callers, commentId } = await setUp();
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "confused", on: true });
    await callers.member.mutation(api.reactions.set, { targetId: acme.postId, kind: "thumbsDown", on: true });
    await callers.admin.mutation(api.reactions.set, { targetId: commentId, kind: "laugh", on: true });
    expect(await callers.member.query(api.reactions.viewerReactions, thread)).toEqual(
      expect.arrayContaining([
        { targetId: commentId, kind: "confused" },
        { targetId: acme.postId, kind: "thumbsDown" },
      ]),
    );
    expect(await callers.member.query(api.reactions.viewerReactions, thread)).toHaveLength(2);
    expect(await callers.admin.query(api.reactions.viewerReactions, thread)).toEqual([{ targetId: commentId, kind: "laugh" }]);
    expect(await callers.author.query(api.reactions.viewerReactions, thread)).toEqual([]);
    expect(await t.query(api.reactions.viewerReactions, thread)).toEqual([]);
    expect(await callers.member.query(api.reactions.viewerReactions, { ...thread, postSlug: "secret-draft" })).toEqual([]);
  });
});
