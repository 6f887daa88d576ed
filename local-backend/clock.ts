/** Convex timestamps: u64 nanoseconds, strictly increasing, sent as base64 of 8 little-endian bytes. */
export class Clock {
  private last: bigint;

  /** Starts now, and after `after` (the last timestamp handed out before a restart). */
  constructor(after = 0n) {
    this.last = after;
    this.tick();
  }

  /** A new timestamp, later than every one handed out before (and than `observed`). */
  tick(): bigint {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.last = now > this.last ? now : this.last + 1n;
    return this.last;
  }

  current(): bigint {
    return this.last;
  }

  /** A reconnecting client has seen timestamps up to `ts`: never go back behind them. */
  observe(ts: bigint): void {
    if (ts > this.last) this.last = ts;
  }
}

export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

export function decodeTs(encoded: string): bigint {
  return Buffer.from(encoded, "base64").readBigUInt64LE();
}
