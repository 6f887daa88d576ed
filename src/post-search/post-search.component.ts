import { adoptStyles, css, html, nothing } from "lit";
import { api, type PostSummary } from "../internal/api.js";
import { buildHref } from "../internal/href.js";
import { LiveElement } from "../internal/live-element.js";
import { LiveQueryController } from "../internal/live-query.js";
import { enSearch } from "../internal/locales/en-search.js";
import { LazyPart } from "../internal/lazy-part.js";
import { addEnglish } from "../internal/localize.js";
import { emptyView, errorView } from "../internal/status-view.js";
import { themeStyles } from "../internal/theme.js";
import { styles } from "./post-search.styles.js";
import type { SearchResults } from "./search-results.js";

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

  #debounceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The results, once loaded: the first focus, press or keystroke in the element fetches them. */
  #results: SearchResults | undefined;

  readonly #authors = new LiveQueryController(this, () =>
    this.deployment && this.org && !this.author
      ? { query: api.posts.listAuthors, args: { organizationSlug: this.org } }
      : null,
  );

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#debounceTimer);
  }

  readonly #resultsPart = new LazyPart(this, () =>
    import("./search-results.js").then(({ SearchResults, resultsStyles, enSearchResults }) => {
      addEnglish(enSearchResults);
      adoptStyles(this.renderRoot as ShadowRoot, [...PostSearch.elementStyles, resultsStyles(css)]);
      this.#results = new SearchResults({
        host: this,
        localize: this.localize,
        results: new LiveQueryController(this, () => {
          const query = this.query.trim(), authorId = this.author || this.chosenAuthor;
          if (!this.deployment || !this.org || !query) return null;
          return {
            query: api.posts.search,
            args: { organizationSlug: this.org, query, ...(authorId ? { authorId: authorId as PostSummary["authorId"] } : {}) },
          };
        }),
        lit: { html, nothing },
        views: { emptyView, errorView },
        query: () => this.query.trim(),
        clear: () => this.#clear(),
        choose: (post) => this.#choose(post),
      });
      this.requestUpdate();
      return this.#results;
    }),
  );

  readonly #loadResults = () => this.#resultsPart.load();

  #onInput(event: InputEvent) {
    this.text = (event.target as HTMLInputElement).value;
    clearTimeout(this.#debounceTimer);
    if (!this.text.trim()) this.query = "";
    else this.#debounceTimer = setTimeout(() => (this.query = this.text), this.debounce);
    // The listbox may open again; a keystroke that came before the results opens it once they load.
    void this.#loadResults().then((results) => results?.reopen());
  }

  #clear() {
    clearTimeout(this.#debounceTimer);
    this.text = this.query = "";
    this.#results?.close();
  }

  #choose(post: PostSummary) {
    const href = buildHref(this.hrefTemplate, post);
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

  /** The results could not be downloaded: say so, with Retry (only Retry downloads again). */
  #renderPartError() {
    const error = this.#resultsPart.error;
    return error ? errorView(this.localize, this.localize.term("searchUnavailable"), error, () => void this.#resultsPart.retry()) : nothing;
  }

  protected renderContent() {
    const localize = this.localize, results = this.#results;
    const open = results?.open ?? false;
    return html`<div
      part="base"
      class="search"
      aria-busy=${results?.busy ?? false}
      @focusin=${this.#loadResults}
      @pointerdown=${this.#loadResults}
    >
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
          aria-expanded=${open}
          aria-activedescendant=${results?.activeId ?? nothing}
          placeholder=${this.placeholder || localize.term("searchPlaceholder")}
          .value=${this.text}
          @input=${this.#onInput}
          @keydown=${(e: KeyboardEvent) => this.#results?.keydown(e)}
          @blur=${() => this.#results?.close()}
        />
        ${this.#renderAuthorFilter()}
      </div>
      <ul id="listbox" part="listbox" class="search__results" role="listbox" aria-label=${localize.term("searchLabel")} ?hidden=${!open}>
        ${results?.options() ?? nothing}
      </ul>
      ${results?.status() ?? this.#renderPartError()}
      <p class="visually-hidden" role="status">${results?.announcement() ?? ""}</p>
    </div>`;
  }
}
