/** English messages of `<post-comments>`'s comment links, loaded with them (the Copy link button's label is in en-comments). */
export const enPermalinks = {
  linkCopied: "Link copied",
  copyThisLink: (url: string) => `Copy this link: ${url}`,
  linkedCommentGone: "This comment was removed or doesn't exist.",
};
