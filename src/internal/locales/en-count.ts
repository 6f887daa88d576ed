/** English messages of `<post-comment-count>` (the count itself is `commentCount`, shared with the feed). */
export const enCount = {
  countError: "Couldn't load the comment count.",
};
