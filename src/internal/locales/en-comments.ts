/** English messages of `<post-comments>` for reading (the writing parts bring en-writer). */
export const enComments = {
  commentsHeading: "Comments",
  commentsEmpty: "No comments yet. Start the conversation.",
  commentsError: "Couldn't load the comments.",
  loadMoreComments: "Load more comments",
  loadingComments: "Loading comments…",
  commentBy: (name: string) => `Comment by ${name}`,
  newComment: (name: string) => `New comment from ${name}`,
  newComments: (_count: number, formatted: string) => `${formatted} new comments`,
  edited: "edited",
  awaitingApproval: "Waiting for a moderator",
  commentDeleted: "Comment deleted",
  inReplyTo: "In reply to",
  signInToComment: "Sign in to comment",
  reactions: "Reactions",
};
