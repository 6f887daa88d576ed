/** English messages of `<post-search>` before anyone searches: the field and the author filter. */
export const enSearch = {
  searchLabel: "Search posts",
  searchPlaceholder: "Search posts…",
  authorFilterLabel: "Author",
  allAuthors: "All authors",
  searchUnavailable: "Couldn't load the search.",
};
