import { makeFunctionReference } from "convex/server";
import { convexToJson, type Value } from "convex/values";
import { beforeAll, describe, expect, test } from "vitest";
import { Engine } from "../../local-backend/engine";
import { applyEnv } from "../../local-backend/env";
import { ReadCache } from "../../local-backend/read-cache";
import { Scopes, type Doc } from "../../local-backend/read-sets";
import { seedDemo } from "../../local-backend/seed";
import { tempDataDir } from "./helpers";

/** convex-test's side of the stream syscalls, over a list of rows per query, counting the scans. */
function fakeDatabase(rows: Record<string, Doc[]>) {
  const open = new Map<number, Doc[]>();
  let nextId = 1;
  const scans: string[] = [];
  const syscall = (op: string, json: string) => {
    const args = JSON.parse(json);
    if (op === "1.0/queryCleanup") return "{}";
    const index: string = args.query.source.indexName ?? args.query.source.tableName;
    scans.push(index);
    open.set(nextId, [...(rows[index] ?? [])]);
    return JSON.stringify({ queryId: nextId++ });
  };
  const asyncSyscall = async (_op: string, json: string) => {
    const value = open.get(JSON.parse(json).queryId)!.shift() ?? null;
    return JSON.stringify(convexToJson({ value, done: value === null }));
  };
  return { syscall, asyncSyscall, scans };
}

const scopes = new Scopes([
  { componentPath: "", tables: ["comments"] },
  { componentPath: "rateLimiter", tables: ["rateLimits"] },
]);
const reply = (id: string, parentId: string, content: string): Doc => ({ _id: id, _creationTime: 1, parentId, content });
const repliesOf = (parentId: string) =>
  JSON.stringify({
    query: {
      source: { type: "IndexRange", indexName: "comments.by_parentId", range: [{ type: "Eq", fieldPath: "parentId", value: parentId }], order: null },
      operators: [],
    },
    version: "test",
  });

/** Reads a stream to its end through the cache, as a query's `collect()` does. */
async function collect(cache: ReadCache, db: ReturnType<typeof fakeDatabase>, json: string, stopAfter = Infinity) {
  const { queryId } = JSON.parse(cache.start(json, db.syscall));
  const owned = cache.owns(JSON.stringify({ queryId }));
  const next = (q: number) => (owned ? cache.next(JSON.stringify({ queryId: q }), db.asyncSyscall) : db.asyncSyscall("", JSON.stringify({ queryId: q })));
  const rows: string[] = [];
  for (let i = 0; i < stopAfter; i++) {
    const row = await next(queryId);
    rows.push(row);
    if (JSON.parse(row).done) break;
  }
  if (owned) cache.cleanup(JSON.stringify({ queryId }), db.syscall);
  return rows;
}

test("a stream read to its end is replayed until a write touches its range", async () => {
  const db = fakeDatabase({ "comments.by_parentId": [reply("1comments", "p1", "one"), reply("2comments", "p1", "two")] });
  const cache = new ReadCache(scopes);
  const first = await collect(cache, db, repliesOf("p1"));
  expect(first.map((row) => JSON.parse(row).value?.content ?? null)).toEqual(["one", "two", null]);
  expect(await collect(cache, db, repliesOf("p1"))).toEqual(first);
  expect(db.scans).toHaveLength(1);

  // A reply to another comment is outside the range; an edit of one of these replies is inside it.
  cache.invalidate({ scope: "comments", id: "3comments", before: null, after: reply("3comments", "p2", "other") });
  await collect(cache, db, repliesOf("p1"));
  expect(db.scans).toHaveLength(1);
  cache.invalidate({ scope: "comments", id: "1comments", before: reply("1comments", "p1", "one"), after: reply("1comments", "p1", "1") });
  await collect(cache, db, repliesOf("p1"));
  expect(db.scans).toHaveLength(2);
});

test("a stream left before its end, a component's table and a stream read across a write are not kept", async () => {
  const db = fakeDatabase({
    "comments.by_parentId": [reply("1comments", "p1", "one"), reply("2comments", "p1", "two")],
    rateLimits: [{ _id: "1rateLimits", _creationTime: 1 }],
  });
  const cache = new ReadCache(scopes);
  await collect(cache, db, repliesOf("p1"), 1);
  await collect(cache, db, repliesOf("p1"));
  expect(db.scans).toHaveLength(2);

  const limits = JSON.stringify({ query: { source: { type: "FullTableScan", tableName: "rateLimits", order: null }, operators: [] } });
  await collect(cache, db, limits);
  await collect(cache, db, limits);
  expect(db.scans).toHaveLength(4);

  const { queryId } = JSON.parse(cache.start(repliesOf("p2"), db.syscall));
  cache.invalidate({ scope: null, id: null });
  while (!JSON.parse(await cache.next(JSON.stringify({ queryId }), db.asyncSyscall)).done);
  await collect(cache, db, repliesOf("p2"));
  expect(db.scans).toHaveLength(6);
});

describe("on convex-test", () => {
  let engine: Engine;
  let organizationSlug: string;
  let posts: { _id: string; slug: string }[];
  const query = (name: string) => makeFunctionReference<"query">(name);

  beforeAll(async () => {
    const dataDir = tempDataDir();
    applyEnv({ dataDir, url: "http://127.0.0.1:3210", siteUrl: "http://127.0.0.1:3211" });
    engine = await Engine.create();
    await seedDemo(engine, dataDir, () => {});
    ({ organizationSlug, posts } = await engine.t.run(async (ctx: any) => {
      const organization = (await ctx.db.query("organizations").collect())[0];
      const published = (await ctx.db.query("posts").collect()).filter((post: any) => post.status === "published");
      return { organizationSlug: organization.slug, posts: published.map(({ _id, slug }: any) => ({ _id, slug })) };
    }));
  });

  /** The queries a page runs, answered through the cache (as clients are) and by convex-test alone. */
  async function answers() {
    const calls: [string, Record<string, Value>][] = [
      ...posts.flatMap(({ slug }) => [
        ["comments:list", { organizationSlug, postSlug: slug, paginationOpts: { numItems: 20, cursor: null } }],
        ["comments:list", { organizationSlug, postSlug: slug, paginationOpts: { numItems: 1, cursor: null } }],
      ] as [string, Record<string, Value>][]),
      ["posts:listPublished", { organizationSlug, paginationOpts: { numItems: 20, cursor: null } }],
      ["posts:search", { organizationSlug, query: "comments" }],
      ["comments:countsForPosts", { postIds: posts.map((post) => post._id) }],
    ];
    const cached: unknown[] = [];
    const direct: unknown[] = [];
    for (const [name, args] of calls) {
      // Twice: the second answer comes from the streams the first kept.
      for (let i = 0; i < 2; i++) cached.push(await engine.call("query", name, args, null));
      const value = { success: true, value: await engine.t.query(query(name), args) };
      direct.push(value, value);
    }
    return { cached, direct };
  }

  async function expectSameAnswers() {
    const { cached, direct } = await answers();
    expect(cached).toEqual(direct);
  }

  test("answers stay convex-test's own through replies, edits, removals, deletes and unpublishing", async () => {
    await expectSameAnswers();
    const first = await engine.t.run(async (ctx: any) =>
      ctx.db.query("comments").withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q: any) => q.eq("postId", posts[0]!._id)).first(),
    );
    const { _id, _creationTime, ...fields } = first;
    const writes: ((ctx: any) => Promise<unknown>)[] = [
      (ctx) => ctx.db.insert("comments", { ...fields, parentId: _id, content: "A new reply" }),
      (ctx) => ctx.db.insert("comments", { ...fields, content: "A new top-level comment" }),
      (ctx) => ctx.db.patch(_id, { content: "Edited" }),
      (ctx) => ctx.db.patch(_id, { status: "removed" }),
      (ctx) => ctx.db.patch(_id, { status: "visible" }),
      (ctx) => ctx.db.patch(posts[1]!._id, { status: "draft" }),
      (ctx) => ctx.db.patch(posts[1]!._id, { status: "published" }),
      (ctx) => ctx.db.delete(_id),
    ];
    for (const write of writes) {
      await engine.t.run(write);
      await expectSameAnswers();
    }
  });
});
