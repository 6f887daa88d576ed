import { PostCommentCount } from "./post-comment-count.component.js";

export { PostCommentCount };
export type { ErrorDetail } from "../events/error.js";
export type { LpEventMap } from "../events/event-map.js";

if (!customElements.get("post-comment-count")) customElements.define("post-comment-count", PostCommentCount);

declare global {
  interface HTMLElementTagNameMap {
    "post-comment-count": PostCommentCount;
  }
}
