/** English messages of `<post-search>`. */
export const enSearch = {
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
