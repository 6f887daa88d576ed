/** Who may call each comment function: anonymous, another organization's admin, member, author, admin. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend } from "./setup";
import {
  ACME_THREAD,
  commentCount,
  expectRejectedWithoutWrites,
  getComment,
  outcome,
  world,
  type CommentCallerName,
} from "./fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const CALLERS: CommentCallerName[] = ["anonymous", "outsider", "member", "author", "admin"];
const thread = ACME_THREAD;
const firstPage = { numItems: 20, cursor: null };

/** A fresh world holding one comment written by `author` (pending under pre-moderation). */
async function worldWithComment(preModeration = false) {
  const t = newBackend();
  const w = await world(t, { preModeration });
  const { commentId } = await w.callers.author.mutation(api.comments.create, {
    ...thread,
    content: "The author's comment",
    clientRequestId: "author-1",
  });
  return { t, ...w, commentId };
}

/** For each caller in a fresh world: the outcome must be `expected[caller]`; failures write nothing. */
async function matrix(
  expected: Record<CommentCallerName, string>,
  call: (w: Awaited<ReturnType<typeof worldWithComment>>, caller: CommentCallerName) => Promise<unknown>,
  afterSuccess: (w: Awaited<ReturnType<typeof worldWithComment>>, caller: CommentCallerName) => Promise<void>,
  preModeration = false,
  prepare?: (w: Awaited<ReturnType<typeof worldWithComment>>) => Promise<unknown>,
) {
  for (const caller of CALLERS) {
    const w = await worldWithComment(preModeration);
    await prepare?.(w);
    if (expected[caller] === "ok") {
      expect([caller, await outcome(call(w, caller))]).toEqual([caller, "ok"]);
      await afterSuccess(w, caller);
    } else {
      await expectRejectedWithoutWrites(w.t, () => call(w, caller), expected[caller]);
    }
  }
}

describe("mutations", () => {
  test("create: anyone signed in (guests are off here)", async () => {
    let n = 0;
    await matrix(
      { anonymous: "UNAUTHENTICATED", outsider: "ok", member: "ok", author: "ok", admin: "ok" },
      (w, caller) =>
        w.callers[caller].mutation(api.comments.create, { ...thread, content: "Hi", clientRequestId: `c-${++n}` }),
      async (w) => expect(await commentCount(w.t, w.acme.postId)).toBe(2),
    );
  });

  test("edit: the author only", async () => {
    await matrix(
      { anonymous: "UNAUTHENTICATED", outsider: "FORBIDDEN", member: "FORBIDDEN", author: "ok", admin: "FORBIDDEN" },
      (w, caller) => w.callers[caller].mutation(api.comments.edit, { commentId: w.commentId, content: "Edited" }),
      async (w) => expect((await getComment(w.t, w.commentId))!.content).toBe("Edited"),
    );
  });

  test("remove: the author only", async () => {
    await matrix(
      { anonymous: "UNAUTHENTICATED", outsider: "FORBIDDEN", member: "FORBIDDEN", author: "ok", admin: "FORBIDDEN" },
      (w, caller) => w.callers[caller].mutation(api.comments.remove, { commentId: w.commentId }),
      async (w) => {
        expect(await getComment(w.t, w.commentId)).toBeNull();
        expect(await commentCount(w.t, w.acme.postId)).toBe(0);
      },
    );
  });

  test("moderate: admins of the post's organization only", async () => {
    for (const action of ["approve", "remove"] as const) {
      await matrix(
        { anonymous: "UNAUTHENTICATED", outsider: "FORBIDDEN", member: "FORBIDDEN", author: "FORBIDDEN", admin: "ok" },
        (w, caller) => w.callers[caller].mutation(api.comments.moderate, { commentId: w.commentId, action }),
        async (w) =>
          expect((await getComment(w.t, w.commentId))!.status).toBe(action === "approve" ? "visible" : "removed"),
        true,
      );
    }
  });

  test("pin and unpin: admins of the post's organization only", async () => {
    await matrix(
      { anonymous: "UNAUTHENTICATED", outsider: "FORBIDDEN", member: "FORBIDDEN", author: "FORBIDDEN", admin: "ok" },
      (w, caller) => w.callers[caller].mutation(api.pins.pin, { commentId: w.commentId }),
      async (w) => expect((await getComment(w.t, w.commentId))!.pinnedAt).toBeTypeOf("number"),
    );
    await matrix(
      { anonymous: "UNAUTHENTICATED", outsider: "FORBIDDEN", member: "FORBIDDEN", author: "FORBIDDEN", admin: "ok" },
      (w, caller) => w.callers[caller].mutation(api.pins.unpin, { commentId: w.commentId }),
      async (w) => expect((await getComment(w.t, w.commentId))!.pinnedAt).toBeUndefined(),
      false,
      (w) => w.callers.admin.mutation(api.pins.pin, { commentId: w.commentId }),
    );
  });

  test("reactions.set: anyone signed in (guests are off here), on the comment and on the post", async () => {
    for (const target of ["comment", "post"] as const) {
      await matrix(
        { anonymous: "UNAUTHENTICATED", outsider: "ok", member: "ok", author: "ok", admin: "ok" },
        (w, caller) =>
          w.callers[caller].mutation(api.reactions.set, {
            targetId: target === "comment" ? w.commentId : w.acme.postId,
            kind: "thumbsUp",
            on: true,
          }),
        async (w) => {
          const counts = await w.t.query(api.reactions.counts, { ...thread, commentIds: [w.commentId] });
          expect(counts).toEqual([
            { targetId: target === "comment" ? w.commentId : w.acme.postId, counts: { thumbsUp: 1 } },
          ]);
        },
      );
    }
  });
});

describe("queries", () => {
  /** Each caller's answer, or the error code they got. */
  async function asEveryone<T>(run: (caller: CommentCallerName) => Promise<T>) {
    const results = {} as Record<CommentCallerName, T | string>;
    for (const caller of CALLERS) {
      results[caller] = await run(caller).catch((error: { data?: { code: string } }) => {
        if (!error.data) throw error;
        return error.data.code;
      });
    }
    return results;
  }

  test("list, countsForPosts and countForPost: the same answer for everyone", async () => {
    const { acme, callers } = await worldWithComment();
    const lists = await asEveryone((c) => callers[c].query(api.comments.list, { ...thread, paginationOpts: firstPage }));
    const counts = await asEveryone((c) => callers[c].query(api.comments.countsForPosts, { postIds: [acme.postId] }));
    const count = await asEveryone((c) => callers[c].query(api.comments.countForPost, thread));
    for (const caller of CALLERS) {
      expect(lists[caller]).toEqual(lists.anonymous);
      expect(counts[caller]).toEqual([{ postId: acme.postId, commentCount: 1 }]);
      expect([caller, count[caller]]).toEqual([caller, 1]);
    }
    expect((lists.anonymous as { page: unknown[] }).page).toHaveLength(1);
  });

  test("reactions.counts: the same answer for everyone; viewerReactions: each caller's own", async () => {
    const { callers, commentId } = await worldWithComment();
    await callers.member.mutation(api.reactions.set, { targetId: commentId, kind: "rocket", on: true });
    const counts = await asEveryone((c) => callers[c].query(api.reactions.counts, { ...thread, commentIds: [commentId] }));
    const mine = await asEveryone((c) => callers[c].query(api.reactions.viewerReactions, thread));
    for (const caller of CALLERS) {
      expect([caller, counts[caller]]).toEqual([caller, [{ targetId: commentId, counts: { rocket: 1 } }]]);
      expect([caller, mine[caller]]).toEqual([caller, caller === "member" ? [{ targetId: commentId, kind: "rocket" }] : []]);
    }
  });

  test("viewerPending: each caller sees only their own pending comments", async () => {
    const { callers, commentId } = await worldWithComment(true);
    const pending = await asEveryone((c) => callers[c].query(api.comments.viewerPending, thread));
    expect(pending).toEqual({
      anonymous: [],
      outsider: [],
      member: [],
      author: [expect.objectContaining({ _id: commentId, status: "pending" })],
      admin: [],
    });
  });

  test("viewerPermissions: moderation for acme's admin only", async () => {
    const { callers } = await worldWithComment();
    const permissions = await asEveryone((c) =>
      callers[c].query(api.comments.viewerPermissions, { organizationSlug: "acme" }),
    );
    expect(
      Object.fromEntries(
        CALLERS.map((c) => {
          const p = permissions[c] as { signedIn: boolean; canComment: boolean; canModerate: boolean };
          return [c, [p.signedIn, p.canComment, p.canModerate]];
        }),
      ),
    ).toEqual({
      anonymous: [false, false, false],
      outsider: [true, true, false],
      member: [true, true, false],
      author: [true, true, false],
      admin: [true, true, true],
    });
  });

  test("moderationQueue: admins, each of their own organization", async () => {
    const { callers, commentId } = await worldWithComment(true);
    const queues = await asEveryone((c) =>
      callers[c].query(api.comments.moderationQueue, { paginationOpts: firstPage }),
    );
    expect(queues.anonymous).toBe("UNAUTHENTICATED");
    expect(queues.member).toBe("FORBIDDEN");
    expect(queues.author).toBe("FORBIDDEN");
    expect((queues.outsider as { page: unknown[] }).page).toEqual([]);
    expect((queues.admin as { page: { _id: Id<"comments"> }[] }).page.map((c) => c._id)).toEqual([commentId]);
  });
});
