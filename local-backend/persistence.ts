/**
 * Data that survives a restart: every table of the app and of the components (Better Auth accounts,
 * sessions and keys, rate limits) is written to `<dataDir>/snapshot.json` after writes (debounced,
 * atomically via rename) and loaded on start with the same `_id` and `_creationTime`. Between
 * writes of the file the snapshot is kept in memory and only the documents written since are read
 * again, so its cost follows the writes, not the size of the data (apart from the file itself).
 *
 * convex-test exposes no raw database access, so a restore goes through `ctx.db.insert` and relies
 * on how convex-test assigns both fields: ids are `<counter><table>` with one counter per
 * component starting at 10000, and `_creationTime` is `Date.now()` (kept strictly increasing).
 * Inserting the documents in id order, with `Date` overridden for the handler (convex-test isolates
 * assigned globals per call), and spending the counters of deleted documents on throw-away rows,
 * reproduces both exactly; `restore` checks that it did.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue } from "convex/values";
import type { ComponentTables, Engine } from "./engine";
import { tableOfId } from "./read-sets";

const FILE = "snapshot.json";
const FIRST_DOCUMENT_COUNTER = 10000;
const GAP_TABLE = "localBackendRestoreGap";

type Doc = Record<string, any> & { _id: string; _creationTime: number };
type PendingJob = { name: string; args: JSONValue; scheduledTime: number };
type ComponentSnapshot = { documents: JSONValue[]; scheduled: PendingJob[] };
export type Snapshot = { version: 1; components: Record<string, ComponentSnapshot> };

function counterOf(id: string): number {
  return Number(/^\d+/.exec(id)![0]);
}

async function pendingJobs(ctx: any): Promise<PendingJob[]> {
  const jobs = await ctx.db.system.query("_scheduled_functions").collect();
  return jobs
    .filter((job: any) => job.state.kind === "pending")
    .map((job: any) => ({ name: job.name, args: convexToJson(job.args[0] ?? {}), scheduledTime: job.scheduledTime }));
}

async function snapshotComponent(engine: Engine, { componentPath, tables }: ComponentTables) {
  return engine.t.runInComponent(componentPath, async (ctx) => {
    const documents: JSONValue[] = [];
    for (const table of tables) {
      for (const doc of await ctx.db.query(table).collect()) documents.push(convexToJson(doc));
    }
    return { documents, scheduled: await pendingJobs(ctx) } satisfies ComponentSnapshot;
  });
}

export async function takeSnapshot(engine: Engine): Promise<Snapshot> {
  const components: Record<string, ComponentSnapshot> = {};
  for (const entry of engine.componentTables) components[entry.componentPath] = await snapshotComponent(engine, entry);
  return { version: 1, components };
}

async function restoreComponent(engine: Engine, componentPath: string, snapshot: ComponentSnapshot) {
  const docs = (snapshot.documents.map((json) => jsonToConvex(json)) as Doc[]).sort(
    (a, b) => counterOf(a._id) - counterOf(b._id),
  );
  await engine.t.runInComponent(componentPath, async (ctx) => {
    const RealDate = Date;
    let creationTime = 0;
    // Assigned inside the handler, so only this call sees it.
    (globalThis as any).Date = class extends RealDate {
      static override now() {
        return creationTime;
      }
    };
    let nextCounter = FIRST_DOCUMENT_COUNTER;
    let previousTime = 0;
    for (const { _id, _creationTime, ...fields } of docs) {
      const gaps = counterOf(_id) - nextCounter;
      for (let i = 1; i <= gaps; i++) {
        creationTime = previousTime + ((_creationTime - previousTime) * i) / (gaps + 1);
        await ctx.db.delete(await ctx.db.insert(GAP_TABLE, {}));
      }
      creationTime = _creationTime;
      const table = _id.replace(/^\d+/, "");
      const id = await ctx.db.insert(table, fields);
      const restored = await ctx.db.get(id);
      if (id !== _id || restored._creationTime !== _creationTime) {
        throw new Error(`Restoring ${table} ${_id} produced ${id} (${restored._creationTime} ≠ ${_creationTime})`);
      }
      nextCounter = counterOf(_id) + 1;
      previousTime = _creationTime;
    }
    (globalThis as any).Date = RealDate;
    // Pending jobs are scheduled again (with new job ids); finished ones are history.
    for (const job of snapshot.scheduled) {
      await ctx.scheduler.runAt(job.scheduledTime, makeFunctionReference<"mutation">(job.name), jsonToConvex(job.args));
    }
  });
}

export async function restoreSnapshot(engine: Engine, snapshot: Snapshot) {
  for (const [componentPath, component] of Object.entries(snapshot.components)) {
    if (engine.componentTables.some((entry) => entry.componentPath === componentPath)) {
      await restoreComponent(engine, componentPath, component);
    }
  }
}

export function readSnapshot(dataDir: string): Snapshot | null {
  const path = join(dataDir, FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Snapshot) : null;
}

/**
 * Keeps the snapshot file in step with the data: shortly after writes stop (at most `maxDelayMs`
 * after the first one), re-reads the documents written since the last file and each component's
 * pending scheduled functions, then writes the file without blocking the event loop.
 */
export class SnapshotWriter {
  /** Per component, each document as JSON by id. */
  private readonly documents = new Map<string, Map<string, JSONValue>>();
  private readonly written = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private firstPendingAt = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly dataDir: string,
    restored: Snapshot | null,
    private readonly delayMs = 250,
    private readonly maxDelayMs = 2000,
  ) {
    mkdirSync(dataDir, { recursive: true });
    for (const { componentPath } of engine.componentTables) {
      const documents = restored?.components[componentPath]?.documents ?? [];
      this.documents.set(componentPath, new Map(documents.map((doc) => [(doc as Doc)._id, doc])));
    }
  }

  /** Something was written (`id`: the document, if any): write the file soon. */
  schedule(id: string | null) {
    if (id !== null) this.written.add(id);
    const now = Date.now();
    if (!this.timer) this.firstPendingAt = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.firstPendingAt + this.maxDelayMs - now));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Writes now if a write is pending; resolves when the file is on disk. */
  flush(): Promise<void> {
    if (!this.timer) return this.writing;
    clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing
      .then(() => this.write())
      .catch((error) => console.error("local backend: could not write the snapshot:", error));
    return this.writing;
  }

  private async write() {
    const ids = [...this.written];
    this.written.clear();
    const components: Record<string, ComponentSnapshot> = {};
    for (const { componentPath, tables } of this.engine.componentTables) {
      const documents = this.documents.get(componentPath)!;
      const mine = ids.filter((id) => tables.includes(tableOfId(id)));
      const { current, scheduled } = await this.engine.t.runInComponent(componentPath, async (ctx) => ({
        current: await Promise.all(mine.map(async (id) => [id, await ctx.db.get(id)] as const)),
        scheduled: await pendingJobs(ctx),
      }));
      for (const [id, doc] of current) {
        if (doc === null) documents.delete(id);
        else documents.set(id, convexToJson(doc));
      }
      components[componentPath] = { documents: [...documents.values()], scheduled };
    }
    const path = join(this.dataDir, FILE);
    await writeFile(`${path}.tmp`, JSON.stringify({ version: 1, components } satisfies Snapshot));
    await rename(`${path}.tmp`, path);
  }
}
