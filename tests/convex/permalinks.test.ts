// @vitest-environment node
// (The read counter measures sizes with Node's Buffer.)
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { countReads, installReadCounter } from "../../bench/lib/read-counter";
import { newBackend, type Backend } from "./setup";
import { world } from "./fixtures";

type Acme = Awaited<ReturnType<typeof world>>["acme"];

/** Writes a comment straight into the thread of `org`'s post (`parentId`: a reply). */
async function insertComment(
  t: Backend,
  org: Acme,
  content: string,
  extra: { parentId?: Id<"comments">; status?: "visible" | "pending" | "removed"; deletedAt?: number } = {},
) {
  return await t.run((ctx) =>
    ctx.db.insert("comments", {
      postId: org.postId,
      organizationId: org.organizationId,
      authorName: "Ada",
      content,
      createdAt: Date.now(),
      status: "visible",
      ...extra,
    }),
  );
}

function position(t: Backend, commentId: string, organizationSlug = "acme", postSlug = "hello-world") {
  return t.query(api.comments.permalinkPosition, { organizationSlug, postSlug, commentId });
}

describe("comments.permalinkPosition", () => {
  test("names the top-level comment to load: the comment itself, or a reply's parent", async () => {
    const t = newBackend();
    const { acme, callers } = await world(t);
    const top = await insertComment(t, acme, "Top");
    const reply = await insertComment(t, acme, "Reply", { parentId: top });
    expect(await position(t, top)).toEqual({ topLevelId: top });
    expect(await position(t, reply)).toEqual({ topLevelId: top });
    // Reads no identity: the same for every caller.
    for (const caller of Object.values(callers)) {
      expect(await caller.query(api.comments.permalinkPosition, { organizationSlug: "acme", postSlug: "hello-world", commentId: reply })).toEqual({ topLevelId: top });
    }
  });

  test("finds a comment on page 3 that the thread's first pages do not hold", async () => {
    const t = newBackend();
    const { acme } = await world(t);
    const ids: Id<"comments">[] = [];
    for (let i = 0; i < 7; i++) ids.push(await insertComment(t, acme, `Comment ${i}`));
    const pageOpts = (cursor: string | null) => ({ numItems: 3, cursor });
    const thread = { organizationSlug: "acme", postSlug: "hello-world" };
    const first = await t.query(api.comments.list, { ...thread, paginationOpts: pageOpts(null) });
    const second = await t.query(api.comments.list, { ...thread, paginationOpts: pageOpts(first.continueCursor) });
    const third = await t.query(api.comments.list, { ...thread, paginationOpts: pageOpts(second.continueCursor) });
    expect(third.page.map((c) => c._id), "the 7th comment is on page 3").toContain(ids[6]);
    expect(await position(t, ids[6]!)).toEqual({ topLevelId: ids[6] });
  });

  test("is null for what readers cannot see there: removed, pending, deleted, a reply of a removed comment, unknown, elsewhere", async () => {
    const t = newBackend();
    const { acme, globex } = await world(t);
    const removed = await insertComment(t, acme, "Removed", { status: "removed" });
    const pending = await insertComment(t, acme, "Pending", { status: "pending" });
    const deleted = await insertComment(t, acme, "Deleted", { deletedAt: Date.now() });
    const replyOfRemoved = await insertComment(t, acme, "Orphan", { parentId: removed });
    const replyOfDeleted = await insertComment(t, acme, "Kept", { parentId: deleted });
    const visible = await insertComment(t, acme, "Visible");
    const elsewhere = await insertComment(t, globex, "Globex's");
    const unknown = await insertComment(t, acme, "Gone");
    await t.run((ctx) => ctx.db.delete("comments", unknown));

    expect(await position(t, removed)).toBeNull();
    expect(await position(t, pending)).toBeNull();
    expect(await position(t, deleted)).toBeNull();
    expect(await position(t, replyOfRemoved)).toBeNull();
    expect(await position(t, unknown), "an id of no comment").toBeNull();
    expect(await position(t, "not-an-id"), "not an id at all").toBeNull();
    expect(await position(t, "x".repeat(10_000)), "far too long").toBeNull();
    // The comment exists, in another organization's thread (and the same post slug).
    expect(await position(t, elsewhere)).toBeNull();
    expect(await position(t, visible, "globex")).toBeNull();
    expect(await position(t, visible, "acme", "secret-draft")).toBeNull();
    expect(await position(t, visible, "nobody")).toBeNull();
    // A tombstone keeps its replies in the thread, so a link to one still works.
    expect(await position(t, replyOfDeleted)).toEqual({ topLevelId: deleted });
    expect(await position(t, visible)).toEqual({ topLevelId: visible });
  });

  test("reads four documents at most, however long the thread", async () => {
    const t = newBackend();
    installReadCounter();
    const { acme } = await world(t);
    await t.run(async (ctx) => {
      for (let i = 0; i < 300; i++) {
        await ctx.db.insert("comments", {
          postId: acme.postId,
          organizationId: acme.organizationId,
          authorName: "Filler",
          content: `Filler ${i}`,
          createdAt: Date.now(),
          status: "visible",
        });
      }
    });
    const last = await insertComment(t, acme, "Last");
    const reply = await insertComment(t, acme, "Reply", { parentId: last });
    const top = await countReads(() => position(t, last));
    const nested = await countReads(() => position(t, reply));
    expect(top.value).toEqual({ topLevelId: last });
    expect(nested.value).toEqual({ topLevelId: last });
    expect(top.reads.documents, "organization, post, comment").toBe(3);
    expect(nested.reads.documents, "organization, post, reply, parent").toBe(4);
  });
});
