/** Bans (convex/bans.ts): who may ban, what a ban refuses, shadow bans seen from both sides. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
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
const comment = commentRequests("ban");

async function bans(t: Backend) {
  return await t.run((ctx) => ctx.db.query("bans").withIndex("by_organizationId_userId").collect());
}

async function setUp() {
  const t = newBackend();
  return { t, ...(await world(t, { allowGuestComments: true })) };
}

async function errorOf(call: Promise<unknown>) {
  return ((await call.catch((e: unknown) => e)) as { data: { code: string; message: string } }).data;
}

describe("authorization matrix", () => {
  const CALLERS: CommentCallerName[] = ["anonymous", "outsider", "member", "author", "admin"];

  /** For each caller in a fresh world holding one acme ban of `author`; a refusal writes nothing. */
  async function check(
    expected: Record<CommentCallerName, string>,
    call: (w: Awaited<ReturnType<typeof setUp>>, banId: Id<"bans">, caller: CommentCallerName) => Promise<unknown>,
  ) {
    for (const caller of CALLERS) {
      const w = await setUp();
      const banId = await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId });
      const before = await bans(w.t);
      if (expected[caller] === "ok") {
        expect([caller, await outcome(call(w, banId, caller))]).toEqual([caller, "ok"]);
      } else {
        await expectRejectedWithoutWrites(w.t, () => call(w, banId, caller), expected[caller]);
        expect(await bans(w.t)).toEqual(before);
      }
    }
  }

  // The outsider is globex's admin: it bans from, and lists, its own organization.
  test("ban: an organization's admins, for their own organization", async () => {
    await check(
      { anonymous: "UNAUTHENTICATED", outsider: "ok", member: "FORBIDDEN", author: "FORBIDDEN", admin: "ok" },
      (w, _, caller) => w.callers[caller].mutation(api.bans.ban, { guestName: "Spammer" }),
    );
  });

  test("unban: the admins of the ban's organization; another organization's admin finds nothing", async () => {
    await check(
      { anonymous: "UNAUTHENTICATED", outsider: "NOT_FOUND", member: "FORBIDDEN", author: "FORBIDDEN", admin: "ok" },
      (w, banId, caller) => w.callers[caller].mutation(api.bans.unban, { banId }),
    );
  });

  test("list: the admins, each seeing their own organization's bans", async () => {
    await check(
      { anonymous: "UNAUTHENTICATED", outsider: "ok", member: "FORBIDDEN", author: "FORBIDDEN", admin: "ok" },
      (w, _, caller) => w.callers[caller].query(api.bans.list, {}),
    );
    const w = await setUp();
    await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId, reason: "Abuse" });
    expect(await w.callers.admin.query(api.bans.list, {})).toMatchObject([
      { userId: w.people.author.userId, userName: "Ada Author", reason: "Abuse", shadow: false },
    ]);
    expect(await w.callers.outsider.query(api.bans.list, {})).toEqual([]);
  });
});

describe("ban input", () => {
  test.each([
    ["no target", () => ({}), "INVALID_ARGUMENT"],
    ["two targets", (w: Awaited<ReturnType<typeof setUp>>) => ({ userId: w.people.author.userId, guestName: "X" }), "INVALID_ARGUMENT"],
    ["an end in the past", (w: Awaited<ReturnType<typeof setUp>>) => ({ userId: w.people.author.userId, endsAt: Date.now() - 1 }), "INVALID_ARGUMENT"],
    ["a reason over 500 characters", (w: Awaited<ReturnType<typeof setUp>>) => ({ userId: w.people.author.userId, reason: "x".repeat(501) }), "INVALID_ARGUMENT"],
    ["an empty guest name", () => ({ guestName: "  " }), "INVALID_ARGUMENT"],
    ["a guest in shadow", () => ({ guestName: "Gus", shadow: true }), "INVALID_ARGUMENT"],
    ["a member of the organization", (w: Awaited<ReturnType<typeof setUp>>) => ({ userId: w.people.member.userId }), "CONFLICT"],
    ["the admin themself", (w: Awaited<ReturnType<typeof setUp>>) => ({ userId: w.people.admin.userId }), "CONFLICT"],
    ["a deleted account", (w: Awaited<ReturnType<typeof setUp>>) => ({ userId: w.people.outsider.userId, deleted: true }), "NOT_FOUND"],
  ])("%s: refused, nothing written", async (_, args, code) => {
    const w = await setUp();
    const { deleted, ...banArgs } = { deleted: false, ...args(w) };
    if (deleted) await w.t.run((ctx) => ctx.db.patch(w.people.outsider.userId, { deletedAt: Date.now() }));
    await expectRejectedWithoutWrites(w.t, () => w.callers.admin.mutation(api.bans.ban, banArgs), code);
    expect(await bans(w.t)).toEqual([]);
  });

  test("banning again replaces the terms: one ban per target", async () => {
    const w = await setUp();
    const first = await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId, reason: "Spam" });
    const second = await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId, shadow: true });
    expect(second).toBe(first);
    expect(await bans(w.t)).toMatchObject([{ userId: w.people.author.userId, shadow: true }]);
    expect((await bans(w.t))[0]!.reason).toBeUndefined();
  });
});

describe("a ban refuses new comments", () => {
  test("FORBIDDEN with a readable message, nothing written, no rate-limit token spent; unban lets them back", async () => {
    const w = await setUp();
    await w.callers.author.mutation(api.comments.create, comment("Before the ban"));
    const banId = await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId });
    for (let i = 0; i < 6; i++) {
      await expectRejectedWithoutWrites(w.t, () => w.callers.author.mutation(api.comments.create, comment()), "FORBIDDEN");
    }
    expect(await errorOf(w.callers.author.mutation(api.comments.create, comment()))).toEqual({
      code: "FORBIDDEN",
      message: "You cannot comment on acme Blog: a moderator has banned this account.",
    });
    // Earlier comments stay; other organizations are not affected.
    expect(await commentCount(w.t, w.acme.postId)).toBe(1);
    expect(
      await outcome(w.callers.author.mutation(api.comments.create, comment("Elsewhere", { organizationSlug: "globex" }))),
    ).toBe("ok");

    await w.callers.admin.mutation(api.bans.unban, { banId });
    // The refused attempts spent nothing: three more (five with the first two) fit the per-user bucket.
    for (let i = 0; i < 3; i++) {
      expect(await outcome(w.callers.author.mutation(api.comments.create, comment()))).toBe("ok");
    }
  });

  test("a ban with an end date says until when, and lapses then", async () => {
    const w = await setUp();
    const endsAt = Date.UTC(2030, 0, 2, 15, 30);
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId, endsAt });
    expect((await errorOf(w.callers.author.mutation(api.comments.create, comment()))).message).toBe(
      "You cannot comment on acme Blog until 2030-01-02 15:30 UTC: a moderator has banned this account.",
    );
    vi.setSystemTime(endsAt + 1);
    expect(await outcome(w.callers.author.mutation(api.comments.create, comment()))).toBe("ok");
  });

  test("a guest name is banned in any case or compatibility form; other names still comment", async () => {
    const w = await setUp();
    await w.callers.admin.mutation(api.bans.ban, { guestName: "  GUS guest " });
    for (const guestName of ["Gus Guest", "ＧＵＳ ＧＵＥＳＴ"]) {
      await expectRejectedWithoutWrites(w.t, () => w.t.mutation(api.comments.create, comment("Hi", { guestName })), "FORBIDDEN");
    }
    expect((await errorOf(w.t.mutation(api.comments.create, comment("Hi", { guestName: "gus guest" })))).message).toMatch(
      /banned this name\.$/,
    );
    expect(await outcome(w.t.mutation(api.comments.create, comment("Hi", { guestName: "Gia Guest" })))).toBe("ok");
    // A guest ban is about guests: an account of that name still comments.
    await w.t.run((ctx) => ctx.db.patch(w.people.author.userId, { name: "Gus Guest" }));
    expect(await outcome(w.callers.author.mutation(api.comments.create, comment()))).toBe("ok");
  });
});

describe("a shadow ban", () => {
  test("the writer sees their comment as published; nobody else does, and the thread page is the same for all", async () => {
    const w = await setUp();
    await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId, shadow: true });
    const args = comment("Shadowed words");
    const created = await w.callers.author.mutation(api.comments.create, args);
    expect(created.status, "the writer is told it is published").toBe("visible");
    expect(await getComment(w.t, created.commentId)).toMatchObject({ status: "pending", heldReason: "shadow_ban" });
    expect(await commentCount(w.t, w.acme.postId)).toBe(0);

    // The retry answers the same, and writes nothing.
    const before = await snapshot(w.t);
    expect(await w.callers.author.mutation(api.comments.create, args)).toEqual(created);
    expect(await snapshot(w.t)).toEqual(before);

    // The writer's own comments come from the small viewer query, marked as visible.
    const own = await w.callers.author.query(api.comments.viewerPending, thread);
    expect(own.map((c) => [c.content, c.status])).toEqual([["Shadowed words", "visible"]]);
    expect(await w.callers.member.query(api.comments.viewerPending, thread)).toEqual([]);
    // The thread query: identical for the writer, another reader and nobody.
    const pages = await Promise.all(
      [w.t, w.callers.author, w.callers.member].map((as) => as.query(api.comments.list, { ...thread, paginationOpts: firstPage })),
    );
    expect(pages[0]!.page).toEqual([]);
    expect(pages[1]).toEqual(pages[0]);
    expect(pages[2]).toEqual(pages[0]);

    // Moderators see it, and why; no notification e-mail went out.
    const queue = await w.callers.admin.query(api.comments.moderationQueue, { paginationOpts: firstPage });
    expect(queue.page.map((c) => [c.content, c.heldReason])).toEqual([["Shadowed words", "shadow_ban"]]);
    expect(before.scheduled).toBe(0);
  });

  test("unban restores nothing: shadowed comments stay hidden, new ones are published", async () => {
    const w = await setUp();
    const banId = await w.callers.admin.mutation(api.bans.ban, { userId: w.people.author.userId, shadow: true });
    const { commentId } = await w.callers.author.mutation(api.comments.create, comment("While banned"));
    await w.callers.admin.mutation(api.bans.unban, { banId });
    expect(await getComment(w.t, commentId)).toMatchObject({ status: "pending" });
    expect((await w.callers.author.mutation(api.comments.create, comment("After"))).status).toBe("visible");
    const page = await w.t.query(api.comments.list, { ...thread, paginationOpts: firstPage });
    expect(page.page.map((c) => c.content)).toEqual(["After"]);
  });
});
