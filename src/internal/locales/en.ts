import type { enComments } from "./en-comments.js";
import type { enCount } from "./en-count.js";
import type { enFeed } from "./en-feed.js";
import type { enPermalinks } from "./en-permalinks.js";
import type { enSearch } from "./en-search.js";
import type { enSearchResults } from "./en-search-results.js";
import type { enWriter } from "./en-writer.js";

/**
 * English messages every element uses, built in. Each element brings its own English messages
 * (en-feed, en-search, en-comments, en-count; loaded on demand with their parts: en-search-results with
 * the search results, en-writer with the writing parts, en-permalinks with comment links); other
 * languages implement every key in one module loaded on demand. A message is a string, or a function of
 * its arguments for plurals and names.
 */
export const en = {
  retry: "Retry",
  loading: "Loading…",
  errorUnreachable: "Can't reach the server. Check your connection.",
  errorNotFound: "Not found.",
  errorForbidden: "You aren't allowed to do that.",
  errorUnauthenticated: "Please sign in first.",
  errorInvalidArgument: "That input isn't valid.",
  errorRateLimited: "Too many requests. Please wait a moment.",
  errorConflict: "That conflicts with a recent change. Please try again.",
  errorGeneric: "Something went wrong.",
  commentCount: (count: number, formatted: string) => (count === 1 ? "1 comment" : `${formatted} comments`),
};

export type Messages = typeof en & typeof enCount & typeof enFeed & typeof enSearch & typeof enSearchResults & typeof enComments & typeof enWriter & typeof enPermalinks;
