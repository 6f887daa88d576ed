/** `pins.pin` / `pins.unpin`: a few pinned comments per post, kept only while readers see them. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend } from "./setup";
import { ACME_THREAD, addComment, expectRejectedWithoutWrites, getComment, insertPost, world } from "./fixtures";

// Fake timers keep the scheduled email action from running in the background of these tests.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function pinWorld() {
  const t = newBackend();
  const w = await world(t, { blockedWords: ["spam"] });
  const admin = w.callers.admin;
  const add = (content: string, extra: object = {}) =>
    addComment(t, w.acme.postId, { content, status: "visible", authorId: w.people.author.userId, ...extra });
  const firstPage = async () =>
    (await t.query(api.comments.list, { ...ACME_THREAD, paginationOpts: { numItems: 20, cursor: null } })).page;
  return { t, ...w, admin, add, firstPage };
}

describe("pin", () => {
  test("pins come first, marked, and stay put when pinned again; unpin returns a comment to its place", async () => {
    const { admin, add, firstPage } = await pinWorld();
    const first = await add("first", { createdAt: 1 });
    const second = await add("second", { createdAt: 2 });
    await admin.mutation(api.pins.pin, { commentId: second });
    const pinnedAt = (await firstPage())[0]!.pinnedAt;
    expect((await firstPage()).map((c) => [c.content, c.pinnedAt !== undefined])).toEqual([
      ["second", true],
      ["first", false],
    ]);
    vi.advanceTimersByTime(1000);
    await admin.mutation(api.pins.pin, { commentId: second });
    expect((await firstPage())[0]!.pinnedAt).toBe(pinnedAt);
    await admin.mutation(api.pins.unpin, { commentId: second });
    await admin.mutation(api.pins.unpin, { commentId: first });
    expect((await firstPage()).map((c) => [c.content, c.pinnedAt])).toEqual([
      ["first", undefined],
      ["second", undefined],
    ]);
  });

  test("at most three per post: a fourth is CONFLICT, other posts have their own", async () => {
    const { t, acme, admin, add } = await pinWorld();
    for (const n of [1, 2, 3]) await admin.mutation(api.pins.pin, { commentId: await add(`pin ${n}`) });
    const fourth = await add("fourth");
    await expectRejectedWithoutWrites(t, () => admin.mutation(api.pins.pin, { commentId: fourth }), "CONFLICT");
    const otherPost = await insertPost(t, acme.organizationId, acme.owner, "other", "published");
    const elsewhere = await addComment(t, otherPost, { content: "elsewhere", status: "visible" });
    await admin.mutation(api.pins.pin, { commentId: elsewhere });
    expect((await getComment(t, elsewhere))!.pinnedAt).toBeTypeOf("number");
  });

  test("unknown, removed, pending or deleted comments are NOT_FOUND; a reply is INVALID_ARGUMENT; nothing written", async () => {
    const { t, admin, add } = await pinWorld();
    const gone = await add("gone");
    await t.run((ctx) => ctx.db.delete("comments", gone));
    const parent = await add("parent");
    const cases: [Id<"comments">, string][] = [
      [gone, "NOT_FOUND"],
      [await add("removed", { status: "removed" }), "NOT_FOUND"],
      [await add("pending", { status: "pending" }), "NOT_FOUND"],
      [await add("", { deletedAt: 5, authorId: undefined }), "NOT_FOUND"],
      [await add("reply", { parentId: parent }), "INVALID_ARGUMENT"],
    ];
    for (const [commentId, code] of cases) {
      await expectRejectedWithoutWrites(t, () => admin.mutation(api.pins.pin, { commentId }), code);
    }
    await expectRejectedWithoutWrites(t, () => admin.mutation(api.pins.unpin, { commentId: gone }), "NOT_FOUND");
  });
});

describe("a pin lasts while readers see the comment", () => {
  test("removing, holding or deleting a pinned comment unpins it, freeing its place", async () => {
    const { t, callers, admin, add } = await pinWorld();
    const removed = await add("removed");
    const held = (
      await callers.author.mutation(api.comments.create, { ...ACME_THREAD, content: "held", clientRequestId: "held" })
    ).commentId;
    const tombstone = await add("tombstone");
    await add("a reply keeps the tombstone", { parentId: tombstone });
    for (const commentId of [removed, held, tombstone]) await admin.mutation(api.pins.pin, { commentId });

    await admin.mutation(api.comments.moderate, { commentId: removed, action: "remove" });
    await callers.author.mutation(api.comments.edit, { commentId: held, content: "now spam" });
    await callers.author.mutation(api.comments.remove, { commentId: tombstone });

    for (const commentId of [removed, held, tombstone]) expect((await getComment(t, commentId))!.pinnedAt).toBeUndefined();
    await admin.mutation(api.comments.moderate, { commentId: held, action: "approve" });
    expect((await getComment(t, held))!.pinnedAt).toBeUndefined();
    for (const n of [1, 2, 3]) await admin.mutation(api.pins.pin, { commentId: await add(`new pin ${n}`) });
  });
});
