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

  // <post-comments>
  commentsHeading: "Comments",
  commentsEmpty: "No comments yet. Start the conversation.",
  commentsError: "Couldn't load the comments.",
  loadMoreComments: "Load more comments",
  loadingComments: "Loading comments…",
  commentBy: (name: string) => `Comment by ${name}`,
  newComment: (name: string) => `New comment from ${name}`,
  newComments: (_count: number, formatted: string) => `${formatted} new comments`,
  edited: "edited",
  awaitingApproval: "Awaiting approval",
  sending: "Sending…",
  waitingForConnection: "Offline. Your comment is sent when the connection returns.",
  pendingNotice: "Thanks! Your comment appears once a moderator approves it.",
  addComment: "Add a comment",
  replyTo: (name: string) => `Reply to ${name}`,
  editComment: "Edit your comment",
  guestName: "Your name",
  postComment: "Post comment",
  reply: "Reply",
  edit: "Edit",
  save: "Save",
  cancel: "Cancel",
  delete: "Delete",
  confirmDelete: "Delete this comment and its replies?",
  approve: "Approve",
  remove: "Remove",
  sendHint: "Ctrl+Enter to send. Markdown: *emphasis*, **strong**, `code`, [link](https://…).",
  charCount: (count: string, max: string) => `${count} / ${max}`,
  tooLong: (max: string) => `Too long: at most ${max} characters.`,
  signIn: "Sign in",
  signInToComment: "Sign in to comment",
  signUp: "Create account",
  signOut: "Sign out",
  signedInAs: (name: string) => `Signed in as ${name}`,
  toSignUp: "New here? Create an account",
  toSignIn: "Have an account? Sign in",
  nameLabel: "Name",
  emailLabel: "Email",
  passwordLabel: "Password",
  authInvalidCredentials: "Wrong email or password.",
  authEmailTaken: "An account with this email already exists. Sign in instead.",
  authWeakPassword: "Use a password of at least 8 characters.",
  authInvalidEmail: "Enter a valid email address.",
  authFailed: "Couldn't sign in. Please try again.",
};

export type Messages = typeof en;
