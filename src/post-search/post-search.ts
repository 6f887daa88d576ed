import { PostSearch } from "./post-search.component.js";

export { PostSearch };
export type { PostSelectDetail } from "../internal/emit.js";

if (!customElements.get("post-search")) customElements.define("post-search", PostSearch);

declare global {
  interface HTMLElementTagNameMap {
    "post-search": PostSearch;
  }
}
