/** The audit log (convex/auditLog.ts): every moderation action recorded, shown to the organization's admins only. */
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { newBackend } from "./setup";
import { commentRequests, outcome, world, type CommentCallerName } from "./fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const comment = commentRequests("audit");
const page = (numItems: number, cursor: string | null = null) => ({ paginationOpts: { numItems, cursor } });

test("approve, remove, ban, unban, pin, unpin and a report's hiding are recorded, newest first, with who acted", async () => {
  const t = newBackend();
  const { people, callers } = await world(t, { preModeration: true, hideAfterReports: 1 });
  const held = await callers.author.mutation(api.comments.create, comment("Held"));
  vi.advanceTimersByTime(1000);
  await callers.admin.mutation(api.comments.moderate, { commentId: held.commentId, action: "approve" });
  vi.advanceTimersByTime(1000);
  await callers.admin.mutation(api.pins.pin, { commentId: held.commentId });
  await callers.admin.mutation(api.pins.pin, { commentId: held.commentId }); // already pinned: nothing to record
  vi.advanceTimersByTime(1000);
  await callers.admin.mutation(api.pins.unpin, { commentId: held.commentId });
  await callers.admin.mutation(api.pins.unpin, { commentId: held.commentId }); // not pinned: nothing to record
  vi.advanceTimersByTime(1000);
  await callers.member.mutation(api.reports.create, { commentId: held.commentId, reason: "abuse" });
  vi.advanceTimersByTime(1000);
  await callers.admin.mutation(api.comments.moderate, { commentId: held.commentId, action: "remove" });
  vi.advanceTimersByTime(1000);
  const banId = await callers.admin.mutation(api.bans.ban, { userId: people.author.userId, shadow: true, reason: "Spam" });
  vi.advanceTimersByTime(1000);
  await callers.admin.mutation(api.bans.unban, { banId });

  const { page: entries, isDone } = await callers.admin.query(api.auditLog.list, page(10));
  expect(isDone).toBe(true);
  expect(entries.map((e) => [e.action, e.actorName, e.targetName, e.commentId, e.detail])).toEqual([
    ["unban", "acme Owner", "Ada Author", undefined, undefined],
    ["ban", "acme Owner", "Ada Author", undefined, "shadow · for good · Spam"],
    ["remove", "acme Owner", "Ada Author", held.commentId, undefined],
    ["report_hide", undefined, "Ada Author", held.commentId, "1 reports"],
    ["unpin", "acme Owner", "Ada Author", held.commentId, undefined],
    ["pin", "acme Owner", "Ada Author", held.commentId, undefined],
    ["approve", "acme Owner", "Ada Author", held.commentId, undefined],
  ]);
});

test("paginated: pages follow one another without repeats", async () => {
  const t = newBackend();
  const { callers } = await world(t, { preModeration: true });
  for (let i = 0; i < 5; i++) {
    const { commentId } = await callers.author.mutation(api.comments.create, comment(`Held ${i}`));
    vi.advanceTimersByTime(1000);
    await callers.admin.mutation(api.comments.moderate, { commentId, action: "approve" });
  }
  const first = await callers.admin.query(api.auditLog.list, page(3));
  const second = await callers.admin.query(api.auditLog.list, page(3, first.continueCursor));
  expect([first.page.length, second.page.length, second.isDone]).toEqual([3, 2, true]);
  expect(new Set([...first.page, ...second.page].map((e) => e._id)).size).toBe(5);
});

test("authorization matrix: list is for the organization's own admins; another organization sees nothing of it", async () => {
  const t = newBackend();
  const { people, callers } = await world(t);
  await callers.admin.mutation(api.bans.ban, { userId: people.author.userId });
  const expected: Record<CommentCallerName, string> = {
    anonymous: "UNAUTHENTICATED",
    outsider: "ok",
    member: "FORBIDDEN",
    author: "FORBIDDEN",
    admin: "ok",
  };
  for (const [caller, want] of Object.entries(expected) as [CommentCallerName, string][]) {
    expect([caller, await outcome(callers[caller].query(api.auditLog.list, page(5)))]).toEqual([caller, want]);
  }
  // The outsider administers globex: its log is its own, empty.
  expect((await callers.outsider.query(api.auditLog.list, page(5))).page).toEqual([]);
  expect((await callers.admin.query(api.auditLog.list, page(5))).page).toHaveLength(1);
  expect(await outcome(callers.admin.query(api.auditLog.list, page(0)))).toBe("INVALID_ARGUMENT");
});

test("a refused moderation action records nothing", async () => {
  const t = newBackend();
  const { callers } = await world(t);
  const { commentId } = await callers.author.mutation(api.comments.create, comment("Mine"));
  expect(await outcome(callers.member.mutation(api.comments.moderate, { commentId, action: "remove" }))).toBe("FORBIDDEN");
  expect(await outcome(callers.outsider.mutation(api.comments.moderate, { commentId, action: "remove" }))).toBe("FORBIDDEN");
  expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toEqual([]);
});
