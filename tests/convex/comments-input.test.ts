/** Bad input: every case fails with its code and leaves the database as it was. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { LIMITS } from "../../convex/lib/limits";
import { newBackend } from "./setup";
import { expectRejectedWithoutWrites, outcome, snapshot, world } from "./fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

let requestCounter = 0;
const valid = () => ({
  organizationSlug: "acme",
  postSlug: "hello-world",
  content: "Fine",
  clientRequestId: `in-${++requestCounter}`,
});

async function setup() {
  const t = newBackend();
  const w = await world(t, { allowGuestComments: true, autoCreateThreads: true });
  return { t, ...w };
}

describe("comments.create", () => {
  const signedInCases: [string, Record<string, unknown>][] = [
    ["empty content", { content: "" }],
    ["blank content", { content: " \n\t " }],
    ["oversized content", { content: "x".repeat(LIMITS.commentLength + 1) }],
    ["NUL in content", { content: "a\u0000b" }],
    ["bell in content", { content: "ding\u0007" }],
    ["C1 control in content", { content: "a\u0085b" }],
    ["empty request id", { clientRequestId: "" }],
    ["oversized request id", { clientRequestId: "r".repeat(LIMITS.clientRequestIdLength + 1) }],
    ["escape in request id", { clientRequestId: "id\u001b[0m" }],
    ["slug with a space", { postSlug: "Bad Slug" }],
    ["slug with capitals", { postSlug: "Hello" }],
    ["slug with a double hyphen", { postSlug: "a--b" }],
    ["slug with a leading hyphen", { postSlug: "-a" }],
    ["oversized slug", { postSlug: "a".repeat(LIMITS.slugLength + 1) }],
    ["oversized thread title", { postSlug: "new-page", postTitle: "t".repeat(LIMITS.titleLength + 1) }],
    ["blank thread title", { postSlug: "new-page", postTitle: "   " }],
    ["control in thread title", { postSlug: "new-page", postTitle: "a\u0001" }],
  ];
  for (const [name, patch] of signedInCases) {
    test(`${name} → INVALID_ARGUMENT`, async () => {
      const { t, callers } = await setup();
      await expectRejectedWithoutWrites(
        t,
        () => callers.author.mutation(api.comments.create, { ...valid(), ...patch } as ReturnType<typeof valid>),
        "INVALID_ARGUMENT",
      );
    });
  }

  const guestCases: [string, string | undefined][] = [
    ["no guest name", undefined],
    ["empty guest name", ""],
    ["oversized guest name", "g".repeat(LIMITS.nameLength + 1)],
    ["control in guest name", "Gus\u0008"],
  ];
  for (const [name, guestName] of guestCases) {
    test(`${name} → INVALID_ARGUMENT`, async () => {
      const { t } = await setup();
      await expectRejectedWithoutWrites(
        t,
        () => t.mutation(api.comments.create, { ...valid(), ...(guestName === undefined ? {} : { guestName }) }),
        "INVALID_ARGUMENT",
      );
    });
  }

  test("text at the limits is accepted", async () => {
    const { t, callers } = await setup();
    const content = "x".repeat(LIMITS.commentLength);
    const { commentId } = await callers.author.mutation(api.comments.create, {
      ...valid(),
      content,
      clientRequestId: "r".repeat(LIMITS.clientRequestIdLength),
    });
    expect((await t.run((ctx) => ctx.db.get(commentId)))!.content).toBe(content);
    const guest = await t.mutation(api.comments.create, { ...valid(), guestName: "g".repeat(LIMITS.nameLength) });
    expect(guest.status).toBe("visible");
  });

  test("a malformed parentId is refused by the argument validator", async () => {
    const { t, callers } = await setup();
    const before = await snapshot(t);
    for (const parentId of ["not-an-id", ""]) {
      await expect(
        callers.author.mutation(api.comments.create, { ...valid(), parentId: parentId as Id<"comments"> }),
      ).rejects.toThrow(/Validator error/);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  test("a parentId of another table is refused by the argument validator", async () => {
    const { t, acme, callers } = await setup();
    const before = await snapshot(t);
    await expect(
      callers.author.mutation(api.comments.create, { ...valid(), parentId: acme.postId as unknown as Id<"comments"> }),
    ).rejects.toThrow(/Validator error/);
    expect(await snapshot(t)).toEqual(before);
  });

  test("a parentId of a deleted comment is NOT_FOUND", async () => {
    const { t, callers } = await setup();
    const { commentId } = await callers.author.mutation(api.comments.create, valid());
    await callers.author.mutation(api.comments.remove, { commentId });
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.comments.create, { ...valid(), parentId: commentId }),
      "NOT_FOUND",
    );
  });
});

describe("edit, remove, moderate and counts", () => {
  test("edit rejects bad content", async () => {
    const { t, callers } = await setup();
    const { commentId } = await callers.author.mutation(api.comments.create, valid());
    for (const content of ["", "   ", "x".repeat(LIMITS.commentLength + 1), "a\u0000"]) {
      await expectRejectedWithoutWrites(
        t,
        () => callers.author.mutation(api.comments.edit, { commentId, content }),
        "INVALID_ARGUMENT",
      );
    }
  });

  test("a deleted comment is NOT_FOUND for edit, remove and moderate", async () => {
    const { t, callers } = await setup();
    const { commentId } = await callers.author.mutation(api.comments.create, valid());
    await callers.author.mutation(api.comments.remove, { commentId });
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.comments.edit, { commentId, content: "x" }),
      "NOT_FOUND",
    );
    await expectRejectedWithoutWrites(t, () => callers.author.mutation(api.comments.remove, { commentId }), "NOT_FOUND");
    await expectRejectedWithoutWrites(
      t,
      () => callers.admin.mutation(api.comments.moderate, { commentId, action: "approve" }),
      "NOT_FOUND",
    );
  });

  test("a removed comment cannot be edited or deleted by its author", async () => {
    const { t, callers } = await setup();
    const { commentId } = await callers.author.mutation(api.comments.create, valid());
    await callers.admin.mutation(api.comments.moderate, { commentId, action: "remove" });
    await expectRejectedWithoutWrites(
      t,
      () => callers.author.mutation(api.comments.edit, { commentId, content: "Back" }),
      "NOT_FOUND",
    );
    await expectRejectedWithoutWrites(t, () => callers.author.mutation(api.comments.remove, { commentId }), "NOT_FOUND");
  });

  test("malformed comment ids and unknown actions are refused by the argument validator", async () => {
    const { t, callers } = await setup();
    const { commentId } = await callers.author.mutation(api.comments.create, valid());
    const before = await snapshot(t);
    const bad = "nope" as Id<"comments">;
    await expect(callers.author.mutation(api.comments.edit, { commentId: bad, content: "x" })).rejects.toThrow(
      /Validator error/,
    );
    await expect(callers.author.mutation(api.comments.remove, { commentId: bad })).rejects.toThrow(/Validator error/);
    await expect(
      callers.admin.mutation(api.comments.moderate, { commentId: bad, action: "approve" }),
    ).rejects.toThrow(/Validator error/);
    await expect(
      callers.admin.mutation(api.comments.moderate, { commentId, action: "delete" as "remove" }),
    ).rejects.toThrow(/Validator error/);
    expect(await snapshot(t)).toEqual(before);
  });

  test("countsForPosts takes at most 100 ids, and only post ids", async () => {
    const { t, acme } = await setup();
    const ids = Array.from({ length: 101 }, () => acme.postId);
    expect(await outcome(t.query(api.comments.countsForPosts, { postIds: ids }))).toBe("INVALID_ARGUMENT");
    expect(await t.query(api.comments.countsForPosts, { postIds: ids.slice(0, 100) })).toHaveLength(100);
    await expect(
      t.query(api.comments.countsForPosts, { postIds: ["x" as Id<"posts">] }),
    ).rejects.toThrow(/Validator error/);
  });
});
