import type { Comment } from "../internal/api.js";

/** Ids of comments not yet confirmed by the server start with this (see optimistic.ts). */
export const OPTIMISTIC_PREFIX = "optimistic:";

export function isOptimistic(comment: Comment): boolean {
  return comment._id.startsWith(OPTIMISTIC_PREFIX);
}
