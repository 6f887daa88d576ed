import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend, type Backend } from "./setup";
import {
  CLOSED as CLOSED_SETTINGS,
  commentCount,
  expectRejectedWithoutWrites,
  getComment,
  insertOrganization,
  insertPost,
  insertUser,
  outcome,
  snapshot,
  world,
} from "./fixtures";

// Fake timers keep the scheduled email action from running in the background of these tests.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const firstPage = { numItems: 20, cursor: null };
let requestCounter = 0;
const requestId = () => `req-${++requestCounter}`;

function comment(organizationSlug: string, postSlug: string, content: string, extra: object = {}) {
  return { organizationSlug, postSlug, content, clientRequestId: requestId(), ...extra };
}

async function listAll(t: Backend, organizationSlug = "acme", postSlug = "hello-world") {
  return await t.query(api.comments.list, { organizationSlug, postSlug, paginationOpts: firstPage });
}

describe("comments.list", () => {
  test("an unknown organization, unknown post or draft gives an empty, finished page", async () => {
    const t = newBackend();
    await insertOrganization(t, "acme");
    for (const [organizationSlug, postSlug] of [
      ["nobody", "hello-world"],
      ["acme", "not-written-yet"],
      ["acme", "secret-draft"],
    ] as const) {
      const result = await listAll(t, organizationSlug, postSlug);
      expect(result.page).toEqual([]);
      expect(result.isDone).toBe(true);
    }
  });

  test("shows visible top-level comments oldest first, each with its visible replies oldest first", async () => {
    const t = newBackend();
    const { acme, people, callers } = await world(t);
    const first = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "First"));
    vi.advanceTimersByTime(1000);
    const second = await callers.member.mutation(api.comments.create, comment("acme", "hello-world", "Second"));
    const replyB = await callers.member.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Reply B", { parentId: first.commentId }),
    );
    const replyC = await callers.admin.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Reply C", { parentId: first.commentId }),
    );
    // Hidden from readers: a pending and a removed comment.
    await t.run(async (ctx) => {
      for (const status of ["pending", "removed"] as const) {
        await ctx.db.insert("comments", {
          postId: acme.postId,
          organizationId: acme.organizationId,
          authorName: "Hidden",
          content: status,
          createdAt: Date.now(),
          status,
        });
        await ctx.db.insert("comments", {
          postId: acme.postId,
          organizationId: acme.organizationId,
          authorName: "Hidden reply",
          content: status,
          createdAt: Date.now(),
          parentId: first.commentId,
          status,
        });
      }
    });

    const { page, isDone } = await listAll(t);
    expect(isDone).toBe(true);
    expect(page.map((c) => [c._id, c.content, c.replies.map((r) => r._id)])).toEqual([
      [first.commentId, "First", [replyB.commentId, replyC.commentId]],
      [second.commentId, "Second", []],
    ]);
    const [top] = page;
    expect(top).toMatchObject({ authorId: people.author.userId, authorName: "Ada Author", status: "visible" });
    // Nothing only the backend needs leaks out.
    expect(top).not.toHaveProperty("clientRequestId");
    expect(top).not.toHaveProperty("organizationId");
    expect(await commentCount(t, acme.postId)).toBe(4);
  });

  test("is the same for every caller (it never reads the identity)", async () => {
    const t = newBackend();
    const { callers } = await world(t);
    await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Hello"));
    const results = await Promise.all(
      Object.values(callers).map((caller) =>
        caller.query(api.comments.list, { organizationSlug: "acme", postSlug: "hello-world", paginationOpts: firstPage }),
      ),
    );
    expect(results[0]!.page).toHaveLength(1);
    for (const result of results) expect(result).toEqual(results[0]);
  });

  test("paging with comments added between pages neither repeats nor skips a comment", async () => {
    const t = newBackend();
    const { acme, people } = await world(t);
    let n = 0;
    const add = async (count: number) => {
      const ids: Id<"comments">[] = [];
      for (let i = 0; i < count; i++) {
        vi.advanceTimersByTime(10);
        ids.push(
          await t.run((ctx) =>
            ctx.db.insert("comments", {
              postId: acme.postId,
              organizationId: acme.organizationId,
              authorId: people.author.userId,
              authorName: "Ada Author",
              content: `Comment ${++n}`,
              createdAt: Date.now(),
              status: "visible",
            }),
          ),
        );
      }
      return ids;
    };
    const expected = await add(5);
    const seen: Id<"comments">[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const result: { page: { _id: Id<"comments"> }[]; isDone: boolean; continueCursor: string } = await t.query(api.comments.list, {
        organizationSlug: "acme",
        postSlug: "hello-world",
        paginationOpts: { numItems: 2, cursor },
      });
      seen.push(...result.page.map((c) => c._id));
      pages += 1;
      if (result.isDone) break;
      cursor = result.continueCursor;
      if (pages <= 2) expected.push(...(await add(2)));
    }
    expect(seen).toEqual(expected);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });
});

describe("comments.create", () => {
  test("a signed-in reader's first comment creates their users row and a visible comment", async () => {
    const t = newBackend();
    const acme = await insertOrganization(t, "acme");
    const newcomer = t.withIdentity({ subject: "auth|new", email: "New@Example.test", name: "Nora New" });
    const { commentId, status } = await newcomer.mutation(
      api.comments.create,
      comment("acme", "hello-world", "  Hello there  "),
    );
    expect(status).toBe("visible");
    const row = await getComment(t, commentId);
    const user = await t.run((ctx) =>
      ctx.db.query("users").withIndex("by_authId", (q) => q.eq("authId", "auth|new")).unique(),
    );
    expect(user).toMatchObject({ name: "Nora New", email: "new@example.test", role: "user" });
    expect(row).toMatchObject({
      content: "Hello there",
      authorId: user!._id,
      authorName: "Nora New",
      organizationId: acme.organizationId,
      postId: acme.postId,
      status: "visible",
    });
    expect(await commentCount(t, acme.postId)).toBe(1);
  });

  test("the same clientRequestId twice returns the first comment and writes nothing more", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t);
    const args = comment("acme", "hello-world", "Only once");
    const first = await callers.author.mutation(api.comments.create, args);
    const before = await snapshot(t);
    const again = await callers.author.mutation(api.comments.create, args);
    expect(again).toEqual(first);
    expect(await snapshot(t)).toEqual(before);
    expect(before.comments).toHaveLength(1);
    expect(before.scheduled).toBe(1);
    expect(await commentCount(t, acme.postId)).toBe(1);
    // The id is per author: another reader may use the same one.
    const other = await callers.member.mutation(api.comments.create, args);
    expect(other.commentId).not.toBe(first.commentId);
  });

  test("guests comment under a name only where the organization allows it", async () => {
    const t = newBackend();
    const open = await insertOrganization(t, "open", { allowGuestComments: true });
    await insertOrganization(t, "closed");
    const args = { ...comment("open", "hello-world", "Guest here"), guestName: "  Gus  ", guestKey: "browser-key-0123456789" };

    const created = await t.mutation(api.comments.create, args);
    const row = await getComment(t, created.commentId);
    expect(row).toMatchObject({ authorName: "Gus", status: "visible" });
    expect(row).not.toHaveProperty("authorId");
    // Idempotent for guests too.
    expect(await t.mutation(api.comments.create, args)).toEqual(created);
    expect(await commentCount(t, open.postId)).toBe(1);
    expect(await outcome(t.mutation(api.comments.create, { ...args, clientRequestId: requestId(), organizationSlug: "closed" }))).toBe(
      "UNAUTHENTICATED",
    );
    const { guestName: _omitted, ...withoutName } = args;
    expect(await outcome(t.mutation(api.comments.create, { ...withoutName, clientRequestId: requestId() }))).toBe(
      "INVALID_ARGUMENT",
    );
  });

  test("a first comment on an unknown slug creates the thread where the organization allows it", async () => {
    const t = newBackend();
    const site = await insertOrganization(t, "site", { autoCreateThreads: true, autoCreateThreadsBy: "signedIn" });
    const reader = (await insertUser(t, "Rita Reader")).as;

    const { commentId } = await reader.mutation(
      api.comments.create,
      comment("site", "2024-05-first-trip", "Nice trip", { postTitle: "  My first trip  " }),
    );
    const thread = await t.run((ctx) =>
      ctx.db
        .query("posts")
        .withIndex("by_organizationId_slug", (q) =>
          q.eq("organizationId", site.organizationId).eq("slug", "2024-05-first-trip"),
        )
        .unique(),
    );
    expect(thread).toMatchObject({
      kind: "thread",
      status: "published",
      title: "My first trip",
      content: "",
      authorId: site.owner.userId,
      authorName: "site Blog",
      commentCount: 1,
    });
    expect(thread!.publishedAt).toBe(thread!.createdAt);
    expect((await getComment(t, commentId))!.postId).toBe(thread!._id);

    // The second comment joins the same thread; without a title the slug is the title.
    await reader.mutation(api.comments.create, comment("site", "2024-05-first-trip", "Again"));
    await reader.mutation(api.comments.create, comment("site", "untitled", "Hi"));
    const posts = await t.run((ctx) =>
      ctx.db.query("posts").withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", site.organizationId)).collect(),
    );
    expect(posts.map((p) => [p.slug, p.title, p.commentCount]).sort()).toEqual([
      ["2024-05-first-trip", "My first trip", 2],
      ["hello-world", "Title of hello-world", 0],
      ["secret-draft", "Title of secret-draft", 0],
      ["untitled", "untitled", 1],
    ]);
  });

  test("an unknown post without thread creation, or a draft, is NOT_FOUND", async () => {
    const t = newBackend();
    const { callers } = await world(t);
    for (const postSlug of ["not-written-yet", "secret-draft"]) {
      await expectRejectedWithoutWrites(
        t,
        () => callers.admin.mutation(api.comments.create, comment("acme", postSlug, "Hi")),
        "NOT_FOUND",
      );
    }
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.comments.create, comment("nobody", "hello-world", "Hi")),
      "NOT_FOUND",
    );
  });

  test("replies answer a visible comment of the same post, one level deep", async () => {
    const t = newBackend();
    const { acme, people, callers } = await world(t);
    const top = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Top"));
    const reply = await callers.member.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Reply", { parentId: top.commentId }),
    );
    expect((await getComment(t, reply.commentId))!.parentId).toBe(top.commentId);
    expect((await getComment(t, reply.commentId))!.replyToId, "a reply to the top-level comment answers no reply").toBeUndefined();

    // A reply to a reply joins the top-level comment and records the reply it answers.
    const deeper = await callers.author.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Deeper", { parentId: reply.commentId }),
    );
    const stored = (await getComment(t, deeper.commentId))!;
    expect([stored.parentId, stored.replyToId]).toEqual([top.commentId, reply.commentId]);
    const [thread] = (await listAll(t)).page;
    expect(thread!.replies.map((r) => [r.content, r.replyToId, r.replyToName])).toEqual([
      ["Reply", undefined, undefined],
      ["Deeper", reply.commentId, "Mia Member"],
    ]);
    expect(await commentCount(t, acme.postId)).toBe(3);
    const otherPostId = await insertPost(t, acme.organizationId, people.admin, "other-post", "published");
    const onOtherPost = await callers.author.mutation(api.comments.create, comment("acme", "other-post", "Elsewhere"));
    await expectRejectedWithoutWrites(
      t,
      () =>
        callers.author.mutation(
          api.comments.create,
          comment("acme", "hello-world", "Wrong post", { parentId: onOtherPost.commentId }),
        ),
      "NOT_FOUND",
    );
    await t.run((ctx) => ctx.db.patch(onOtherPost.commentId, { status: "pending" }));
    await expectRejectedWithoutWrites(
      t,
      () =>
        callers.author.mutation(
          api.comments.create,
          comment("acme", "other-post", "To pending", { parentId: onOtherPost.commentId }),
        ),
      "NOT_FOUND",
    );
    expect(await commentCount(t, otherPostId)).toBe(1);
  });

  test("a reply to a reply: not to a hidden or deleted reply, and the name follows the answered reply", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t);
    const top = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Top"));
    const reply = await callers.member.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Reply", { parentId: top.commentId }),
    );
    const answer = await callers.admin.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Answer", { parentId: reply.commentId }),
    );
    const replyToNames = async () => (await listAll(t)).page[0]!.replies.map((r) => r.replyToName ?? null);
    expect(await replyToNames()).toEqual([null, "Mia Member"]);

    // Renamed (or anonymized): the thread shows the answered reply's current name.
    await t.run((ctx) => ctx.db.patch(reply.commentId, { authorName: "Mia M." }));
    expect(await replyToNames()).toEqual([null, "Mia M."]);

    // Gone from the thread: the answer keeps its place and no longer names anyone.
    await callers.member.mutation(api.comments.remove, { commentId: reply.commentId });
    expect(await replyToNames()).toEqual([null]);
    expect((await getComment(t, answer.commentId))!.replyToId).toBe(reply.commentId);
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.comments.create, comment("acme", "hello-world", "To gone", { parentId: reply.commentId })),
      "NOT_FOUND",
    );

    // A reply whose top-level comment went back to moderation takes no replies either.
    await t.run((ctx) => ctx.db.patch(top.commentId, { status: "pending" }));
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Hidden", { parentId: answer.commentId })),
      "NOT_FOUND",
    );
    expect(await commentCount(t, acme.postId)).toBe(2);
  });

  test("the author's pending reply to a reply names whom it answers", async () => {
    const t = newBackend();
    const { callers } = await world(t, { preModeration: true });
    const top = await callers.admin.mutation(api.comments.create, comment("acme", "hello-world", "Top"));
    const reply = await callers.admin.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Reply", { parentId: top.commentId }),
    );
    const pending = await callers.member.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Pending answer", { parentId: reply.commentId }),
    );
    expect(pending.status).toBe("pending");
    const mine = await callers.member.query(api.comments.viewerPending, { organizationSlug: "acme", postSlug: "hello-world" });
    expect(mine.map((c) => [c.content, c.parentId, c.replyToId, c.replyToName])).toEqual([
      ["Pending answer", top.commentId, reply.commentId, "acme Owner"],
    ]);
  });
});

describe("moderation", () => {
  test("with pre-moderation a comment waits for an admin; only its author sees it meanwhile", async () => {
    const t = newBackend();
    // Without the admins' queue e-mail (notifications.test.ts), to see that the comment schedules nothing else.
    const { acme, callers } = await world(t, { preModeration: true, queueEmailMinutes: 0 });
    const pending = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Wait for me"));
    expect(pending.status).toBe("pending");
    expect(await commentCount(t, acme.postId)).toBe(0);
    expect((await listAll(t)).page).toEqual([]);
    // No email for a comment readers cannot see yet.
    expect((await snapshot(t)).scheduled).toBe(0);

    const mine = { organizationSlug: "acme", postSlug: "hello-world" };
    expect((await callers.author.query(api.comments.viewerPending, mine)).map((c) => c._id)).toEqual([
      pending.commentId,
    ]);
    expect(await callers.member.query(api.comments.viewerPending, mine)).toEqual([]);
    expect(await t.query(api.comments.viewerPending, mine)).toEqual([]);

    const queue = await callers.admin.query(api.comments.moderationQueue, { paginationOpts: firstPage });
    expect(queue.page).toMatchObject([
      { _id: pending.commentId, content: "Wait for me", postSlug: "hello-world", postTitle: "Title of hello-world" },
    ]);

    await callers.admin.mutation(api.comments.moderate, { commentId: pending.commentId, action: "approve" });
    expect((await getComment(t, pending.commentId))!.status).toBe("visible");
    expect(await commentCount(t, acme.postId)).toBe(1);
    expect((await listAll(t)).page.map((c) => c._id)).toEqual([pending.commentId]);
    expect((await callers.admin.query(api.comments.moderationQueue, { paginationOpts: firstPage })).page).toEqual([]);
    expect((await snapshot(t)).scheduled).toBe(1);
    // Approving twice changes nothing.
    await callers.admin.mutation(api.comments.moderate, { commentId: pending.commentId, action: "approve" });
    expect(await commentCount(t, acme.postId)).toBe(1);
    expect((await snapshot(t)).scheduled).toBe(1);
  });

  test("an admin's own comment skips pre-moderation", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t, { preModeration: true });
    const result = await callers.admin.mutation(api.comments.create, comment("acme", "hello-world", "Official"));
    expect(result.status).toBe("visible");
    expect(await commentCount(t, acme.postId)).toBe(1);
    // Being an admin elsewhere does not count.
    const outsider = await callers.outsider.mutation(api.comments.create, comment("acme", "hello-world", "Hi"));
    expect(outsider.status).toBe("pending");
  });

  test("removing a comment removes its replies too and keeps commentCount in step", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t);
    const top = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Top"));
    const other = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Other"));
    const replies: { commentId: Id<"comments"> }[] = [];
    for (const caller of [callers.member, callers.outsider]) {
      replies.push(
        await caller.mutation(api.comments.create, comment("acme", "hello-world", "Re", { parentId: top.commentId })),
      );
    }
    await t.run((ctx) => ctx.db.patch(replies[1]!.commentId, { status: "pending" }));
    await t.run((ctx) => ctx.db.patch(acme.postId, { commentCount: 3 }));

    await callers.admin.mutation(api.comments.moderate, { commentId: top.commentId, action: "remove" });
    for (const id of [top.commentId, ...replies.map((r) => r.commentId)]) {
      expect((await getComment(t, id))!.status).toBe("removed");
    }
    expect(await commentCount(t, acme.postId)).toBe(1);
    expect((await listAll(t)).page.map((c) => c._id)).toEqual([other.commentId]);

    // Removing again, or approving a removed comment, changes nothing.
    await callers.admin.mutation(api.comments.moderate, { commentId: top.commentId, action: "remove" });
    expect(await outcome(callers.admin.mutation(api.comments.moderate, { commentId: top.commentId, action: "approve" }))).toBe(
      "CONFLICT",
    );
    expect(await commentCount(t, acme.postId)).toBe(1);
  });
});

describe("the author's own comments", () => {
  test("edit trims the text and marks the comment edited", async () => {
    const t = newBackend();
    const { callers } = await world(t);
    const { commentId } = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Tpyo"));
    vi.advanceTimersByTime(5000);
    await callers.author.mutation(api.comments.edit, { commentId, content: " Typo " });
    const row = await getComment(t, commentId);
    expect(row!.content).toBe("Typo");
    expect(row!.editedAt).toBe(Date.now());
  });

  test("remove of a comment with replies leaves a tombstone (no author, no text) that keeps the replies", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t);
    const top = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Top"));
    const keep = await callers.member.mutation(api.comments.create, comment("acme", "hello-world", "Keep"));
    const visibleReply = await callers.member.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Re", { parentId: top.commentId }),
    );
    const pendingReply = await callers.admin.mutation(
      api.comments.create,
      comment("acme", "hello-world", "Re 2", { parentId: top.commentId }),
    );
    await t.run((ctx) => ctx.db.patch(pendingReply.commentId, { status: "pending" }));
    await t.run((ctx) => ctx.db.patch(acme.postId, { commentCount: 3 }));

    await callers.author.mutation(api.comments.remove, { commentId: top.commentId });
    // Other people's words stay; the tombstone no longer counts.
    expect(await getComment(t, visibleReply.commentId)).not.toBeNull();
    expect(await getComment(t, pendingReply.commentId)).not.toBeNull();
    expect(await getComment(t, keep.commentId)).not.toBeNull();
    expect(await commentCount(t, acme.postId)).toBe(2);
    const page = await t.query(api.comments.list, {
      organizationSlug: "acme",
      postSlug: "hello-world",
      paginationOpts: { numItems: 10, cursor: null },
    });
    const tombstone = page.page.find((c) => c._id === top.commentId)!;
    expect(tombstone).toMatchObject({ deleted: true, authorName: "", content: "" });
    expect(tombstone).not.toHaveProperty("authorId");
    expect(tombstone.replies.map((r) => r.content)).toEqual(["Re"]);
    // A tombstone takes no new replies and cannot be edited.
    expect(
      await outcome(callers.member.mutation(api.comments.create, comment("acme", "hello-world", "Late", { parentId: top.commentId }))),
    ).toBe("NOT_FOUND");

    // It goes with its last reply.
    await callers.member.mutation(api.comments.remove, { commentId: visibleReply.commentId });
    expect(await getComment(t, top.commentId)).not.toBeNull();
    await callers.admin.mutation(api.comments.remove, { commentId: pendingReply.commentId });
    expect(await getComment(t, top.commentId)).toBeNull();
    expect(await commentCount(t, acme.postId)).toBe(1);
  });

  test("remove of a comment without replies deletes it and takes it off the count", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t);
    const lone = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Lone"));
    await callers.author.mutation(api.comments.remove, { commentId: lone.commentId });
    expect(await getComment(t, lone.commentId)).toBeNull();
    expect(await commentCount(t, acme.postId)).toBe(0);
  });
});

describe("comments.countsForPosts", () => {
  test("gives each requested post its count, 0 for missing or unpublished posts", async () => {
    const t = newBackend();
    const { acme, globex, callers } = await world(t);
    await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "One"));
    await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Two"));
    const gone = await insertPost(t, acme.organizationId, await insertUser(t, "Gone"), "gone", "published");
    await t.run((ctx) => ctx.db.delete(gone));
    const counts = await t.query(api.comments.countsForPosts, {
      postIds: [acme.postId, acme.draftId, gone, globex.postId],
    });
    expect(counts).toEqual([
      { postId: acme.postId, commentCount: 2 },
      { postId: acme.draftId, commentCount: 0 },
      { postId: gone, commentCount: 0 },
      { postId: globex.postId, commentCount: 0 },
    ]);
    expect(await t.query(api.comments.countsForPosts, { postIds: [] })).toEqual([]);
  });
});

describe("comments.countForPost", () => {
  test("counts a published post's visible comments by slug, 0 for an unknown post or organization or a draft", async () => {
    const t = newBackend();
    const { callers } = await world(t);
    const hello = { organizationSlug: "acme", postSlug: "hello-world" };
    expect(await t.query(api.comments.countForPost, hello)).toBe(0);
    const { commentId } = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "One"));
    await callers.author.mutation(api.comments.create, { ...comment("acme", "hello-world", "Re"), parentId: commentId });
    expect(await t.query(api.comments.countForPost, hello), "replies count too").toBe(2);
    expect(await t.query(api.comments.countForPost, { organizationSlug: "acme", postSlug: "secret-draft" })).toBe(0);
    expect(await t.query(api.comments.countForPost, { organizationSlug: "acme", postSlug: "no-such-post" })).toBe(0);
    expect(await t.query(api.comments.countForPost, { organizationSlug: "nobody", postSlug: "hello-world" })).toBe(0);
  });
});

describe("comments.viewerPermissions", () => {
  test("says who may comment and moderate", async () => {
    const t = newBackend();
    const { people, callers } = await world(t);
    await insertOrganization(t, "open", { allowGuestComments: true });
    const acme = { organizationSlug: "acme" };
    expect(await t.query(api.comments.viewerPermissions, acme)).toEqual({
      signedIn: false,
      canComment: false,
      canModerate: false,
    });
    expect(await t.query(api.comments.viewerPermissions, { organizationSlug: "open" })).toEqual({
      signedIn: false,
      canComment: true,
      canModerate: false,
    });
    expect(await callers.member.query(api.comments.viewerPermissions, acme)).toEqual({
      signedIn: true,
      canComment: true,
      canModerate: false,
      userId: people.member.userId,
    });
    expect(await callers.outsider.query(api.comments.viewerPermissions, acme)).toEqual({
      signedIn: true,
      canComment: true,
      canModerate: false,
      userId: people.outsider.userId,
    });
    expect(await callers.admin.query(api.comments.viewerPermissions, acme)).toEqual({
      signedIn: true,
      canComment: true,
      canModerate: true,
      userId: people.admin.userId,
    });
    // Signed in before the first write: no users row yet, so no userId.
    const fresh = t.withIdentity({ subject: "auth|fresh", email: "fresh@example.test", name: "Fresh" });
    expect(await fresh.query(api.comments.viewerPermissions, acme)).toEqual({
      signedIn: true,
      canComment: true,
      canModerate: false,
    });
    expect(await fresh.query(api.comments.viewerPermissions, { organizationSlug: "nobody" })).toMatchObject({
      canComment: false,
    });
  });
});

describe("findings of the authorization review", () => {
  test("an edit in a pre-moderated organization goes back to the queue, hidden until approved", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t, { preModeration: true });
    const { commentId } = await callers.author.mutation(api.comments.create, comment("acme", "hello-world", "Nice post"));
    await callers.admin.mutation(api.comments.moderate, { commentId, action: "approve" });
    expect((await listAll(t)).page.map((c) => c.content)).toEqual(["Nice post"]);

    await callers.author.mutation(api.comments.edit, { commentId, content: "Buy cheap pills at spam.example" });
    expect((await listAll(t)).page).toEqual([]);
    expect(await commentCount(t, acme.postId)).toBe(0);
    const queue = await callers.admin.query(api.comments.moderationQueue, { paginationOpts: firstPage });
    expect(queue.page.map((c) => [c._id, c.content])).toEqual([[commentId, "Buy cheap pills at spam.example"]]);
    // The author still sees it as theirs, waiting.
    const pending = await callers.author.query(api.comments.viewerPending, {
      organizationSlug: "acme",
      postSlug: "hello-world",
    });
    expect(pending.map((c) => c._id)).toEqual([commentId]);

    await callers.admin.mutation(api.comments.moderate, { commentId, action: "approve" });
    expect((await listAll(t)).page.map((c) => c.content)).toEqual(["Buy cheap pills at spam.example"]);
    // An admin's own edit needs nobody's approval.
    const own = await callers.admin.mutation(api.comments.create, comment("acme", "hello-world", "From the team"));
    await callers.admin.mutation(api.comments.edit, { commentId: own.commentId, content: "From the team, edited" });
    expect((await getComment(t, own.commentId))!.status).toBe("visible");
  });

  test("two guests with the same request id write two comments; each retry finds its own", async () => {
    const t = newBackend();
    const open = await insertOrganization(t, "open", { allowGuestComments: true });
    const shared = { organizationSlug: "open", postSlug: "hello-world", clientRequestId: "retry-1" };
    const first = await t.mutation(api.comments.create, {
      ...shared,
      content: "First guest",
      guestName: "Gus",
      guestKey: "browser-one-0123456789",
    });
    const second = await t.mutation(api.comments.create, {
      ...shared,
      content: "Second guest",
      guestName: "Gwen",
      guestKey: "browser-two-0123456789",
    });
    expect(second.commentId).not.toBe(first.commentId);
    expect((await getComment(t, second.commentId))!.content).toBe("Second guest");
    // Guests without a key are never matched to anyone's earlier comment.
    const keyless = await t.mutation(api.comments.create, { ...shared, content: "Third", guestName: "Gil" });
    expect([first.commentId, second.commentId]).not.toContain(keyless.commentId);
    // A retry from the first browser still returns its own comment and writes nothing.
    const retry = await t.mutation(api.comments.create, {
      ...shared,
      content: "First guest",
      guestName: "Gus",
      guestKey: "browser-one-0123456789",
    });
    expect(retry).toEqual(first);
    expect(await commentCount(t, open.postId)).toBe(3);
    // A signed-in writer with the same id is a fourth writer.
    const reader = (await insertUser(t, "Rita Reader")).as;
    const signed = await reader.mutation(api.comments.create, { ...shared, content: "Rita" });
    expect([first.commentId, second.commentId, keyless.commentId]).not.toContain(signed.commentId);
    expect(
      await outcome(t.mutation(api.comments.create, { ...shared, content: "x", guestName: "G", guestKey: "short" })),
    ).toBe("INVALID_ARGUMENT");
  });

  test.each([
    ["U+202E in a comment", { content: "abc\u202Edef" }],
    ["U+2066 in a comment", { content: "abc\u2066def" }],
    ["U+202A in a guest name", { guestName: "Gus\u202A" }],
  ])("refuses bidi overrides: %s", async (_, extra) => {
    const t = newBackend();
    await insertOrganization(t, "open", { allowGuestComments: true });
    const args = { ...comment("open", "hello-world", "Fine"), guestName: "Gus", ...extra };
    await expectRejectedWithoutWrites(t, () => t.mutation(api.comments.create, args), "INVALID_ARGUMENT");
  });
});

describe("automatic threads", () => {
  const slugs = (n: number) => Array.from({ length: n }, (_, i) => `page-${i}`);

  test("are created by the organization's members only, unless it allows anyone signed in", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t, { autoCreateThreads: true, allowGuestComments: true });
    for (const caller of [callers.author, callers.outsider]) {
      await expectRejectedWithoutWrites(
        t,
        () => caller.mutation(api.comments.create, comment("acme", "new-page", "First!", { postTitle: "Buy pills" })),
        "NOT_FOUND",
      );
    }
    await expectRejectedWithoutWrites(
      t,
      () => t.mutation(api.comments.create, comment("acme", "new-page", "First!", { guestName: "Gus" })),
      "NOT_FOUND",
    );
    await callers.member.mutation(api.comments.create, comment("acme", "new-page", "First!"));
    // Once the thread exists, anyone allowed to comment may.
    await callers.author.mutation(api.comments.create, comment("acme", "new-page", "Second"));
    await t.run((ctx) =>
      ctx.db.patch(acme.organizationId, {
        settings: { ...CLOSED_SETTINGS, autoCreateThreads: true, autoCreateThreadsBy: "signedIn" },
      }),
    );
    await callers.author.mutation(api.comments.create, comment("acme", "other-page", "Mine"));
  });

  test("are rate-limited per account", async () => {
    const t = newBackend();
    const { callers } = await world(t, { autoCreateThreads: true });
    const outcomes: string[] = [];
    for (const slug of slugs(4)) {
      outcomes.push(await outcome(callers.admin.mutation(api.comments.create, comment("acme", slug, "Hi"))));
    }
    expect(outcomes).toEqual(["ok", "ok", "ok", "RATE_LIMITED"]);
    // Commenting on an existing thread is not limited by this.
    expect(await outcome(callers.admin.mutation(api.comments.create, comment("acme", "page-0", "Again")))).toBe("ok");
  });
});
