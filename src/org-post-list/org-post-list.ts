import { OrgPostList } from "./org-post-list.component.js";

export { OrgPostList };
export type { PostSelectDetail } from "../internal/emit.js";

if (!customElements.get("org-post-list")) customElements.define("org-post-list", OrgPostList);

declare global {
  interface HTMLElementTagNameMap {
    "org-post-list": OrgPostList;
  }
}
