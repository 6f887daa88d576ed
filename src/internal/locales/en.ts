/**
 * English messages, built in. Other languages implement the same keys in their own module and are
 * loaded on demand. A message is a string, or a function of its arguments for plurals and names.
 */
export const en = {
  // Shared
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

  // <org-post-list>
  postsLabel: "Posts",
  postsEmpty: "No posts yet.",
  postsError: "Couldn't load the posts.",
  loadMore: "Load more",
  loadingMore: "Loading more posts…",
  byAuthor: (name: string) => `by ${name}`,
  commentCount: (count: number, formatted: string) =>
    count === 1 ? "1 comment" : `${formatted} comments`,

  // <post-search>
  searchLabel: "Search posts",
  searchPlaceholder: "Search posts…",
  searching: "Searching…",
  searchError: "Search failed.",
  noResults: (query: string) => `No posts match “${query}”.`,
  resultCount: (count: number, formatted: string) =>
    count === 0 ? "No results." : count === 1 ? "1 result." : `${formatted} results.`,
  authorFilterLabel: "Author",
  allAuthors: "All authors",
};

export type Messages = typeof en;
