/** English messages of `<org-post-list>`. */
export const enFeed = {
  postsLabel: "Posts",
  postsEmpty: "No posts yet.",
  postsError: "Couldn't load the posts.",
  loadMore: "Load more",
  loadingMore: "Loading more posts…",
  byAuthor: (name: string) => `by ${name}`,
};
