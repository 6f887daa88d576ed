import { html, nothing } from "lit";
import { api, type PostSummary } from "../internal/api.js";
import { buildHref } from "../internal/href.js";
import { LiveElement } from "../internal/live-element.js";
import { LiveQueryController } from "../internal/live-query.js";
import { enSearch } from "../internal/locales/en-search.js";
import { emptyView, errorView } from "../internal/status-view.js";
import { themeStyles } from "../internal/theme.js";
import { highlight, searchTerms } from "./highlight.js";
import { styles } from "./post-search.styles.js";

/**
 * @summary Full-text search over an organization's published posts, as an accessible combobox.
 * Results are live: a post edited or published while its search is open shows up as it changes.
 *
 * @event {PostSelectDetail} lp-post-select - A reader chose a result (Enter or click).
 * Detail: `{ postId, slug, href }`. Cancelable: call `preventDefault()` to stop the element navigating
 * to `href` (to route in a single-page app).
 *
 * @csspart base - The wrapper around everything.
 * @csspart input - The search field (`role="combobox"`).
 * @csspart author-filter - The author `<select>` (shown when no `author` attribute is set).
 * @csspart listbox - The list of results (`role="listbox"`).
 * @csspart result - One result (`role="option"`); `[aria-selected="true"]` on the active one.
 * @csspart result-title - A result's title.
 * @csspart result-excerpt - A result's excerpt.
 * @csspart mark - A matched word inside a title or excerpt (`<mark>`).
 * @csspart no-results - The message shown when nothing matches.
 * @csspart loading - The indicator shown while a search runs.
 * @csspart error - The error message with its Retry button.
 * @csspart retry-button - The Retry button in the error state.
 *
 * @cssproperty --post-search-accent - Focus ring and active result color. Default: `--lp-color-accent`.
 * @cssproperty --post-search-mark-background - Highlight behind matched words. Default: `--lp-color-mark`.
 * @cssproperty --post-search-active-background - Background of the active result. Default: a tint of the accent.
 * @cssproperty --post-search-input-padding - Padding inside the search field.
 * @cssproperty --lp-color-mark - Default highlight color.
 */
export class PostSearch extends LiveElement {
  static override styles = [themeStyles, styles];

  /** Reactive properties, declared here rather than with decorators, whose helpers add to every page. States also say `attribute: false`, which the manifest analyzer reads. */
  static override properties = {
    hrefTemplate: { attribute: "href-template" },
    author: {},
    placeholder: {},
    debounce: { type: Number },
    text: { state: true, attribute: false },
    query: { state: true, attribute: false },
    chosenAuthor: { state: true, attribute: false },
    expanded: { state: true, attribute: false },
    active: { state: true, attribute: false },
  };

  /** Link for each result; `{slug}` and `{id}` are replaced (URL-encoded). */
  hrefTemplate = "/{slug}";

  /** Only search this author's posts (a user id). Without it, readers get an author filter. */
  author = "";

  /** Placeholder of the search field; defaults to a localized "Search posts…". */
  placeholder = "";

  /** Milliseconds to wait after typing stops before searching. */
  debounce = 250;

  constructor() {
    super(enSearch);
  }

  /** What the field holds. */
  private text = "";
  /** What is being searched: the field's text once typing pauses. */
  private query = "";
  /** The author chosen in the filter. */
  private chosenAuthor = "";
  private expanded = false;
  /** Index of the active result, -1 for none. */
  private active = -1;

  #debounceTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #results = new LiveQueryController(this, () => {
    const query = this.query.trim();
    if (!this.deployment || !this.org || !query) return null;
    const authorId = this.author || this.chosenAuthor;
    return {
      query: api.posts.search,
      args: { organizationSlug: this.org, query, ...(authorId ? { authorId: authorId as PostSummary["authorId"] } : {}) },
    };
  });

  readonly #authors = new LiveQueryController(this, () =>
    this.deployment && this.org && !this.author
      ? { query: api.posts.listAuthors, args: { organizationSlug: this.org } }
      : null,
  );

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#debounceTimer);
  }

  /** Results for the current search (none while nothing is searched). */
  get #posts(): PostSummary[] {
    return this.query.trim() ? (this.#results.value ?? []) : [];
  }

  get #open() {
    return this.expanded && this.#posts.length > 0;
  }

  #onInput(event: InputEvent) {
    this.text = (event.target as HTMLInputElement).value;
    this.expanded = true;
    this.active = -1;
    clearTimeout(this.#debounceTimer);
    if (!this.text.trim()) this.query = "";
    else this.#debounceTimer = setTimeout(() => (this.query = this.text), this.debounce);
  }

  #onKeydown(event: KeyboardEvent) {
    const count = this.#posts.length;
    const move = (index: number) => {
      event.preventDefault();
      this.expanded = true;
      this.active = count ? (index + count) % count : -1;
    };
    switch (event.key) {
      case "ArrowDown":
        return move(this.#open ? this.active + 1 : 0);
      case "ArrowUp":
        return move(this.#open ? this.active - 1 : count - 1);
      case "Home":
      case "End":
        if (this.#open && this.active >= 0) move(event.key === "Home" ? 0 : count - 1);
        return;
      case "Enter": {
        const post = this.#open ? this.#posts[this.active] : undefined;
        if (post) {
          event.preventDefault();
          this.#choose(post);
        }
        return;
      }
      case "Escape":
        event.preventDefault();
        if (this.#open) this.#close();
        else this.#clear();
        return;
    }
  }

  #close() {
    this.expanded = false;
    this.active = -1;
  }

  #clear() {
    clearTimeout(this.#debounceTimer);
    this.text = this.query = "";
    this.#close();
  }

  #choose(post: PostSummary) {
    const href = buildHref(this.hrefTemplate, post);
    this.#close();
    const selected = this.emit("lp-post-select", { postId: post._id, slug: post.slug, href }, { cancelable: true });
    if (!selected.defaultPrevented) location.assign(href);
  }

  #renderAuthorFilter() {
    const authors = this.#authors.value;
    if (this.author || !authors?.length) return nothing;
    const localize = this.localize;
    return html`<label class="visually-hidden" for="author">${localize.term("authorFilterLabel")}</label>
      <select
        id="author"
        part="author-filter"
        class="search__author"
        .value=${this.chosenAuthor}
        @change=${(e: Event) => (this.chosenAuthor = (e.target as HTMLSelectElement).value)}
      >
        <option value="">${localize.term("allAuthors")}</option>
        ${authors.map(
          (a) => html`<option value=${a._id} ?selected=${a._id === this.chosenAuthor}>${a.name}</option>`,
        )}
      </select>`;
  }

  #renderResults() {
    const terms = searchTerms(this.query);
    return html`<ul
      id="listbox"
      part="listbox"
      class="search__results"
      role="listbox"
      aria-label=${this.localize.term("searchLabel")}
      ?hidden=${!this.#open}
    >
      ${this.#posts.map(
        (post, i) => html`<li
          id="option-${i}"
          part="result"
          class="search__result"
          role="option"
          aria-selected=${i === this.active}
          @mousedown=${(e: MouseEvent) => e.preventDefault()}
          @click=${() => this.#choose(post)}
        >
          <span part="result-title" class="search__title">${highlight(post.title, terms)}</span>
          ${post.excerpt
            ? html`<span part="result-excerpt" class="search__excerpt">${highlight(post.excerpt, terms)}</span>`
            : nothing}
        </li>`,
      )}
    </ul>`;
  }

  #renderStatus() {
    const results = this.#results, localize = this.localize;
    if (!this.query.trim()) return nothing;
    return results.render({
      pending: () => html`<p part="loading" class="search__loading">${localize.term("searching")}</p>`,
      complete: (posts) => (posts.length ? nothing : emptyView(localize.term("noResults", this.query.trim()), "no-results")),
      error: (error) =>
        errorView(localize, localize.term("searchError"), error, () => results.retry()),
    });
  }

  /** What the polite live region says: the result count once a search settles. */
  #announcement() {
    const { status } = this.#results;
    return this.query.trim() && status === "ready" ? this.localize.count("resultCount", this.#posts.length) : "";
  }

  protected renderContent() {
    const localize = this.localize;
    const busy = this.#results.status === "loading";
    return html`<div part="base" class="search" aria-busy=${busy}>
      <div class="search__controls">
        <label class="visually-hidden" for="input">${localize.term("searchLabel")}</label>
        <input
          id="input"
          part="input"
          class="search__input"
          type="search"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${this.#open}
          aria-activedescendant=${this.#open && this.active >= 0 ? `option-${this.active}` : nothing}
          placeholder=${this.placeholder || localize.term("searchPlaceholder")}
          .value=${this.text}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @blur=${() => this.#close()}
        />
        ${this.#renderAuthorFilter()}
      </div>
      ${this.#renderResults()} ${this.#renderStatus()}
      <p class="visually-hidden" role="status">${this.#announcement()}</p>
    </div>`;
  }
}
