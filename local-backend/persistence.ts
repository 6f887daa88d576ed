/**
 * Data that survives a restart: every table of the app and of the components (Better Auth accounts,
 * sessions and keys, rate limits). Each write is appended to the write-ahead log (wal.ts) and
 * fsync'd before it is acknowledged (DurableStore, group commit); `<dataDir>/snapshot.json` is the
 * log's compaction, and on start the snapshot plus the log's records are loaded with the same `_id`
 * and `_creationTime`. The data is kept in memory as JSON and only the documents written since the
 * last record are read again, so the cost follows the writes, not the size of the data.
 * SnapshotWriter is the old asynchronous snapshot (the benchmark's `--no-durable` baseline).
 *
 * convex-test exposes no raw database access, so a restore goes through `ctx.db.insert` and relies
 * on how convex-test assigns both fields: ids are `<counter><table>` with one counter per
 * component starting at 10000, and `_creationTime` is `Date.now()` (kept strictly increasing).
 * Inserting the documents in id order, with `Date` overridden for the handler (convex-test isolates
 * assigned globals per call), and spending the counters of deleted documents on throw-away rows,
 * reproduces both exactly; `restore` checks that it did.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { open, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue } from "convex/values";
import type { ComponentTables, Engine } from "./engine";
import { tableOfId } from "./read-sets";
import { cutLog, frame, LogFile, readLog } from "./wal";

const FILE = "snapshot.json";
const FIRST_DOCUMENT_COUNTER = 10000;
const GAP_TABLE = "localBackendRestoreGap";

type Doc = Record<string, any> & { _id: string; _creationTime: number };
type PendingJob = { name: string; args: JSONValue; scheduledTime: number };
/** `maxCounter`: the highest id counter ever handed out (deleted documents included), so none repeats. */
type ComponentSnapshot = { documents: JSONValue[]; scheduled: PendingJob[]; maxCounter?: number };
/** `ts`: the last timestamp handed out before the snapshot (version 2), so none repeats. */
export type Snapshot = { version: 1 | 2; components: Record<string, ComponentSnapshot>; ts?: string };

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
    // Counters handed out to documents deleted since: spent too, so no id is handed out twice.
    for (; nextCounter <= (snapshot.maxCounter ?? 0); nextCounter++) {
      creationTime = previousTime;
      await ctx.db.delete(await ctx.db.insert(GAP_TABLE, {}));
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
 * Keeps the snapshot file in step with the engine's writes, which it follows from construction to
 * `close()`: shortly after writes stop (at most `maxDelayMs` after the first one), re-reads the documents written since the last file and each component's
 * pending scheduled functions, then writes the file without blocking the event loop.
 */
export class SnapshotWriter {
  /** Per component, each document as JSON by id. */
  private readonly documents = new Map<string, Map<string, JSONValue>>();
  private readonly written = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private firstPendingAt = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly stopListening: () => void;

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
    this.stopListening = engine.onWrite((write) => this.schedule(write.id));
  }

  /** Something was written (`id`: the document, if any): write the file soon. */
  private schedule(id: string | null) {
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

  /** Writes what is pending and stops following the writes. */
  async close() {
    await this.flush();
    this.stopListening();
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

const LOG = "log.bin";
/** The log is folded into the snapshot once it holds this much. */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

type LogRecord = {
  ts: string;
  components: Record<string, { docs: [string, JSONValue | null][]; scheduled?: PendingJob[]; maxCounter: number }>;
};

/** fsyncs a file or a directory (a rename is durable once its directory is). */
async function fsyncPath(path: string, flags = "r") {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes the snapshot atomically and durably: temp file, fsync, rename, fsync of the directory. */
async function writeSnapshotDurably(dataDir: string, snapshot: Snapshot) {
  const path = join(dataDir, FILE);
  await writeFile(`${path}.tmp`, JSON.stringify(snapshot));
  await fsyncPath(`${path}.tmp`, "r+");
  await rename(`${path}.tmp`, path);
  await fsyncPath(dataDir);
}

/**
 * The data on disk: the snapshot with the log's whole records applied. A torn or corrupt tail is
 * cut at the last whole record and reported with one line.
 */
export function recover(dataDir: string, log: (line: string) => void): Snapshot | null {
  const snapshot = readSnapshot(dataDir);
  const logPath = join(dataDir, LOG);
  const contents = readLog<LogRecord>(logPath);
  if (contents.validBytes < contents.fileBytes) {
    cutLog(logPath, contents.validBytes);
    log(
      `the write-ahead log ended in a torn or corrupt record: cut at byte ${contents.validBytes} of ${contents.fileBytes} ` +
        `after ${contents.records.length} whole record(s); nothing before it is lost`,
    );
  }
  if (!snapshot && contents.records.length === 0) return null;
  const state: Snapshot = snapshot ?? { version: 2, components: {} };
  const byId = new Map<string, Map<string, JSONValue>>();
  for (const [path, component] of Object.entries(state.components)) {
    byId.set(path, new Map(component.documents.map((doc) => [(doc as Doc)._id, doc])));
  }
  let ts = BigInt(state.ts ?? 0);
  for (const record of contents.records) {
    if (BigInt(record.ts) > ts) ts = BigInt(record.ts);
    for (const [path, change] of Object.entries(record.components)) {
      const component = (state.components[path] ??= { documents: [], scheduled: [] });
      const documents = byId.get(path) ?? new Map<string, JSONValue>();
      byId.set(path, documents);
      for (const [id, doc] of change.docs) {
        if (doc === null) documents.delete(id);
        else documents.set(id, doc);
      }
      if (change.scheduled) component.scheduled = change.scheduled;
      component.maxCounter = Math.max(component.maxCounter ?? 0, change.maxCounter);
    }
  }
  for (const [path, documents] of byId) state.components[path]!.documents = [...documents.values()];
  return { version: 2, components: state.components, ts: ts.toString() };
}

/**
 * Durable writes, following the engine's writes from `open` to `close`: `commit()` resolves once
 * every write made before the call is in the log and fdatasync'd. Calls that arrive while a record is being written share the next record and its
 * sync (group commit). The log is folded into the snapshot (compaction) when it grows past
 * COMPACT_AFTER_BYTES and on close. With `sync: false` the log is written but never fsync'd (bench).
 */
export class DurableStore {
  private readonly documents = new Map<string, Map<string, JSONValue>>();
  private readonly maxCounters = new Map<string, number>();
  private readonly scheduledText = new Map<string, string>();
  private readonly scheduled = new Map<string, PendingJob[]>();
  private written = new Set<string>();
  private dirty = false;
  /** The record being written, if any; and the next one, which starts once it is done. */
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | null = null;
  private failed: unknown = null;
  private readonly stopListening: () => void;

  private constructor(
    private readonly engine: Engine,
    private readonly dataDir: string,
    private readonly file: LogFile,
    private readonly currentTs: () => bigint,
    restored: Snapshot | null,
    private readonly sync: boolean,
  ) {
    for (const { componentPath } of engine.componentTables) {
      const component = restored?.components[componentPath];
      const documents = component?.documents ?? [];
      this.documents.set(componentPath, new Map(documents.map((doc) => [(doc as Doc)._id, doc])));
      const highest = documents.reduce<number>((max, doc) => Math.max(max, counterOf((doc as Doc)._id)), 0);
      this.maxCounters.set(componentPath, Math.max(highest, component?.maxCounter ?? 0));
      this.scheduled.set(componentPath, component?.scheduled ?? []);
      this.scheduledText.set(componentPath, JSON.stringify(component?.scheduled ?? []));
    }
    this.stopListening = engine.onWrite((write) => this.noteWrite(write.id));
  }

  /** Opens the log after `recover` (whose result is `restored`) and compacts it into the snapshot. */
  static async open(engine: Engine, dataDir: string, currentTs: () => bigint, restored: Snapshot | null, sync = true) {
    mkdirSync(dataDir, { recursive: true });
    const store = new DurableStore(engine, dataDir, await LogFile.open(join(dataDir, LOG)), currentTs, restored, sync);
    if (restored) await store.compact();
    return store;
  }

  /** Something was written (`id`: the document, if any). */
  private noteWrite(id: string | null) {
    if (id !== null) this.written.add(id);
    this.dirty = true;
  }

  /** Resolves once every write noted before the call is durable. */
  commit(): Promise<void> {
    if (!this.dirty) {
      return (this.next ?? this.running).then(() => {
        if (this.failed) throw this.failed;
      });
    }
    if (!this.next) {
      const next = this.running.then(() => this.writeRecord());
      this.next = next;
      this.running = next.catch(() => {});
    }
    return this.next;
  }

  private async writeRecord() {
    this.next = null;
    if (this.failed) throw this.failed;
    let ids: string[] | null = null;
    /** Taken once the first read holds convex-test's lock: a transaction in progress has ended by then. */
    const takeIds = () => {
      if (ids) return ids;
      ids = [...this.written];
      this.written = new Set();
      this.dirty = false;
      return ids;
    };
    const record: LogRecord = { ts: "0", components: {} };
    try {
      for (const { componentPath, tables } of this.engine.componentTables) {
        const { current, scheduled } = await this.engine.t.runInComponent(componentPath, async (ctx) => {
          const mine = takeIds().filter((id) => tables.includes(tableOfId(id)));
          return {
            current: await Promise.all(mine.map(async (id) => [id, await ctx.db.get(id)] as const)),
            scheduled: await pendingJobs(ctx),
          };
        });
        const documents = this.documents.get(componentPath)!;
        const docs: [string, JSONValue | null][] = [];
        let maxCounter = this.maxCounters.get(componentPath)!;
        for (const [id, doc] of current) {
          maxCounter = Math.max(maxCounter, counterOf(id));
          const json = doc === null ? null : convexToJson(doc);
          if (json === null) documents.delete(id);
          else documents.set(id, json);
          docs.push([id, json]);
        }
        this.maxCounters.set(componentPath, maxCounter);
        const scheduledText = JSON.stringify(scheduled);
        const scheduledChanged = scheduledText !== this.scheduledText.get(componentPath);
        if (docs.length === 0 && !scheduledChanged) continue;
        this.scheduled.set(componentPath, scheduled);
        this.scheduledText.set(componentPath, scheduledText);
        record.components[componentPath] = { docs, maxCounter, ...(scheduledChanged ? { scheduled } : {}) };
      }
      if (Object.keys(record.components).length === 0) return;
      // Read after the writes: at or past every timestamp handed out for them.
      record.ts = this.currentTs().toString();
      await this.file.append([frame(record)], this.sync);
      if (this.file.bytes > COMPACT_AFTER_BYTES) await this.compact();
    } catch (error) {
      // The process can no longer promise durability: refuse every later acknowledgement.
      this.failed = error;
      console.error("local backend: could not write the log; writes are no longer acknowledged:", error);
      throw error;
    }
  }

  /** The data as a snapshot, from memory. */
  private snapshot(): Snapshot {
    const components: Record<string, ComponentSnapshot> = {};
    for (const [componentPath, documents] of this.documents) {
      components[componentPath] = {
        documents: [...documents.values()],
        scheduled: this.scheduled.get(componentPath)!,
        maxCounter: this.maxCounters.get(componentPath)!,
      };
    }
    return { version: 2, components, ts: this.currentTs().toString() };
  }

  /** Folds the log into the snapshot: the snapshot is durable before the log is emptied. */
  private async compact() {
    await writeSnapshotDurably(this.dataDir, this.snapshot());
    await this.file.truncate();
  }

  /** Writes what is pending, folds the log into the snapshot and closes the log. */
  async close() {
    await this.commit().catch(() => {});
    await this.running;
    if (!this.failed) await this.compact();
    await this.file.close();
    this.stopListening();
  }
}
