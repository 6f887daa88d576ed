import { OrgPostList } from "./org-post-list.component.js";

export { OrgPostList };
export type { PostSelectDetail } from "../events/post-select.js";
export type { ErrorDetail } from "../events/error.js";
export type { LpEventMap } from "../events/event-map.js";

if (!customElements.get("org-post-list")) customElements.define("org-post-list", OrgPostList);

declare global {
  interface HTMLElementTagNameMap {
    "org-post-list": OrgPostList;
  }
}
