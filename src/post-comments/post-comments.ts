import { PostComments } from "./post-comments.component.js";

export { PostComments };
export type { CommentEventDetail } from "../events/comment.js";
export type { ReactionEventDetail } from "../events/reaction.js";
export type { SignInDetail } from "../events/sign-in.js";
export type { ErrorDetail } from "../events/error.js";
export type { LpEventMap } from "../events/event-map.js";

if (!customElements.get("post-comments")) customElements.define("post-comments", PostComments);

declare global {
  interface HTMLElementTagNameMap {
    "post-comments": PostComments;
  }
}
