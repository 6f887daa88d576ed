import { html, nothing, type PropertyValues } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { api, type PostSummary } from "../internal/api.js";
import { NEAR_PX, nearViewport } from "../internal/client-controller.js";
import { buildHref } from "../internal/href.js";
import { LiveElement } from "../internal/live-element.js";
import { enFeed } from "../internal/locales/en-feed.js";
import { LivePaginatedQueryController } from "../internal/paginated-query.js";
import { SnapshotController } from "../internal/snapshot.js";
import { emptyView, errorView, skeletonView } from "../internal/status-view.js";
import { themeStyles } from "../internal/theme.js";
import { styles } from "./org-post-list.styles.js";

/**
 * @summary A live feed of an organization's published posts, newest first, with "Load more" paging.
 * Titles, excerpts and comment counts update in place; newly published posts appear at the top. Until
 * the live feed arrives it shows `initial` (server-side rendering) or a server snapshot placed in the
 * tag, else a skeleton.
 *
 * @slot - A server snapshot of the feed (`<div data-lp-snapshot="posts">` from `/snapshots/posts` or `npx live-post-elements snapshot`): readers without JavaScript and crawlers follow its links; the element shows it at once and swaps in the live feed in the same place.
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
 */
export class OrgPostList extends LiveElement {
  static override styles = [themeStyles, styles];

  /** Reactive properties, declared here rather than with decorators, whose helpers add to every page. */
  static override properties = {
    hrefTemplate: { attribute: "href-template" },
    pageSize: { attribute: "page-size", type: Number },
    infinite: { type: Boolean, reflect: true },
    headingLevel: { attribute: "heading-level", type: Number },
    initial: { attribute: false },
  };

  /** Link for each post; `{slug}` and `{id}` are replaced (URL-encoded). */
  hrefTemplate = "/{slug}";

  /** Posts per page. */
  pageSize = 10;

  /** Load the next page automatically when the end of the list scrolls into view. */
  infinite = false;

  /** The ARIA heading level of post titles, to fit the host page's outline. */
  headingLevel = 3;

  /**
   * The feed's first page as the server read it (`posts.listPublished` with the same `page-size`), for
   * server-side rendering: rendered at once, then kept live.
   */
  initial: { page: PostSummary[]; isDone: boolean } | undefined = undefined;

  constructor() {
    super(enFeed);
  }

  readonly #feed = new LivePaginatedQueryController(this, () =>
    this.deployment && this.org
      ? {
          query: api.posts.listPublished,
          args: { organizationSlug: this.org },
          pageSize: Math.max(1, Math.floor(this.pageSize) || 10),
        }
      : null,
  );

  readonly #snapshot = new SnapshotController(this, "posts", () => !this.#waiting);

  get #waiting() {
    return this.#feed.status === "idle" || this.#feed.status === "loading-first";
  }

  #sentinelObserver: IntersectionObserver | undefined;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#sentinelObserver?.disconnect();
    this.#sentinelObserver = undefined;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has("infinite")) this.#observeSentinel();
    // A page can arrive while the end of the list is still in view: keep loading until it leaves.
    if (this.#sentinel && nearViewport(this.#sentinel)) this.#feed.loadMore();
  }

  get #sentinel() {
    return this.renderRoot.querySelector(".feed__sentinel");
  }

  #observeSentinel() {
    this.#sentinelObserver?.disconnect();
    this.#sentinelObserver = undefined;
    const sentinel = this.#sentinel;
    if (!sentinel) return;
    this.#sentinelObserver = new IntersectionObserver(
      ([entry]) => entry?.isIntersecting && this.#feed.loadMore(),
      // As near as the element's own connection waits for (client-controller.ts).
      { rootMargin: `${NEAR_PX}px` },
    );
    this.#sentinelObserver.observe(sentinel);
  }

  #select(event: MouseEvent, post: PostSummary, href: string) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const selected = this.emit("lp-post-select", { postId: post._id, slug: post.slug, href }, { cancelable: true });
    if (selected.defaultPrevented) event.preventDefault();
  }

  #renderPost(post: PostSummary) {
    const href = buildHref(this.hrefTemplate, post);
    const localize = this.localize;
    return html`<li part="post" class="post" data-id=${post._id}>
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
    const feed = this.#feed, localize = this.localize;
    const complete = (posts: PostSummary[]) => (posts.length ? this.#list(posts) : emptyView(localize.term("postsEmpty")));
    const waiting = () => (this.initial ? complete(this.initial.page) : this.#skeleton());
    // A server snapshot stays until its controller swaps the live feed in.
    return this.#snapshot.view ?? feed.render({
      initial: waiting,
      pending: waiting,
      complete,
      // A later page that fails keeps the posts already shown above the error.
      error: (error) =>
        html`${feed.results.length ? this.#list(feed.results) : nothing}
        ${errorView(localize, localize.term("postsError"), error, () => feed.retry())}`,
    });
  }

  #list(posts: PostSummary[]) {
    return html`<ul part="list" class="feed__list">
      ${repeat(posts, (post) => post._id, (post) => this.#renderPost(post))}
    </ul>`;
  }

  #skeleton() {
    return skeletonView(
      () => html`<div class="post">
        <span class="skeleton skeleton--title"></span><span class="skeleton skeleton--line"></span
        ><span class="skeleton skeleton--meta"></span>
      </div>`,
    );
  }

  #renderFooter() {
    const feed = this.#feed, localize = this.localize;
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

  protected renderContent() {
    const busy = (this.#waiting && !this.initial) || this.#feed.status === "loading-more";
    return html`<section part="base" class="feed" aria-label=${this.localize.term("postsLabel")} aria-busy=${busy}>
      ${this.#renderBody()} ${this.#renderFooter()}
      ${this.infinite ? html`<div class="feed__sentinel"></div>` : nothing}
      <p class="visually-hidden" role="status">${busy ? this.localize.term("loading") : ""}</p>
    </section>`;
  }
}
