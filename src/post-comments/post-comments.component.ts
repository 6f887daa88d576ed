import { adoptStyles, html, nothing, type PropertyValues } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { hasStoredSession } from "../auth/stored-session.js";
import { api, type CommentId, type CommentThread, type ThreadSort } from "../internal/api.js";
import { LazyPart } from "../internal/lazy-part.js";
import { REACTION_TARGETS } from "../internal/limits.js";
import { LiveElement } from "../internal/live-element.js";
import { LiveQueryController } from "../internal/live-query.js";
import { enComments } from "../internal/locales/en-comments.js";
import { addEnglish } from "../internal/localize.js";
import { LivePaginatedQueryController } from "../internal/paginated-query.js";
import { RelativeTimeController } from "../internal/relative-time.js";
import { SnapshotController } from "../internal/snapshot.js";
import { emptyView, errorView, skeletonView } from "../internal/status-view.js";
import { themeStyles } from "../internal/theme.js";
import type { CommentWriter } from "./comment-writer.js";
import { renderComment, type CommentViewContext } from "./comment-view.js";
import { isOptimistic } from "./optimistic-id.js";
import type { Permalinks } from "./permalinks.js";
import { renderReactionCounts } from "./reactions-view.js";
import { styles } from "./post-comments.styles.js";

/** The first page of a thread for `initial`: `comments.list`'s result, and the post's comment count. */
export interface CommentsInitial {
  page: CommentThread[];
  isDone: boolean;
  commentCount?: number;
}

const SORTS: readonly ThreadSort[] = ["oldest", "newest", "top"];

/**
 * @summary The live comment thread of one post: comments and one level of replies, oldest first, newest
 * first or by reactions (`sort`), pinned comments on top, with reactions, sign-in, a composer, editing,
 * deleting and moderation inside the element.
 *
 * The thread connects when the element comes near the viewport. A page address ending in `#comment-<id>`
 * (on load or on `hashchange`) scrolls to that comment, loading pages until it is shown, marks it and
 * moves focus to it; a link to a removed or unknown comment says so. A post unknown to the backend shows an
 * empty thread; its first comment creates it (where the organization allows that), titled `post-title`.
 * Until the live thread arrives it shows `initial` (server-side rendering) or a server snapshot placed in
 * the tag, else a skeleton.
 *
 * @slot - A server snapshot of the thread (`<div data-lp-snapshot="comments">` from `/snapshots/comments` or `npx live-post-elements snapshot`): readers without JavaScript and crawlers read it; the element shows it at once and swaps in the live view in the same place.
 *
 * @event {CommentEventDetail} lp-comment-create - The reader's comment was saved. Detail: `{ commentId, status, parentId? }`.
 * @event {CommentEventDetail} lp-comment-edit - The reader edited a comment. Detail: `{ commentId }`.
 * @event {CommentEventDetail} lp-comment-delete - The reader deleted (or, as a moderator, removed) a comment. Detail: `{ commentId }`.
 * @event {ReactionEventDetail} lp-reaction - The reader gave or took back a reaction (after the server saved it). Detail: `{ targetId, kind, on }`.
 * @event {SignInDetail} lp-sign-in - The reader signed in or created an account. Detail: `{ userId, name }`.
 * @event {null} lp-sign-out - The reader signed out.
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The header holding the heading, the count and the post's reactions.
 * @csspart count - The live number of comments in the heading.
 * @csspart sort - The order control in the header (its label and list).
 * @csspart sort-select - The list that chooses the order: oldest, newest or top.
 * @csspart list - The list of top-level comments.
 * @csspart comment - One comment (top-level or reply).
 * @csspart comment-author - A comment's author name.
 * @csspart comment-date - A comment's relative date (`<time>`).
 * @csspart comment-body - A comment's rendered text.
 * @csspart reactions - The reaction bar under the post's heading and under each comment: counts for readers who cannot react, toggle buttons (`aria-pressed`) for those who can.
 * @csspart reaction - One reaction: GitHub's eight kinds, emoji and count ("👍 3, react with thumbs up" to screen readers); the reader's own are pressed.
 * @csspart reaction-picker-button - The button that opens the picker of kinds not shown yet.
 * @csspart reaction-picker - The picker of kinds not shown yet (Escape closes it).
 * @csspart comment-actions - The row of buttons under a comment (reply, report, edit, delete, moderation).
 * @csspart reply-button - The Reply button of a comment (a reply to a reply joins the same thread and names whom it answers).
 * @csspart report-button - The Report button, on other people's comments for signed-in readers, until they report it.
 * @csspart report-form - The report form under a comment: a reason (spam, abuse, off-topic, other with the reader's words).
 * @csspart report-notice - The line that replaces the form once the report is sent (or was sent before).
 * @csspart permalink-button - A comment's Copy link button: copies the page's address with `#comment-<id>`.
 * @csspart linked-comment - The comment the address links to (beside `comment`).
 * @csspart permalink-notice - The line saying the linked comment was removed or doesn't exist (or the link, when it could not be copied).
 * @csspart reply-to - The "↪ name" link on a reply that answers another reply; it moves focus to that reply.
 * @csspart replies - The list of replies under a comment.
 * @csspart composer - A comment form (new comment, reply or edit).
 * @csspart textarea - The text field of a comment form.
 * @csspart composer-tab - The Write and Preview tabs of a comment form (arrow keys move between them).
 * @csspart preview - A comment form's preview: the text as the thread will show it.
 * @csspart char-count - The character counter of a comment form.
 * @csspart submit-button - The send button of a comment form.
 * @csspart sign-in-form - The sign-in / create-account form.
 * @csspart sign-in-button - The button that opens the sign-in form.
 * @csspart provider-button - A "Continue with GitHub / Google" button in the sign-in form (only the providers the deployment offers).
 * @csspart magic-link-button - "Email me a sign-in link" in the sign-in form.
 * @csspart sign-in-notice - The sign-in form's message once a link is on its way.
 * @csspart sign-out-button - The Sign out button.
 * @csspart passkey-button - "Sign in with a passkey" in the sign-in form.
 * @csspart add-passkey-button - "Add a passkey" next to Sign out: registers a passkey of this device on the account.
 * @csspart passkey-notice - Says a passkey was added.
 * @csspart notifications-button - "Email settings" next to Sign out: opens the reader's e-mail settings.
 * @csspart email-settings - The e-mail settings: comment e-mails on or off, and follow / mute for this thread.
 * @csspart load-more-button - The "Load more comments" button.
 * @csspart empty - The message shown when the thread has no comments.
 * @csspart error - An error message.
 * @csspart retry-button - The Retry button when the thread failed to load.
 * @csspart skeleton - The placeholder shown while the thread loads.
 * @csspart pending-badge - The "Waiting for a moderator" mark on the reader's own pending comments.
 * @csspart pinned-badge - The "Pinned" mark on a comment an admin pinned to the top of the thread.
 * @csspart pin-button - The Pin / Unpin button of a top-level comment, for the organization's admins.
 *
 * @cssproperty --post-comments-accent - Buttons, links and focus. Default: `--lp-color-accent`.
 * @cssproperty --post-comments-accent-contrast - Text on accent buttons. Default: `--lp-color-accent-contrast`.
 * @cssproperty --post-comments-gap - Space between comments. Default: `calc(var(--lp-space) * 2 * var(--lp-density))`.
 * @cssproperty --post-comments-divider - Border between comments. Default: `1px solid var(--lp-color-border)`.
 * @cssproperty --post-comments-reply-indent - Indent of replies. Default: `calc(var(--lp-space) * 3)`.
 * @cssproperty --post-comments-highlight - Background of the linked comment. Default: `--lp-color-mark`.
 * @cssproperty --post-comments-reaction-own - Background of the reader's own reactions. Default: the accent at 18%.
 */
export class PostComments extends LiveElement {
  static override styles = [themeStyles, styles];

  /** Reactive properties, declared here rather than with decorators, whose helpers add to every page. States also say `attribute: false`, which the manifest analyzer reads. */
  static override properties = {
    post: {},
    postTitle: { attribute: "post-title" },
    authUrl: { attribute: "auth-url" },
    pageSize: { attribute: "page-size", type: Number },
    initial: { attribute: false },
    sort: { reflect: true },
    announcement: { state: true, attribute: false },
  };

  /** The post's slug. */
  post = "";

  /** Title given to the thread when the first comment creates it. Default: the document's title. */
  postTitle = "";

  /** Where readers sign in: the deployment's HTTP actions URL (Better Auth). Default: derived from `deployment` (`.convex.cloud` → `.convex.site`). */
  authUrl = "";

  /** Top-level comments per page. */
  pageSize = 20;

  /**
   * The thread's first page as the server read it (`comments.list` with the same `page-size`, and the
   * post's `commentCount`), for server-side rendering: rendered at once, then kept live.
   */
  initial: CommentsInitial | undefined = undefined;

  /** The order of top-level comments: `oldest`, `newest` or `top` (most reactions); pinned ones come first in each. The header's control sets it too. */
  sort: "oldest" | "newest" | "top" = "oldest";

  constructor() {
    super(enComments, { nearViewport: true });
    // The reader's own comments are not news to them.
    this.addEventListener("lp-comment-create", (e) => this.#ownIds.add(e.detail.commentId));
  }

  /** Polite announcement of comments that arrive while the reader is here. */
  private announcement = "";

  /** The writing parts, loaded once the reader may write (or asks to sign in). */
  #writer: CommentWriter | undefined;
  /** Ids already shown, to announce only comments that arrive later. */
  #seen: Set<string> | undefined;
  #absorbNextPage = false;
  readonly #ownIds = new Set<string>();
  #storedSession: boolean | undefined;
  /** Comment links, loaded when the address names a comment or a reader copies a link. */
  #permalinks: Permalinks | undefined;

  /** The post itself, for the live count. Nothing connects until the element nears the viewport (its client controller waits). */
  readonly #postQuery = new LiveQueryController(this, () =>
    this.post ? { query: api.posts.getBySlug, args: { organizationSlug: this.org, slug: this.post } } : null,
  );

  readonly #thread = new LivePaginatedQueryController(this, () =>
    this.post
      ? {
          query: api.comments.list,
          args: { organizationSlug: this.org, postSlug: this.post, sort: this.#sort },
          pageSize: Math.max(1, Math.floor(this.pageSize) || 20),
        }
      : null,
  );

  /** The comments (and replies) shown, whose reactions are counted; kept as one array while they stay the same. */
  #reactionTargets: CommentId[] = [];

  /** Reaction counts of the post and of the loaded pages: one query for every reader of the same pages. */
  readonly #reactionCounts = new LiveQueryController(this, () =>
    this.post && ["ready", "loading-more", "exhausted"].includes(this.#thread.status)
      ? {
          query: api.reactions.counts,
          args: { organizationSlug: this.org, postSlug: this.post, commentIds: this.#shownIds() },
        }
      : null,
  );

  #shownIds(): CommentId[] {
    const ids = this.#thread.results
      .flatMap((c) => [c, ...c.replies])
      .filter((c) => !isOptimistic(c))
      .map((c) => c._id)
      .slice(0, REACTION_TARGETS);
    if (ids.join() !== this.#reactionTargets.join()) this.#reactionTargets = ids;
    return this.#reactionTargets;
  }

  /** The reaction bar of a comment or the post: toggles once the writer loaded and the reader may react, else counts. */
  #reactions(targetId: string) {
    const counts = this.#reactionCounts.value?.find((t) => t.targetId === targetId)?.counts;
    const reactions = this.#writer?.reactions;
    return reactions?.allowed() ? reactions.render(targetId, counts) : renderReactionCounts(this.localize, counts);
  }

  /** Which buttons the reader gets: asked after the thread, whose first paint need not wait for it. */
  readonly #permissions = new LiveQueryController(
    this,
    () => (this.post ? { query: api.comments.viewerPermissions, args: { organizationSlug: this.org } } : null),
    { later: true },
  );

  readonly #snapshot = new SnapshotController(this, "comments", () => this.#threadArrived);

  get #threadArrived() {
    const status = this.#thread.status;
    return status !== "idle" && status !== "loading-first";
  }

  // Keeps "3 minutes ago" true.
  protected readonly clock = new RelativeTimeController(this, () => {
    let newest: number | undefined;
    for (const c of this.#thread.results) {
      for (const r of [c, ...c.replies]) newest = Math.max(newest ?? 0, r.createdAt);
    }
    return newest;
  });

  override connectedCallback() {
    super.connectedCallback();
    addEventListener("hashchange", this.#onHash);
    this.#onHash();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.#onHash);
  }

  readonly #onHash = () => {
    if (this.#permalinks || location.hash.startsWith("#comment-")) void this.#permalinksPart.load().then((p) => p?.follow());
  };

  readonly #permalinksPart = new LazyPart(this, () =>
    import("./permalinks.js").then(({ Permalinks, enPermalinks }) => {
      addEnglish(enPermalinks);
      this.#permalinks = new Permalinks({
        host: this,
        localize: this.localize,
        thread: this.#thread,
        loadMore: () => this.#loadMore(),
        position: api.comments.permalinkPosition,
        announce: (text) => (this.announcement = text),
      });
      return this.#permalinks;
    }),
  );

  protected override willUpdate(changed: PropertyValues<this>) {
    const perms = this.#permissions.value;
    if (!this.#writerPart.asked && this.connection.client && (perms?.canComment || perms?.signedIn || (this.#storedSession ??= hasStoredSession()))) {
      void this.#writerPart.load();
    }
    this.#trackArrivals();
    // The thread's controller switches to the new target after this: its first rows start a new record.
    if (changed.has("deployment") || changed.has("org") || changed.has("post") || changed.has("sort")) this.#seen = undefined;
  }

  readonly #writerPart = new LazyPart(this, () =>
    import("./comment-writer.js").then(({ CommentWriter, writerStyles }) => {
      adoptStyles(this.renderRoot as ShadowRoot, [...PostComments.elementStyles, writerStyles]);
      this.#writer = new CommentWriter({
        host: this,
        localize: this.localize,
        permissions: () => this.#permissions.value,
        postId: () => this.#postQuery.value?._id,
      });
      this.requestUpdate();
      return this.#writer;
    }),
  );

  /** Announces comments that arrive after the first load (not the reader's own, not "load more" pages). */
  #trackArrivals() {
    const status = this.#thread.status;
    if (status !== "ready" && status !== "exhausted") return;
    const shown = this.#thread.results.flatMap((c) => [c, ...c.replies]).filter((c) => !isOptimistic(c));
    if (!this.#seen || this.#absorbNextPage) {
      this.#seen = new Set(shown.map((c) => c._id));
      this.#absorbNextPage = false;
      return;
    }
    const arrived = shown.filter((c) => !this.#seen!.has(c._id));
    for (const c of arrived) this.#seen.add(c._id);
    const userId = this.#permissions.value?.userId;
    // A pin, or reactions in "top", also bring older comments into view: those are not new.
    const others = arrived.filter(
      (c) => c.pinnedAt === undefined && !c.reactionScore && !this.#ownIds.has(c._id) && (!userId || c.authorId !== userId),
    );
    if (others.length === 1) this.announcement = this.localize.term("newComment", others[0]!.authorName);
    else if (others.length > 1) this.announcement = this.localize.count("newComments", others.length);
  }

  /** `sort` when it names an order, otherwise the default. */
  get #sort(): ThreadSort {
    return SORTS.includes(this.sort) ? this.sort : "oldest";
  }

  #renderSort() {
    const term = this.localize.term.bind(this.localize);
    const labels = { oldest: term("sortOldest"), newest: term("sortNewest"), top: term("sortTop") };
    return html`<label part="sort" class="sort">
      ${term("sortLabel")}
      <select
        part="sort-select"
        .value=${this.#sort}
        @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as ThreadSort)}
      >
        ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === this.#sort}>${labels[sort]}</option>`)}
      </select>
    </label>`;
  }

  #loadMore() {
    this.#absorbNextPage = true;
    this.#thread.loadMore();
  }

  #renderThread() {
    const term = this.localize.term.bind(this.localize), thread = this.#thread, writer = this.#writer;
    const complete = (results: CommentThread[], more: boolean) => {
      const pending = (writer?.pending.value ?? []).filter((p) => !results.some((c) => c._id === p._id));
      const pendingTop = pending.filter((p) => !p.parentId);
      if (!results.length && !pendingTop.length) return emptyView(term("commentsEmpty"));
      const view: CommentViewContext = {
        localize: this.localize,
        online: this.connection.online,
        copyLink: (id) => void this.#permalinksPart.retry().then((p) => p?.copy(id)),
        copied: this.#permalinks?.copied,
        reactions: (id) => this.#reactions(id),
        ...(writer ? { tools: (c) => writer.toolsFor(c) } : {}),
      };
      return html`<ol part="list" class="list">
          ${repeat(results, (c) => c._id, (c) => renderComment(view, c, c, pending.filter((p) => p.parentId === c._id)))}
          ${repeat(pendingTop, (c) => c._id, (c) => renderComment(view, c))}
        </ol>
        ${more
          ? html`<button
              part="load-more-button"
              class="load-more"
              ?disabled=${thread.status !== "ready"}
              @click=${() => this.#loadMore()}
            >
              ${term("loadMoreComments")}
            </button>`
          : nothing}`;
    };
    const waiting = () =>
      this.initial
        ? complete(this.initial.page, !this.initial.isDone)
        : skeletonView(() => html`<div class="skeleton skeleton--comment" aria-hidden="true"></div>`, term("loadingComments"));
    // A server snapshot stays until its controller swaps the live view in.
    return this.#snapshot.view ?? thread.render({
      initial: waiting,
      pending: waiting,
      error: (error) =>
        errorView(this.localize, term("commentsError"), error, () => {
          this.#postQuery.retry();
          thread.retry();
        }),
      complete: (results) => complete(results, thread.status === "ready" || thread.status === "loading-more"),
    });
  }

  /** Before the writer loads, readers who may not comment see only a way to sign in. */
  #renderFooter() {
    if (this.#thread.status === "error") return nothing;
    if (this.#writer) return this.#writer.renderFooter();
    const part = this.#writerPart;
    if (part.error) return errorView(this.localize, this.localize.term("writerUnavailable"), part.error, () => void part.retry());
    const perms = this.#permissions.value;
    if (!perms || perms.canComment || perms.signedIn || part.asked) return nothing;
    return html`<div class="account">
      <button part="sign-in-button" @click=${() => part.retry().then((w) => w?.session.openForm())}>
        ${this.localize.term("signInToComment")}
      </button>
    </div>`;
  }

  #renderPermalinkNotice() {
    const notice = this.#permalinks?.notice ?? (this.#permalinksPart.error && this.localize.term("linkUnavailable"));
    return notice ? html`<p part="permalink-notice" class="permalink-notice">${notice}</p>` : nothing;
  }

  protected renderContent() {
    const localize = this.localize;
    const post = this.#postQuery;
    const loading = !this.#threadArrived;
    const known = post.status === "ready" ? (post.value?.commentCount ?? 0) : (this.initial?.commentCount ?? this.#snapshot.number("commentCount"));
    const count = known === undefined ? localize.term("commentsHeading") : localize.count("commentCount", known);
    return html`<section part="base" class="base" aria-labelledby="heading" aria-busy=${loading ? "true" : "false"}>
      <header part="header" class="header">
        <h2 id="heading" class="heading"><span part="count">${count}</span></h2>
        ${this.#renderSort()}
        ${post.value ? this.#reactions(post.value._id) : nothing}
      </header>
      ${this.#renderPermalinkNotice()}
      ${this.#renderThread()} ${this.#renderFooter()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }
}
