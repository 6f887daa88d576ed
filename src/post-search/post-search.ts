import { PostSearch } from "./post-search.component.js";

export { PostSearch };
export type { PostSelectDetail } from "../events/post-select.js";
export type { ErrorDetail } from "../events/error.js";
export type { LpEventMap } from "../events/event-map.js";

if (!customElements.get("post-search")) customElements.define("post-search", PostSearch);

declare global {
  interface HTMLElementTagNameMap {
    "post-search": PostSearch;
  }
}
