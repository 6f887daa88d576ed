/** Reports (convex/reports.ts): once per reader, never one's own, and the Kth hides the comment for review. */
import { omit } from "convex-helpers";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend, type Backend } from "./setup";
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

const thread = ACME_THREAD;
const firstPage = { numItems: 20, cursor: null };

async function reports(t: Backend) {
  return await t.run((ctx) => ctx.db.query("reports").withIndex("by_commentId_reporterId").collect());
}

/** acme (reports hide at `hideAfterReports`) with one visible comment by `author`. */
async function setUp(hideAfterReports?: number) {
  const t = newBackend();
  const w = await world(t, hideAfterReports === undefined ? {} : { hideAfterReports });
  const { commentId } = await w.callers.author.mutation(api.comments.create, {
    ...thread,
    content: "Reported words",
    clientRequestId: "reported-1",
  });
  return { t, ...w, commentId };
}

describe("authorization matrix", () => {
  test("create: any signed-in reader but the comment's author; refusals write nothing", async () => {
    const expected: Record<CommentCallerName, string> = {
      anonymous: "UNAUTHENTICATED",
      outsider: "ok",
      member: "ok",
      author: "CONFLICT",
      admin: "ok",
    };
    for (const [caller, want] of Object.entries(expected) as [CommentCallerName, string][]) {
      const w = await setUp();
      const call = () => w.callers[caller].mutation(api.reports.create, { commentId: w.commentId, reason: "spam" });
      if (want === "ok") {
        expect([caller, await outcome(call())]).toEqual([caller, "ok"]);
        expect(await reports(w.t)).toHaveLength(1);
      } else {
        await expectRejectedWithoutWrites(w.t, call, want);
        expect(await reports(w.t)).toEqual([]);
      }
    }
  });
});

describe("report input", () => {
  test("a second report by the same reader is CONFLICT and writes nothing", async () => {
    const w = await setUp();
    await w.callers.member.mutation(api.reports.create, { commentId: w.commentId, reason: "abuse" });
    await expectRejectedWithoutWrites(
      w.t,
      () => w.callers.member.mutation(api.reports.create, { commentId: w.commentId, reason: "other", text: "Again" }),
      "CONFLICT",
    );
    expect(await reports(w.t)).toHaveLength(1);
    expect((await getComment(w.t, w.commentId))!.reportCount).toBe(1);
  });

  test("text over 500 characters is INVALID_ARGUMENT; pending, removed and deleted comments are NOT_FOUND", async () => {
    const w = await setUp();
    await expectRejectedWithoutWrites(
      w.t,
      () => w.callers.member.mutation(api.reports.create, { commentId: w.commentId, reason: "other", text: "x".repeat(501) }),
      "INVALID_ARGUMENT",
    );
    for (const change of [{ status: "pending" as const }, { status: "removed" as const }, { deletedAt: 1 }]) {
      await w.t.run((ctx) => ctx.db.patch(w.commentId, { status: "visible", deletedAt: undefined, ...change }));
      await expectRejectedWithoutWrites(
        w.t,
        () => w.callers.member.mutation(api.reports.create, { commentId: w.commentId, reason: "spam" }),
        "NOT_FOUND",
      );
    }
  });

  test("an eleventh report within a minute is RATE_LIMITED", async () => {
    const w = await setUp();
    const ids: Id<"comments">[] = await w.t.run(async (ctx) => {
      const fields = omit((await ctx.db.get(w.commentId))!, ["_id", "_creationTime", "clientRequestId"]);
      return await Promise.all(Array.from({ length: 11 }, () => ctx.db.insert("comments", fields)));
    });
    for (const commentId of ids.slice(0, 10)) {
      expect(await outcome(w.callers.member.mutation(api.reports.create, { commentId, reason: "spam" }))).toBe("ok");
    }
    await expectRejectedWithoutWrites(
      w.t,
      () => w.callers.member.mutation(api.reports.create, { commentId: ids[10]!, reason: "spam" }),
      "RATE_LIMITED",
    );
  });
});

describe("hiding after K reports", () => {
  test("the Kth report hides the comment pending review; moderators see the count, readers see no reporter", async () => {
    const w = await setUp(2);
    await w.callers.member.mutation(api.reports.create, { commentId: w.commentId, reason: "spam" });
    expect(await getComment(w.t, w.commentId)).toMatchObject({ status: "visible", reportCount: 1 });
    const shown = await w.t.query(api.comments.list, { ...thread, paginationOpts: firstPage });
    expect(Object.keys(shown.page[0]!)).not.toContain("reportCount");

    await w.callers.outsider.mutation(api.reports.create, { commentId: w.commentId, reason: "abuse", text: "Rude" });
    expect(await getComment(w.t, w.commentId)).toMatchObject({ status: "pending", heldReason: "reported", reportCount: 2 });
    expect(await commentCount(w.t, w.acme.postId)).toBe(0);
    expect((await w.t.query(api.comments.list, { ...thread, paginationOpts: firstPage })).page).toEqual([]);
    const queue = await w.callers.admin.query(api.comments.moderationQueue, { paginationOpts: firstPage });
    expect(queue.page.map((c) => [c.content, c.heldReason, c.reportCount])).toEqual([["Reported words", "reported", 2]]);

    // Approved after review, it stays up whatever later reports say.
    await w.callers.admin.mutation(api.comments.moderate, { commentId: w.commentId, action: "approve" });
    await w.callers.admin.mutation(api.reports.create, { commentId: w.commentId, reason: "off_topic" });
    expect(await getComment(w.t, w.commentId)).toMatchObject({ status: "visible", reportCount: 3 });
  });

  test("without the setting, reports are counted and nothing is hidden", async () => {
    const w = await setUp();
    await w.callers.member.mutation(api.reports.create, { commentId: w.commentId, reason: "spam" });
    await w.callers.admin.mutation(api.reports.create, { commentId: w.commentId, reason: "spam" });
    expect(await getComment(w.t, w.commentId)).toMatchObject({ status: "visible", reportCount: 2 });
  });

  test("the threshold is an admin setting from 0 to 50", async () => {
    const w = await setUp();
    await w.callers.admin.mutation(api.organizations.updateSettings, { hideAfterReports: 3 });
    expect((await w.callers.admin.query(api.organizations.adminSettings, {})).hideAfterReports).toBe(3);
    await expectRejectedWithoutWrites(
      w.t,
      () => w.callers.admin.mutation(api.organizations.updateSettings, { hideAfterReports: 51 }),
      "INVALID_ARGUMENT",
    );
    expect(await outcome(w.callers.member.mutation(api.organizations.updateSettings, { hideAfterReports: 1 }))).toBe("FORBIDDEN");
  });
});
