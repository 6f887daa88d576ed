import { html, LitElement, nothing, type PropertyValues } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { api, type PostSummary } from "../internal/api.js";
import { emit } from "../internal/emit.js";
import { errorMessage } from "../internal/errors.js";
import { buildHref } from "../internal/href.js";
import { LocalizeController } from "../internal/localize.js";
import { enFeed } from "../internal/locales/en-feed.js";
import { LivePaginatedQueryController } from "../internal/paginated-query.js";
import { ColorSchemeController, DEFAULT_DARK_SELECTOR, type Theme } from "../internal/color-scheme.js";
import { missingAttributes } from "../internal/missing-attributes.js";
import { themeStyles } from "../internal/theme.js";
import { styles } from "./org-post-list.styles.js";

/** How close (px) the end of the list comes to the viewport before `infinite` loads the next page. */
const SENTINEL_MARGIN = 200;

/**
 * @summary A live feed of an organization's published posts, newest first, with "Load more" paging.
 * Titles, excerpts and comment counts update in place; newly published posts appear at the top.
 *
 * @event {PostSelectDetail} lp-post-select - A reader clicked a post's link. Detail:
 * `{ postId, slug, href }`. Cancelable: call `preventDefault()` to stop the browser following the link
 * (to route in a single-page app).
 *
 * @csspart base - The wrapper around everything.
 * @csspart list - The list of posts.
 * @csspart post - One post in the list.
 * @csspart post-title - A post's title (a heading).
 * @csspart post-link - The link inside the title.
 * @csspart post-excerpt - A post's excerpt.
 * @csspart post-meta - The line holding author, date and comment count.
 * @csspart post-author - The author's name.
 * @csspart post-date - The publication date (`<time>`).
 * @csspart comment-count - The live number of comments.
 * @csspart load-more-button - The "Load more" button.
 * @csspart empty - The message shown when there are no posts.
 * @csspart error - The error message with its Retry button.
 * @csspart retry-button - The Retry button in the error state.
 * @csspart skeleton - The placeholder shown while the first page loads.
 *
 * @cssproperty --org-post-list-accent - Link and button color. Default: `--lp-color-accent`.
 * @cssproperty --org-post-list-gap - Space between posts. Default: `calc(var(--lp-space) * 3 * var(--lp-density))`.
 * @cssproperty --org-post-list-title-size - Font size of post titles. Default: `1.125em`.
 * @cssproperty --org-post-list-divider - Border between posts. Default: `1px solid var(--lp-color-border)`.
 * @cssproperty --lp-color-text - Text color.
 * @cssproperty --lp-color-muted - Color of secondary text (meta line, empty state).
 * @cssproperty --lp-color-surface - Background of buttons and skeleton highlights.
 * @cssproperty --lp-color-border - Borders and dividers.
 * @cssproperty --lp-color-accent - Accent for links, buttons and focus rings.
 * @cssproperty --lp-color-accent-contrast - Text on accent backgrounds.
 * @cssproperty --lp-color-danger - Error text.
 * @cssproperty --lp-font-family - Font family. Default: `inherit` (the host page's font).
 * @cssproperty --lp-font-size - Base font size.
 * @cssproperty --lp-radius - Corner radius.
 * @cssproperty --lp-space - Spacing unit.
 * @cssproperty --lp-density - Spacing multiplier (e.g. `0.75` for compact).
 */
export class OrgPostList extends LitElement {
  static override styles = [themeStyles, styles];

  /** Reactive properties, declared here rather than with decorators, whose helpers add to every page. */
  static override properties = {
    deployment: {},
    org: {},
    hrefTemplate: { attribute: "href-template" },
    pageSize: { attribute: "page-size", type: Number },
    infinite: { type: Boolean, reflect: true },
    headingLevel: { attribute: "heading-level", type: Number },
    theme: { reflect: true },
    darkSelector: { attribute: "dark-selector" },
    lang: { reflect: true },
  };

  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  deployment = "";

  /** The organization's slug. */
  org = "";

  /** Link for each post; `{slug}` and `{id}` are replaced (URL-encoded). */
  hrefTemplate = "/{slug}";

  /** Posts per page. */
  pageSize = 10;

  /** Load the next page automatically when the end of the list scrolls into view. */
  infinite = false;

  /** The ARIA heading level of post titles, to fit the host page's outline. */
  headingLevel = 3;

  /**
   * Color scheme: `light`, `dark` (paints its own dark surface, readable on any page) or `auto`
   * (follows the host page — a `dark-selector` match on `<html>` / `<body>`, the background behind
   * the element, its `color-scheme` — and the reader's system setting, switching live).
   * Unknown values are `light`, with a console warning.
   */
  theme: Theme = "light";

  /** With `theme="auto"`: the selector that marks a dark host page on `<html>` or `<body>`. */
  darkSelector = DEFAULT_DARK_SELECTOR;

  constructor() {
    super();
    new ColorSchemeController(this);
  }

  /** Language of the element's text; defaults to the closest `lang` attribute, then the browser's. */
  override lang!: string;

  readonly #localize = new LocalizeController(this, enFeed);

  readonly #feed = new LivePaginatedQueryController(this, () =>
    this.deployment && this.org
      ? {
          deployment: this.deployment,
          query: api.posts.listPublished,
          args: { organizationSlug: this.org },
          pageSize: Math.max(1, Math.floor(this.pageSize) || 10),
        }
      : null,
  );

  #sentinelObserver: IntersectionObserver | undefined;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#sentinelObserver?.disconnect();
    this.#sentinelObserver = undefined;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has("infinite")) this.#observeSentinel();
    // A page can arrive while the end of the list is still in view: keep loading until it leaves.
    if (this.#sentinel && this.#nearViewport(this.#sentinel)) this.#feed.loadMore();
  }

  get #sentinel() {
    return this.renderRoot.querySelector(".feed__sentinel");
  }

  #nearViewport(el: Element) {
    return el.getBoundingClientRect().top < window.innerHeight + SENTINEL_MARGIN;
  }

  #observeSentinel() {
    this.#sentinelObserver?.disconnect();
    this.#sentinelObserver = undefined;
    const sentinel = this.#sentinel;
    if (!sentinel) return;
    this.#sentinelObserver = new IntersectionObserver(
      ([entry]) => entry?.isIntersecting && this.#feed.loadMore(),
      { rootMargin: `${SENTINEL_MARGIN}px` },
    );
    this.#sentinelObserver.observe(sentinel);
  }

  #select(event: MouseEvent, post: PostSummary, href: string) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const selected = emit(this, "lp-post-select", { postId: post._id, slug: post.slug, href }, { cancelable: true });
    if (selected.defaultPrevented) event.preventDefault();
  }

  #renderPost(post: PostSummary) {
    const href = buildHref(this.hrefTemplate, post);
    const localize = this.#localize;
    return html`<li part="post" class="post">
      <div part="post-title" class="post__title" role="heading" aria-level=${this.headingLevel}>
        <a part="post-link" href=${href} @click=${(e: MouseEvent) => this.#select(e, post, href)}>${post.title}</a>
      </div>
      ${post.excerpt ? html`<p part="post-excerpt" class="post__excerpt">${post.excerpt}</p>` : nothing}
      <p part="post-meta" class="post__meta">
        <span part="post-author">${localize.term("byAuthor", post.authorName)}</span>
        ${post.publishedAt === undefined
          ? nothing
          : html`<time part="post-date" datetime=${new Date(post.publishedAt).toISOString()}
              >${localize.date(post.publishedAt)}</time
            >`}
        <span part="comment-count">${localize.count("commentCount", post.commentCount)}</span>
      </p>
    </li>`;
  }

  #renderBody() {
    const feed = this.#feed, localize = this.#localize;
    if (feed.status === "idle" || feed.status === "loading-first") {
      return html`<ul part="skeleton" class="feed__skeleton" aria-hidden="true">
        ${[1, 2, 3].map(
          () => html`<li class="post">
            <span class="skeleton skeleton--title"></span><span class="skeleton skeleton--line"></span
            ><span class="skeleton skeleton--meta"></span>
          </li>`,
        )}
      </ul>`;
    }
    if (feed.results.length === 0 && feed.status !== "error") {
      return html`<p part="empty" class="feed__empty">${localize.term("postsEmpty")}</p>`;
    }
    return html`<ul part="list" class="feed__list">
      ${repeat(feed.results, (post) => post._id, (post) => this.#renderPost(post))}
    </ul>`;
  }

  #renderFooter() {
    const feed = this.#feed, localize = this.#localize;
    if (feed.status === "error") {
      return html`<div part="error" class="feed__error" role="alert">
        <p>${localize.term("postsError")} ${errorMessage(feed.error, localize.lang)}</p>
        <button part="retry-button" type="button" @click=${() => feed.retry()}>${localize.term("retry")}</button>
      </div>`;
    }
    if (feed.status !== "ready" && feed.status !== "loading-more") return nothing;
    const loadingMore = feed.status === "loading-more";
    return html`<button
        part="load-more-button"
        class="feed__more"
        type="button"
        aria-disabled=${loadingMore}
        @click=${() => feed.loadMore()}
      >
        ${loadingMore ? localize.term("loadingMore") : localize.term("loadMore")}
      </button>`;
  }

  protected override render() {
    const setupError = missingAttributes(this, { deployment: this.deployment, org: this.org });
    if (setupError) return setupError;
    const busy = this.#feed.status === "idle" || this.#feed.status.startsWith("loading");
    return html`<section part="base" class="feed" aria-label=${this.#localize.term("postsLabel")} aria-busy=${busy}>
      ${this.#renderBody()} ${this.#renderFooter()}
      ${this.infinite ? html`<div class="feed__sentinel"></div>` : nothing}
      <p class="visually-hidden" role="status">${busy ? this.#localize.term("loading") : ""}</p>
    </section>`;
  }
}
