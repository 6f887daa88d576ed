/** Every event the elements dispatch, by name, typed for `addEventListener` and for `emit()`. */
import type { CommentEventDetail } from "./comment.js";
import type { ErrorDetail } from "./error.js";
import type { PostSelectDetail } from "./post-select.js";
import type { ReactionEventDetail } from "./reaction.js";
import type { SignInDetail } from "./sign-in.js";

export interface LpEventMap {
  "lp-post-select": PostSelectDetail;
  "lp-error": ErrorDetail;
  "lp-comment-create": CommentEventDetail;
  "lp-comment-edit": CommentEventDetail;
  "lp-comment-delete": CommentEventDetail;
  "lp-reaction": ReactionEventDetail;
  "lp-sign-in": SignInDetail;
  /** `lp-sign-out`: the reader signed out. */
  "lp-sign-out": Record<string, never>;
}

declare global {
  interface GlobalEventHandlersEventMap {
    "lp-post-select": CustomEvent<PostSelectDetail>;
    "lp-error": CustomEvent<ErrorDetail>;
    "lp-comment-create": CustomEvent<CommentEventDetail>;
    "lp-comment-edit": CustomEvent<CommentEventDetail>;
    "lp-comment-delete": CustomEvent<CommentEventDetail>;
    "lp-reaction": CustomEvent<ReactionEventDetail>;
    "lp-sign-in": CustomEvent<SignInDetail>;
    "lp-sign-out": CustomEvent<Record<string, never>>;
  }
}
