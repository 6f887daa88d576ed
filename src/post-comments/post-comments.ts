import { PostComments } from "./post-comments.component.js";

export { PostComments };
export type { CommentEventDetail, SignInDetail } from "./post-comments.component.js";

if (!customElements.get("post-comments")) customElements.define("post-comments", PostComments);

declare global {
  interface HTMLElementTagNameMap {
    "post-comments": PostComments;
  }
}
