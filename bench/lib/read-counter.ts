/**
 * Counts what the database hands to a function: every document returned by `db.get`, by a query
 * stream (index and search reads) and by a page read, with its size as Convex JSON. It wraps the
 * global syscall object convex-test installs, the one door every `ctx.db` read passes through.
 */
const READS = new Set(["1.0/get", "1.0/queryStreamNext", "1.0/queryPage"]);

export type ReadCount = { documents: number; bytes: number };

let current: ReadCount | null = null;
let installed = false;

function tally(op: string, result: string) {
  if (!current || !READS.has(op)) return;
  const parsed = JSON.parse(result);
  const docs: unknown[] =
    op === "1.0/queryPage" ? parsed.page : op === "1.0/queryStreamNext" ? (parsed.done ? [] : [parsed.value]) : [parsed];
  for (const doc of docs) {
    if (doc === null) continue;
    current.documents += 1;
    current.bytes += Buffer.byteLength(JSON.stringify(doc));
  }
}

/** Install once, after convex-test has set up `globalThis.Convex`. */
export function installReadCounter() {
  // A flag of our own: the local backend's engine wraps the same object, so wrappers stack up.
  if (installed) return;
  installed = true;
  const inner = (globalThis as any).Convex;
  (globalThis as any).Convex = {
    get syscall() {
      const call = inner.syscall;
      return (op: string, args: string) => {
        const result = call(op, args);
        tally(op, result);
        return result;
      };
    },
    get asyncSyscall() {
      const call = inner.asyncSyscall;
      return async (op: string, args: string) => {
        const result = await call(op, args);
        tally(op, result);
        return result;
      };
    },
    get jsSyscall() {
      return inner.jsSyscall;
    },
  };
}

/** Runs `fn` and returns what it read. One measurement at a time (convex-test runs one function at a time). */
export async function countReads<T>(fn: () => Promise<T>): Promise<{ value: T; reads: ReadCount }> {
  const reads = { documents: 0, bytes: 0 };
  current = reads;
  try {
    return { value: await fn(), reads };
  } finally {
    current = null;
  }
}
