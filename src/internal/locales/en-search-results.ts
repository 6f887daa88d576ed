/** English messages of `<post-search>`'s results, loaded with them. */
export const enSearchResults = {
  searching: "Searching…",
  searchError: "Search failed.",
  noResults: (query: string) => `No posts match “${query}”.`,
  resultCount: (count: number, formatted: string) =>
    count === 0 ? "No results." : count === 1 ? "1 result." : `${formatted} results.`,
};
