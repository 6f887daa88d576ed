/**
 * Everything `<post-search>` needs once a reader searches, loaded on demand (the first focus, press or
 * keystroke in the element): the live results, the listbox's options with their highlights, keyboard
 * navigation, and the loading, no-results and error messages with their styles. Before it loads the
 * element shows its field, the author filter and the empty listbox the field controls.
 */
import type { html, nothing, ReactiveControllerHost } from "lit";
import type { api, PostSummary } from "../internal/api.js";
import type { LiveQueryController } from "../internal/live-query.js";
import type { LocalizeController } from "../internal/localize.js";
import type { emptyView, errorView } from "../internal/status-view.js";
import { searchTerms, splitOnTerms } from "./highlight.js";

export { enSearchResults } from "../internal/locales/en-search-results.js";
export { resultsStyles } from "./search-results.styles.js";

/**
 * What the results read from their element, which also hands over the modules they share with the page
 * (Lit's tags, the live query, the status views): a module the page already loaded, imported here too,
 * makes an app's bundler split the page's shared code by which lazy chunks use it, into more files for
 * every reader (see bench/README.md, Size).
 */
export interface SearchContext {
  host: ReactiveControllerHost;
  lit: { html: typeof html; nothing: typeof nothing };
  localize: LocalizeController;
  /** The live search (`posts.search`) for `query`. */
  results: LiveQueryController<typeof api.posts.search>;
  views: { emptyView: typeof emptyView; errorView: typeof errorView };
  /** What is searched, trimmed; empty while nothing is. */
  query: () => string;
  /** Empties the field and ends the search. */
  clear: () => void;
  /** The reader chose a result. */
  choose: (post: PostSummary) => void;
}

export class SearchResults {
  /** Whether the listbox may open: typing opens it; Escape, leaving the field and choosing close it. */
  #expanded = false;
  /** Index of the active result, -1 for none. */
  #active = -1;

  constructor(private readonly c: SearchContext) {}

  /** Results for the current search (none while nothing is searched). */
  get #posts(): PostSummary[] {
    return this.c.query() ? (this.c.results.value ?? []) : [];
  }

  /** Whether the listbox shows (the field's `aria-expanded`). */
  get open() {
    return this.#expanded && this.#posts.length > 0;
  }

  /** Whether a search runs (the element's `aria-busy`). */
  get busy() {
    return this.c.results.status === "loading";
  }

  /** The id of the active option, for the field's `aria-activedescendant`. */
  get activeId() {
    return this.open && this.#active >= 0 ? `option-${this.#active}` : undefined;
  }

  #set(expanded: boolean, active: number) {
    this.#expanded = expanded;
    this.#active = active;
    this.c.host.requestUpdate();
  }

  /** The reader typed: the listbox may open, with no option active. */
  reopen() {
    this.#set(true, -1);
  }

  close() {
    this.#set(false, -1);
  }

  keydown(event: KeyboardEvent) {
    const count = this.#posts.length, open = this.open, active = this.#active;
    const move = (index: number) => {
      event.preventDefault();
      this.#set(true, count ? (index + count) % count : -1);
    };
    switch (event.key) {
      case "ArrowDown":
        return move(open ? active + 1 : 0);
      case "ArrowUp":
        return move(open ? active - 1 : count - 1);
      case "Home":
      case "End":
        if (open && active >= 0) move(event.key === "Home" ? 0 : count - 1);
        return;
      case "Enter": {
        const post = open ? this.#posts[active] : undefined;
        if (post) {
          event.preventDefault();
          this.#choose(post);
        }
        return;
      }
      case "Escape":
        event.preventDefault();
        if (open) this.close();
        else this.c.clear();
        return;
    }
  }

  #choose(post: PostSummary) {
    this.close();
    this.c.choose(post);
  }

  /** `text` with the search's words marked. */
  #highlight(text: string, terms: string[]) {
    const { html } = this.c.lit;
    return splitOnTerms(text, terms).map((piece, i) => (i % 2 === 1 ? html`<mark part="mark">${piece}</mark>` : piece));
  }

  /** The listbox's options. */
  options() {
    const { html, nothing } = this.c.lit, terms = searchTerms(this.c.query());
    return this.#posts.map(
      (post, i) => html`<li
        id="option-${i}"
        part="result"
        class="search__result"
        role="option"
        aria-selected=${i === this.#active}
        @mousedown=${(e: MouseEvent) => e.preventDefault()}
        @click=${() => this.#choose(post)}
      >
        <span part="result-title" class="search__title">${this.#highlight(post.title, terms)}</span>
        ${post.excerpt
          ? html`<span part="result-excerpt" class="search__excerpt">${this.#highlight(post.excerpt, terms)}</span>`
          : nothing}
      </li>`,
    );
  }

  /** Searching, nothing found, or the error with Retry. */
  status() {
    const { results, localize, views, lit: { html, nothing } } = this.c, query = this.c.query();
    if (!query) return nothing;
    return results.render({
      pending: () => html`<p part="loading" class="search__loading">${localize.term("searching")}</p>`,
      complete: (posts) => (posts.length ? nothing : views.emptyView(localize.term("noResults", query), "no-results")),
      error: (error) => views.errorView(localize, localize.term("searchError"), error, () => results.retry()),
    });
  }

  /** What the polite live region says: the result count once a search settles. */
  announcement() {
    return this.c.query() && this.c.results.status === "ready" ? this.c.localize.count("resultCount", this.#posts.length) : "";
  }
}
