/**
 * Limits documented in the README. Constants only, with no imports: the elements check the same numbers
 * (src/internal/limits.ts), so this module is bundled into the browser build.
 */
/**
 * Most comments one `reactions.counts` call asks about (the loaded pages' comments and replies). Its own
 * constant as well: the readers' code needs only this one, and a bundler keeps only what is imported.
 */
export const REACTION_TARGETS = 500;

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
  reactionTargets: REACTION_TARGETS,
} as const;
