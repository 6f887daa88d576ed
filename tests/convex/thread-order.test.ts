/**
 * `comments.list` in each order: pinned first, then oldest / newest / top, replies under their comment
 * oldest first; paging exact while comments and reactions arrive between pages (a live page keeps its
 * end, as the server's journal does: here the test passes it as `endCursor`).
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend, type Backend } from "./setup";
import { ACME_THREAD, addComment, insertOrganization } from "./fixtures";

type Sort = "oldest" | "newest" | "top";

/** A post holding `n` top-level comments `c0`… one minute apart, without any reactions yet. */
async function postWith(n: number) {
  const t = newBackend();
  const { postId } = await insertOrganization(t, "acme");
  const ids: Id<"comments">[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await addComment(t, postId, { content: `c${i}`, status: "visible", createdAt: 1_000_000 + i * 60_000 }));
  }
  return { t, postId, ids };
}

async function page(t: Backend, sort: Sort | undefined, numItems: number, cursor: string | null, endCursor?: string) {
  return await t.query(api.comments.list, {
    ...ACME_THREAD,
    ...(sort ? { sort } : {}),
    paginationOpts: { numItems, cursor, ...(endCursor ? { endCursor } : {}) },
  });
}

async function all(t: Backend, sort?: Sort) {
  return (await page(t, sort, 100, null)).page.map((c) => c.content);
}

const setScore = (t: Backend, id: Id<"comments">, reactionScore: number) =>
  t.run((ctx) => ctx.db.patch("comments", id, { reactionScore }));

describe("orders", () => {
  test("oldest by default and on request, newest reversed; by the comment's date, not its insertion", async () => {
    const { t, postId } = await postWith(3);
    // An imported comment: inserted last, dated first.
    await addComment(t, postId, { content: "imported", status: "visible", createdAt: 1 });
    expect(await all(t)).toEqual(["imported", "c0", "c1", "c2"]);
    expect(await all(t, "oldest")).toEqual(["imported", "c0", "c1", "c2"]);
    expect(await all(t, "newest")).toEqual(["c2", "c1", "c0", "imported"]);
  });

  test("top: most reactions first, equal scores newest first, no score counts as none", async () => {
    const { t, ids } = await postWith(5);
    await setScore(t, ids[1]!, 4);
    await setScore(t, ids[3]!, 9);
    await setScore(t, ids[0]!, 4);
    await setScore(t, ids[4]!, 0);
    expect(await all(t, "top")).toEqual(["c3", "c1", "c0", "c4", "c2"]);
  });

  test("replies stay under their comment, oldest first, in every order; hidden comments show in none", async () => {
    const { t, postId, ids } = await postWith(2);
    await addComment(t, postId, { content: "r-late", status: "visible", parentId: ids[0], createdAt: 3_000_000 });
    await addComment(t, postId, { content: "r-early", status: "visible", parentId: ids[0], createdAt: 2_000_000 });
    await addComment(t, postId, { content: "hidden", status: "pending", createdAt: 5 });
    await addComment(t, postId, { content: "gone", status: "removed", createdAt: 6 });
    await setScore(t, ids[0]!, 1);
    for (const sort of ["oldest", "newest", "top"] as const) {
      const { page: comments } = await page(t, sort, 10, null);
      expect(comments.map((c) => c.content).sort()).toEqual(["c0", "c1"]);
      expect(comments.find((c) => c.content === "c0")!.replies.map((r) => r.content)).toEqual(["r-late", "r-early"]);
    }
  });
});

describe("pinned comments first", () => {
  test("in every order, in the order they were pinned, on the first page only", async () => {
    const { t, ids } = await postWith(6);
    await setScore(t, ids[0]!, 7);
    await t.run(async (ctx) => {
      await ctx.db.patch("comments", ids[4]!, { pinnedAt: 10 });
      await ctx.db.patch("comments", ids[1]!, { pinnedAt: 20 });
    });
    expect(await all(t, "oldest")).toEqual(["c4", "c1", "c0", "c2", "c3", "c5"]);
    expect(await all(t, "newest")).toEqual(["c4", "c1", "c5", "c3", "c2", "c0"]);
    expect(await all(t, "top")).toEqual(["c4", "c1", "c0", "c5", "c3", "c2"]);
    const first = await page(t, "oldest", 2, null);
    const second = await page(t, "oldest", 10, first.continueCursor);
    expect(first.page.map((c) => c.content)).toEqual(["c4", "c1", "c0", "c2"]);
    expect(first.page[0]!.pinnedAt).toBe(10);
    expect(second.page.map((c) => c.content)).toEqual(["c3", "c5"]);
  });
});

describe("paging while comments and reactions arrive", () => {
  /**
   * Reads `sort` two at a time from the start, then makes `write` happen, then reads the rest; the pages
   * already read re-run with the ends they had (as live pages do). Returns every page's rows after the write.
   */
  async function pagesAcrossWrite(t: Backend, sort: Sort, write: () => Promise<void>) {
    const ends: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 2; i++) {
      const result = await page(t, sort, 2, cursor);
      ends.push(result.continueCursor);
      cursor = result.continueCursor;
    }
    await write();
    const pages: string[][] = [];
    let start: string | null = null;
    for (const end of ends) {
      pages.push((await page(t, sort, 2, start, end)).page.map((c) => c.content));
      start = end;
    }
    for (let done = false; !done; ) {
      const result = await page(t, sort, 2, start);
      pages.push(result.page.map((c) => c.content));
      start = result.continueCursor;
      done = result.isDone;
    }
    return pages;
  }

  test.each(["oldest", "newest", "top"] as const)(
    "%s: the pages together are the whole thread, each comment once, in order",
    async (sort) => {
      const { t, postId, ids } = await postWith(7);
      for (const [i, score] of [3, 1, 4, 1, 5, 9, 2].entries()) await setScore(t, ids[i]!, score);
      const pages = await pagesAcrossWrite(t, sort, async () => {
        // New comments, old ones gaining reactions (the last one read among them) and a pin, between pages.
        await addComment(t, postId, { content: "new-a", status: "visible", createdAt: 9_000_000 });
        await addComment(t, postId, { content: "new-b", status: "visible", createdAt: 9_100_000, reactionScore: 6 });
        for (const id of ids) await setScore(t, id, 10 - (ids.indexOf(id) % 4));
        await t.run((ctx) => ctx.db.patch("comments", ids[6]!, { pinnedAt: 1 }));
      });
      const rows = pages.flat();
      expect(rows).toEqual(await all(t, sort));
      expect(rows).toHaveLength(9);
      expect(new Set(rows).size).toBe(9);
    },
  );

  test("top: the comment a page ends on gaining reactions does not move the page's end", async () => {
    const { t, ids } = await postWith(4);
    for (const [i, score] of [4, 3, 2, 1].entries()) await setScore(t, ids[i]!, score);
    const first = await page(t, "top", 2, null);
    expect(first.page.map((c) => c.content)).toEqual(["c0", "c1"]);
    await setScore(t, ids[1]!, 8);
    await setScore(t, ids[2]!, 5);
    const rerun = await page(t, "top", 2, null, first.continueCursor);
    const rest = await page(t, "top", 10, first.continueCursor);
    expect(rerun.page.map((c) => c.content)).toEqual(["c1", "c2", "c0"]);
    expect(rest.page.map((c) => c.content)).toEqual(["c3"]);
  });
});
