import { PostComments } from "./post-comments.component.js";

export { PostComments };
export type { CommentEventDetail, SignInDetail } from "./post-comments.component.js";
export type { ErrorDetail, LpEventMap } from "../internal/emit.js";

if (!customElements.get("post-comments")) customElements.define("post-comments", PostComments);

declare global {
  interface HTMLElementTagNameMap {
    "post-comments": PostComments;
  }
}
