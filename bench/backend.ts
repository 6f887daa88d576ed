/**
 * Backend cost per call: documents and bytes each public query the elements use reads, with
 * 100, 10,000 and 100,000 rows in the posts, comments and reactions tables. Counts come from the database
 * reads themselves (lib/read-counter.ts), so they do not depend on this machine's speed.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { api, internal } from "../convex/_generated/api";
import { Engine } from "../local-backend/engine";
import { applyEnv } from "../local-backend/env";
import { countReads, installReadCounter, type ReadCount } from "./lib/read-counter";
import { sectionResult, type SectionResult } from "../support/report";
import { BASE_TIME, insertOrganization, insertReactions, insertThread, postRow, postSlug, type Owner } from "./lib/rows";

const SIZES = [100, 10_000, 100_000];
const ORG = "bench";
const BATCH = 5_000;
/** Posts whose threads hold the comments that are not in the measured thread. */
const OTHER_THREADS = 100;
const FLAT_TOLERANCE = 0.05;
/** Share of the comments table in the measured thread: 70 rows of 100 make 50 top-level comments. */
const THREAD_SHARE = 0.7;
/** Reactions on each target of the measured page (its comments, replies and the post): 29 × 3 fit in 100 rows. */
const PAGE_REACTIONS = 3;

type Measured = { query: string; reads: Record<number, ReadCount> };

/** `Date.now()` as a counter inside a handler, so `_creationTime` values all have the same width. */
let clock = BASE_TIME;
function fixedClock() {
  const RealDate = Date;
  // Assigned inside a convex-test handler, so only that call sees it.
  (globalThis as any).Date = class extends RealDate {
    static override now() {
      return (clock += 1);
    }
  };
}

async function populate(engine: Engine, rows: number) {
  const t = engine.t;
  const owner: Owner = await t.run(async (ctx: any) => {
    fixedClock();
    const ids = await insertOrganization(ctx, ORG, "bench:owner");
    return { ...ids, ownerName: "Bench Owner" };
  });
  const postIds: string[] = [];
  for (let start = 0; start < rows; start += BATCH) {
    const ids = await t.run(async (ctx: any) => {
      fixedClock();
      const batch: string[] = [];
      for (let i = start; i < Math.min(rows, start + BATCH); i++) batch.push(await ctx.db.insert("posts", postRow(owner, i)));
      return batch;
    });
    postIds.push(...ids);
  }
  // Most comments in the measured thread (post 0), so even at 100 rows it has two full pages;
  // the rest spread over other posts' threads.
  const threadRows = Math.ceil(rows * THREAD_SHARE);
  let written = 0;
  for (let start = 0; start < threadRows; start += BATCH) {
    const size = Math.min(BATCH, threadRows - start);
    await t.run(async (ctx: any) => {
      fixedClock();
      await insertThread(ctx, owner, postIds[0]!, size, written);
    });
    written += size;
  }
  const others = Math.min(OTHER_THREADS, postIds.length - 1);
  while (written < rows) {
    const size = Math.min(BATCH, rows - written);
    await t.run(async (ctx: any) => {
      fixedClock();
      const perThread = Math.ceil(size / others);
      for (let k = 0; k < others && written < rows; k++) {
        const n = Math.min(perThread, rows - written);
        await insertThread(ctx, owner, postIds[1 + k]!, n, written);
        written += n;
      }
    });
  }
  await populateReactions(engine, rows, postIds);
  return { postIds };
}

/** The comments and replies of the measured thread's first page, whose reactions `<post-comments>` asks for. */
async function firstPageTargets(engine: Engine): Promise<string[]> {
  const page = await engine.t.query(api.comments.list, {
    organizationSlug: ORG,
    postSlug: postSlug(0),
    paginationOpts: { numItems: 20, cursor: null },
  });
  return page.page.flatMap((c: any) => [c._id, ...c.replies.map((r: any) => r._id)]);
}

/**
 * `rows` reactions: `PAGE_REACTIONS` on each target of the measured page, at every size, and the rest
 * on 100 other posts (as reactions to the post), so the page's own reactions stay the same while the
 * table grows a thousandfold.
 */
async function populateReactions(engine: Engine, rows: number, postIds: string[]) {
  const t = engine.t;
  const page = [postIds[0]!, ...(await firstPageTargets(engine))];
  await t.run((ctx: any) => insertReactions(ctx, postIds[0]!, page, PAGE_REACTIONS));
  let written = page.length * PAGE_REACTIONS;
  const others = postIds.slice(1, 1 + OTHER_THREADS);
  const perPost = Math.ceil((rows - written) / others.length);
  for (let k = 0; written < rows; ) {
    await t.run(async (ctx: any) => {
      for (let inBatch = 0; inBatch < BATCH && written < rows; k++) {
        const n = Math.min(perPost, rows - written);
        await insertReactions(ctx, others[k]!, [others[k]!], n, written);
        written += n;
        inBatch += n;
      }
    });
  }
}

async function measureAll(engine: Engine, postIds: string[]) {
  const t = engine.t;
  const feedPage = (cursor: string | null) => ({ organizationSlug: ORG, paginationOpts: { numItems: 10, cursor } });
  const threadPage = (cursor: string | null) => ({
    organizationSlug: ORG,
    postSlug: postSlug(0),
    paginationOpts: { numItems: 20, cursor },
  });
  const out: Record<string, ReadCount> = {};
  const feed1 = await countReads(() => t.query(api.posts.listPublished, feedPage(null)));
  out["posts.listPublished (first page, 10)"] = feed1.reads;
  out["posts.listPublished (next page, 10)"] = (
    await countReads(() => t.query(api.posts.listPublished, feedPage(feed1.value.continueCursor)))
  ).reads;
  const thread1 = await countReads(() => t.query(api.comments.list, threadPage(null)));
  if (thread1.value.page.length !== 20) throw new Error(`thread page has ${thread1.value.page.length} comments`);
  out["comments.list (first page, 20 threads)"] = thread1.reads;
  out["comments.list (next page, 20 threads)"] = (
    await countReads(() => t.query(api.comments.list, threadPage(thread1.value.continueCursor)))
  ).reads;
  // The snapshot endpoints' queries (GET /snapshots/comments and /snapshots/posts), elements' page sizes.
  out["snapshots.thread (GET /snapshots/comments, 20 threads)"] = (
    await countReads(() => t.query(internal.snapshots.thread, { organizationSlug: ORG, postSlug: postSlug(0), limit: 20, sort: "oldest" }))
  ).reads;
  out["snapshots.feed (GET /snapshots/posts, 10)"] = (
    await countReads(() => t.query(internal.snapshots.feed, { organizationSlug: ORG, limit: 10 }))
  ).reads;
  // The other orders (pinned comments first) read through their own index ranges.
  for (const sort of ["newest", "top"] as const) {
    out[`comments.list (${sort}, first page, 20 threads)`] = (
      await countReads(() => t.query(api.comments.list, { ...threadPage(null), sort }))
    ).reads;
  }
  const targets = await firstPageTargets(engine);
  const counts = await countReads(() =>
    t.query(api.reactions.counts, { organizationSlug: ORG, postSlug: postSlug(0), commentIds: targets as any[] }),
  );
  if (counts.value.length !== targets.length + 1) throw new Error(`reactions on ${counts.value.length} targets`);
  out[`reactions.counts (first page: ${targets.length} comments and replies, and the post)`] = counts.reads;
  out["thread page with reactions (comments.list + reactions.counts, first page)"] = {
    documents: thread1.reads.documents + counts.reads.documents,
    bytes: thread1.reads.bytes + counts.reads.bytes,
  };
  const newest = postIds.slice(-20) as any[];
  out["comments.countsForPosts (20 posts)"] = (
    await countReads(() => t.query(api.comments.countsForPosts, { postIds: newest }))
  ).reads;
  out["posts.getBySlug"] = (
    await countReads(() => t.query(api.posts.getBySlug, { organizationSlug: ORG, slug: postSlug(postIds.length - 1) }))
  ).reads;
  const search = await countReads(() => t.query(api.posts.search, { organizationSlug: ORG, query: "live comments" }));
  if (search.value.length !== 10) throw new Error(`search found ${search.value.length} posts`);
  out['posts.search ("live comments", limit 10)'] = search.reads;
  // <post-search>'s author filter.
  out["posts.listAuthors"] = (await countReads(() => t.query(api.posts.listAuthors, { organizationSlug: ORG }))).reads;
  return out;
}

export async function runBackend(): Promise<SectionResult> {
  const started = Date.now();
  applyEnv({ dataDir: mkdtempSync(join(tmpdir(), "bench-backend-")), url: "http://127.0.0.1:3210", siteUrl: "http://127.0.0.1:3211" });
  const byQuery = new Map<string, Measured>();
  const setupSeconds: Record<number, number> = {};
  for (const rows of SIZES) {
    const engine = await Engine.create();
    installReadCounter();
    const before = Date.now();
    const { postIds } = await populate(engine, rows);
    setupSeconds[rows] = (Date.now() - before) / 1000;
    for (const [query, reads] of Object.entries(await measureAll(engine, postIds))) {
      const entry = byQuery.get(query) ?? { query, reads: {} };
      entry.reads[rows] = reads;
      byQuery.set(query, entry);
    }
  }
  const [small, , large] = SIZES as [number, number, number];
  const growth = (m: Measured, key: keyof ReadCount) => m.reads[large]![key] / m.reads[small]![key] - 1;
  const measured = [...byQuery.values()];
  const fmtGrowth = (g: number) => `${g >= 0 ? "+" : ""}${(g * 100).toFixed(1)} %`;
  return sectionResult("backend", "Backend cost per call", started, {
    tables: [
      {
        title: "Documents / bytes read per call, by rows in the table it reads",
        columns: ["query", ...SIZES.map((n) => `${n.toLocaleString("en")} rows`), "growth 100 → 100,000 (docs, bytes)"],
        rows: measured.map((m) => [
          m.query,
          ...SIZES.map((n) => `${m.reads[n]!.documents} docs / ${(m.reads[n]!.bytes / 1024).toFixed(1)} KB`),
          `${fmtGrowth(growth(m, "documents"))}, ${fmtGrowth(growth(m, "bytes"))}`,
        ]),
        notes: [
          "Each table holds the stated number of rows: posts (all published articles), comments (70 % in the measured thread, in blocks of five top-level comments of which the first has two replies; 30 % in 100 other threads) and reactions (3 on each comment, reply and the post of the measured page, the rest on 100 other posts).",
          "reactions.counts reads one reactionCounts row per shard that a target has: at most 8 per target (here 3, one per reaction), so a page's reaction reads are bounded by 8 × (its comments and replies + 1) + 2, however many reactions the table or the target holds.",
          "Counted: every document returned by db.get, index and search reads (convex-test's syscalls), with its JSON size. The baseline is the 100-row column of the same run.",
        ],
      },
    ],
    goals: measured.map((m) => {
      const worst = Math.max(Math.abs(growth(m, "documents")), Math.abs(growth(m, "bytes")));
      return { goal: `${m.query}: flat (±5 % from 100 to 100,000 rows)`, actual: fmtGrowth(worst), met: worst <= FLAT_TOLERANCE };
    }),
    data: { sizes: SIZES, setupSeconds, queries: measured },
  });
}
