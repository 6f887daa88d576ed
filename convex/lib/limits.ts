/**
 * Limits documented in the README. Constants only, with no imports: the elements check the same numbers
 * (src/internal/limits.ts), so this module is bundled into the browser build.
 */
export const LIMITS = {
  commentLength: 5000,
  titleLength: 200,
  postLength: 100_000,
  nameLength: 80,
  slugLength: 100,
  clientRequestIdLength: 64,
  emailLength: 254,
  /** A report's own words (reason "other"). */
  reportTextLength: 500,
  /** Most items one page of any paginated query returns. */
  pageSize: 100,
  /** Most comments pinned on one post at once. */
  pinnedPerPost: 3,
  /** Most comments one `reactions.counts` call asks about (the loaded pages' comments and replies). */
  reactionTargets: 500,
} as const;
