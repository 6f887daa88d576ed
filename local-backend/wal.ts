/**
 * The write-ahead log: `<dataDir>/log.bin`, an append-only file of records, each
 * `[u32 LE payload length][u32 LE CRC-32 of the payload][payload: UTF-8 JSON]`. A record is
 * appended and fdatasync'd before the writes it holds are acknowledged; records appended while one
 * is being synced share the next sync (group commit, persistence.ts). On start the records are
 * read up to the first incomplete or corrupt one (a torn tail from a crash mid-append); the file is
 * cut there, and nothing before it is lost.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { crc32 } from "node:zlib";

const HEADER_BYTES = 8;

export function frame(payload: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(body.length, 0);
  header.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([header, body]);
}

export type LogContents<T> = { records: T[]; validBytes: number; fileBytes: number };

/** The whole records of the log, in order, and where the last one ends. */
export function readLog<T>(path: string): LogContents<T> {
  if (!existsSync(path)) return { records: [], validBytes: 0, fileBytes: 0 };
  const data = readFileSync(path);
  const records: T[] = [];
  let at = 0;
  while (at + HEADER_BYTES <= data.length) {
    const length = data.readUInt32LE(at);
    const checksum = data.readUInt32LE(at + 4);
    const end = at + HEADER_BYTES + length;
    if (end > data.length) break;
    const body = data.subarray(at + HEADER_BYTES, end);
    if (crc32(body) !== checksum) break;
    let record: T;
    try {
      record = JSON.parse(body.toString("utf8")) as T;
    } catch {
      break;
    }
    records.push(record);
    at = end;
  }
  return { records, validBytes: at, fileBytes: data.length };
}

/** Cuts the file at `bytes` (a torn tail) and makes the cut durable. */
export function cutLog(path: string, bytes: number) {
  truncateSync(path, bytes);
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The log open for appending. */
export class LogFile {
  private constructor(
    private readonly handle: FileHandle,
    public bytes: number,
  ) {}

  static async open(path: string): Promise<LogFile> {
    const handle = await open(path, "a");
    return new LogFile(handle, (await handle.stat()).size);
  }

  /** Appends the frames and returns once they are on disk. */
  async append(frames: Buffer[], sync: boolean) {
    const data = frames.length === 1 ? frames[0]! : Buffer.concat(frames);
    let written = 0;
    while (written < data.length) written += (await this.handle.write(data, written)).bytesWritten;
    this.bytes += data.length;
    if (sync) await this.handle.datasync();
  }

  /** Empties the log (its records are in a snapshot that is already durable). */
  async truncate() {
    await this.handle.truncate(0);
    await this.handle.sync();
    this.bytes = 0;
  }

  async close() {
    await this.handle.close();
  }
}
