/** The events `<post-comments>` dispatches, typed for `addEventListener` and for `emit()`. */
import type { Comment } from "../internal/api.js";

export interface CommentEventDetail {
  commentId: string;
  /** `visible`, or `pending` when it waits for a moderator. */
  status?: Comment["status"];
  parentId?: string;
}

export interface SignInDetail {
  userId: string;
  name: string;
}

declare module "../internal/emit.js" {
  interface LpEventMap {
    "lp-comment-create": CommentEventDetail;
    "lp-comment-edit": CommentEventDetail;
    "lp-comment-delete": CommentEventDetail;
    "lp-sign-in": SignInDetail;
    "lp-sign-out": Record<string, never>;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "lp-comment-create": CustomEvent<CommentEventDetail>;
    "lp-comment-edit": CustomEvent<CommentEventDetail>;
    "lp-comment-delete": CustomEvent<CommentEventDetail>;
    "lp-sign-in": CustomEvent<SignInDetail>;
    "lp-sign-out": CustomEvent<Record<string, never>>;
  }
}
