/**
 * Query journals: how a live paginated query keeps its page boundaries. A deployment records the
 * end cursor of the page a query read on its first execution and ends the page there on every
 * re-execution, so rows inserted later grow a page instead of shifting rows into the next one.
 * Here the journal is `{"endCursor": …}`, applied by passing `paginationOpts.endCursor`, which
 * convex-test's `paginate` honours.
 */
import type { Value } from "convex/values";

export type Journal = string | null;
type Args = Record<string, Value>;
type PaginationOpts = { cursor: string | null; endCursor?: string | null };
type Page = { continueCursor: string; isDone: boolean };

function paginationOpts(args: Args): PaginationOpts | null {
  const opts = args.paginationOpts as PaginationOpts | undefined;
  return opts && typeof opts === "object" && "cursor" in opts ? opts : null;
}

function endCursorOf(journal: Journal): string | null {
  if (!journal) return null;
  try {
    return (JSON.parse(journal) as { endCursor?: string }).endCursor ?? null;
  } catch {
    return null;
  }
}

function isPage(value: Value): value is Value & Page {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) &&
    typeof (value as Record<string, Value>).continueCursor === "string" &&
    typeof (value as Record<string, Value>).isDone === "boolean"
  );
}

/** The arguments for this execution: the journal's end cursor pins the page's end. */
export function argsWithJournal(args: Args, journal: Journal): Args {
  const opts = paginationOpts(args);
  const endCursor = endCursorOf(journal);
  if (!opts || !endCursor || opts.endCursor) return args;
  return { ...args, paginationOpts: { ...opts, endCursor } } as Args;
}

/**
 * The journal to keep after an execution, and the result to send. A first execution records the
 * page's end. convex-test reports `isDone` with no cursor when the row at the pinned end has been
 * deleted; the page still ends there, so the result keeps the pinned cursor.
 */
export function settleJournal(args: Args, journal: Journal, value: Value): { journal: Journal; value: Value } {
  const opts = paginationOpts(args);
  if (!opts || opts.endCursor || !isPage(value)) return { journal, value };
  const pinned = endCursorOf(journal);
  if (!pinned) return { journal: JSON.stringify({ endCursor: value.continueCursor }), value };
  if (pinned === "_end_cursor" || value.continueCursor === pinned) return { journal, value };
  return { journal, value: { ...(value as Record<string, Value>), continueCursor: pinned, isDone: false } };
}
