/**
 * Index reads of queries served from memory. convex-test answers every `1.0/queryStream` by
 * scanning and sorting the whole table, and a thread page repeats the same reads on every re-run
 * (its organization, its post, each comment's replies) while a write usually changes one of them.
 * A top-level query holds convex-test's transaction lock and only reads, so a stream's rows depend
 * on its arguments and the committed documents of its table alone: they are kept, as the JSON text
 * convex-test returned, until a write touches the stream's range (the read-set rule, never finer)
 * and replayed under an id of this cache's own (negative, where convex-test counts up from 1).
 *
 * Only app tables are kept: their names belong to the app alone, whereas a component's table is
 * read from that component's database, which the syscall does not name.
 */
import { ReadSet, type Scopes, type Write } from "./read-sets";

/** Distinct streams kept; dropping them all only costs re-reading. */
const MAX_STREAMS = 5000;
/** And their keys and rows in bytes (a key holds the read's range, so a large argument is large). */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;
/** Streams open at once; a function that failed mid-read leaves its stream open, and the oldest go. */
const MAX_OPEN = 1000;

type Stream = { rows: string[]; reads: ReadSet; bytes: number };
/** A stream being read: replayed from a kept one, or recorded from convex-test's. */
type Open = { key: string; rows: string[]; at: number; kept: boolean; realId: number; writesAtStart: number };

type Syscall = (op: string, json: string) => string;
type AsyncSyscall = (op: string, json: string) => Promise<string>;

/** A stream's last row: `{ done: true, value: null }` as convex-test serialises it (keys sorted). */
const isLastRow = (row: string) => row.startsWith('{"done":true,') || row.endsWith(',"done":true}');

export class ReadCache {
  private readonly streams = new Map<string, Stream>();
  private readonly open = new Map<number, Open>();
  private nextId = -1;
  /** Writes seen so far: a stream recorded across a write is not kept. */
  private writes = 0;
  private bytes = 0;

  constructor(private readonly scopes: Scopes) {}

  get size() {
    return this.streams.size;
  }

  /** Drops the streams the write can change. */
  invalidate(write: Write) {
    this.writes += 1;
    if (!this.scopes.isPrecise(write.scope)) return;
    for (const [key, stream] of this.streams) {
      if (stream.reads.affectedBy(write)) {
        this.streams.delete(key);
        this.bytes -= stream.bytes;
      }
    }
  }

  /** `1.0/queryStream`: a kept stream, or convex-test's recorded as it is read. */
  start(json: string, call: Syscall): string {
    const kept = this.streams.get(json);
    if (kept) return this.opened({ key: json, rows: kept.rows, at: 0, kept: true, realId: 0, writesAtStart: this.writes });
    const { query } = JSON.parse(json);
    const source = query.source;
    const table = source.type === "FullTableScan" ? source.tableName : source.indexName.split(".")[0];
    const result = call("1.0/queryStream", json);
    if (!this.scopes.isPrecise(this.scopes.of(table))) return result;
    const realId: number = JSON.parse(result).queryId;
    return this.opened({ key: json, rows: [], at: 0, kept: false, realId, writesAtStart: this.writes });
  }

  private opened(stream: Open): string {
    if (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    const queryId = this.nextId--;
    this.open.set(queryId, stream);
    return JSON.stringify({ queryId });
  }

  /** Whether a `queryStreamNext` / `queryCleanup` names a stream of this cache. */
  owns(json: string): boolean {
    return this.open.size > 0 && this.open.has(JSON.parse(json).queryId);
  }

  /** `1.0/queryStreamNext` on a stream of this cache. */
  async next(json: string, call: AsyncSyscall): Promise<string> {
    const stream = this.open.get(JSON.parse(json).queryId)!;
    if (stream.kept) return stream.rows[stream.at++]!;
    const row = await call("1.0/queryStreamNext", JSON.stringify({ queryId: stream.realId }));
    stream.rows.push(row);
    if (isLastRow(row) && stream.writesAtStart === this.writes) this.keep(stream);
    return row;
  }

  /** `1.0/queryCleanup` on a stream of this cache. */
  cleanup(json: string, call: Syscall): string {
    const queryId = JSON.parse(json).queryId;
    const stream = this.open.get(queryId)!;
    this.open.delete(queryId);
    return stream.kept ? JSON.stringify({}) : call("1.0/queryCleanup", JSON.stringify({ queryId: stream.realId }));
  }

  private keep(stream: Open) {
    const bytes = stream.key.length + stream.rows.reduce((sum, row) => sum + row.length, 0);
    if (bytes > MAX_STREAM_BYTES) return;
    if (this.streams.size >= MAX_STREAMS || this.bytes + bytes > MAX_STREAM_BYTES) {
      this.streams.clear();
      this.bytes = 0;
    }
    const reads = new ReadSet(this.scopes);
    reads.record("1.0/queryStream", JSON.parse(stream.key));
    this.streams.set(stream.key, { rows: stream.rows, reads, bytes });
    this.bytes += bytes;
  }
}
