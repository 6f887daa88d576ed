/**
 * The data the live, render and page sections run against, prepared once per run in a child
 * process (the backend's modules bind the site URL at load) and handed to each local backend as
 * its data directory's snapshot. The demo seed supplies an administrator who can sign in; the
 * benchmark organization `bench` is theirs, so they may edit every comment in it.
 *
 *   node --import tsx bench/lib/dataset.ts <dataDir>
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "../../local-backend/engine";
import { applyEnv } from "../../local-backend/env";
import { takeSnapshot } from "../../local-backend/persistence";
import { DEMO_PASSWORD, seedDemo } from "../../local-backend/seed";
import { BASE_TIME, insertThread, postRow, type Owner } from "./rows";

export const ORG = "bench";
export const ADMIN = { email: "admin@acme.test", password: DEMO_PASSWORD };
export const FEED_POSTS = 200;
export const THREAD_SIZES = [20, 200, 1000] as const;
export const OWN_POSTS = 200;
export const threadSlug = (comments: number) => `thread-${comments}`;
export const SHARED_THREAD = "live-shared";
export const ownThread = (i: number) => `live-own-${String(i).padStart(3, "0")}`;

/** Ids the sections edit: a top-level comment on each thread's first page. */
export type DatasetIds = { firstComment: Record<string, string> };

const IDS_FILE = "bench-ids.json";

async function build(dataDir: string) {
  applyEnv({ dataDir, url: "http://127.0.0.1:3210", siteUrl: "http://127.0.0.1:3211" });
  const engine = await Engine.create();
  await seedDemo(engine, dataDir, () => {});
  const firstComment: Record<string, string> = {};
  await engine.t.run(async (ctx: any) => {
    const admin = await ctx.db.query("users").withIndex("by_email", (q: any) => q.eq("email", ADMIN.email)).unique();
    const organizationId = await ctx.db.insert("organizations", {
      name: "Bench blog",
      slug: ORG,
      ownerId: admin._id,
      createdAt: BASE_TIME,
      settings: { allowGuestComments: false, preModeration: false, autoCreateThreads: true, allowedOrigins: [] },
      webhookSecret: "0".repeat(64),
    });
    const owner: Owner = { organizationId, ownerId: admin._id, ownerName: admin.name };
    for (let i = 0; i < FEED_POSTS; i++) await ctx.db.insert("posts", postRow(owner, i, "article", 3));
    const thread = async (slug: string, rows: number, n: number) => {
      const postId = await ctx.db.insert("posts", { ...postRow(owner, FEED_POSTS + n, "thread", rows), slug, title: slug });
      await insertThread(ctx, owner, postId, rows, n * 10_000);
      const first = await ctx.db.query("comments").withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q: any) => q.eq("postId", postId)).first();
      firstComment[slug] = first._id;
    };
    let n = 0;
    for (const size of THREAD_SIZES) await thread(threadSlug(size), size, n++);
    await thread(SHARED_THREAD, 30, n++);
    for (let i = 0; i < OWN_POSTS; i++) await thread(ownThread(i), 3, n++);
  });
  writeFileSync(join(dataDir, "snapshot.json"), JSON.stringify(await takeSnapshot(engine)));
  writeFileSync(join(dataDir, IDS_FILE), JSON.stringify({ firstComment } satisfies DatasetIds));
}

let prepared: { dataDir: string; ids: DatasetIds } | null = null;

/** A data directory holding the data set, built on first use in this process. */
export function preparedDataset() {
  if (!prepared) {
    const dataDir = mkdtempSync(join(tmpdir(), "bench-data-"));
    process.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
    const res = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), dataDir], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (res.status !== 0) throw new Error("Preparing the benchmark data failed");
    prepared = { dataDir, ids: JSON.parse(readFileSync(join(dataDir, IDS_FILE), "utf8")) };
  }
  return prepared;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build(process.argv[2]!);
  process.exit(0);
}
