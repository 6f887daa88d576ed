/** `lp-comment-create`, `lp-comment-edit`, `lp-comment-delete`: the reader changed a comment in `<post-comments>`. */
import type { Comment } from "../internal/api.js";

export interface CommentEventDetail {
  commentId: string;
  /** `visible`, or `pending` when it waits for a moderator. */
  status?: Comment["status"];
  /** For a reply: the top-level comment it is under (also when it answers another reply). */
  parentId?: string;
}
