import type { PaginationOptions, PaginationResult } from "convex/server";
import { fail } from "./errors";
import { LIMITS } from "./limits";

/** Cursors are opaque strings Convex hands out; anything much longer was not one of them. */
const MAX_CURSOR_LENGTH = 1024;

/**
 * Checks pagination options before they reach the database: `numItems` a positive integer of at most
 * `LIMITS.pageSize`, cursors null or a plausible string. Throws INVALID_ARGUMENT otherwise.
 */
export function checkPagination(opts: PaginationOptions): PaginationOptions {
  const { numItems, cursor, endCursor } = opts;
  if (!Number.isInteger(numItems) || numItems < 1 || numItems > LIMITS.pageSize) {
    fail("INVALID_ARGUMENT", `numItems must be a whole number from 1 to ${LIMITS.pageSize}.`);
  }
  for (const value of [cursor, endCursor]) {
    if (value !== null && value !== undefined && (value.length === 0 || value.length > MAX_CURSOR_LENGTH)) {
      fail("INVALID_ARGUMENT", "The cursor is not valid.");
    }
  }
  return opts;
}

/** `query.paginate(opts)` after `checkPagination`; a cursor the database cannot read is INVALID_ARGUMENT. */
export async function paginateChecked<T>(
  query: { paginate(opts: PaginationOptions): Promise<PaginationResult<T>> },
  opts: PaginationOptions,
): Promise<PaginationResult<T>> {
  checkPagination(opts);
  try {
    return await query.paginate(opts);
  } catch (error) {
    if (opts.cursor === null && !opts.endCursor) throw error;
    fail("INVALID_ARGUMENT", "The cursor is not valid.");
  }
}
