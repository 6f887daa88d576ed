import { adoptStyles, html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { hasStoredSession } from "../auth/stored-session.js";
import { api, type Comment, type CommentThread } from "../internal/api.js";
import { errorMessage } from "../internal/errors.js";
import { LiveQueryController } from "../internal/live-query.js";
import { LocalizeController } from "../internal/localize.js";
import { enComments } from "../internal/locales/en-comments.js";
import { LivePaginatedQueryController } from "../internal/paginated-query.js";
import { formatRelative, RelativeTimeController } from "../internal/relative-time.js";
import { ColorSchemeController, DEFAULT_DARK_SELECTOR, type Theme } from "../internal/color-scheme.js";
import { missingAttributes } from "../internal/missing-attributes.js";
import { themeStyles } from "../internal/theme.js";
import { renderMarkdown } from "../markdown/markdown.js";
import type { CommentWriter } from "./comment-writer.js";
import { styles } from "./post-comments.styles.js";

export type { CommentEventDetail, SignInDetail } from "./events.js";

/** The Convex site URL (Better Auth) for a deployment URL: `.convex.cloud` → `.convex.site`, port 3210 → 3211. */
export function siteUrlFor(deployment: string): string {
  return deployment.replace(/\.convex\.cloud(?=\/|$)/, ".convex.site").replace(/:3210(?=\/|$)/, ":3211");
}

/** Comments not yet confirmed by the server (see optimistic.ts). */
const isSending = (c: Comment) => c._id.startsWith("optimistic:");

/**
 * @summary The live comment thread of one post: comments and one level of replies, oldest first, with
 * sign-in, a composer, editing, deleting and moderation inside the element.
 *
 * The thread connects when the element comes near the viewport. A post unknown to the backend shows an
 * empty thread; its first comment creates it (where the organization allows that), titled `post-title`.
 *
 * @event {CommentEventDetail} lp-comment-create - The reader's comment was saved. Detail: `{ commentId, status, parentId? }`.
 * @event {CommentEventDetail} lp-comment-edit - The reader edited a comment. Detail: `{ commentId }`.
 * @event {CommentEventDetail} lp-comment-delete - The reader deleted (or, as a moderator, removed) a comment. Detail: `{ commentId }`.
 * @event {SignInDetail} lp-sign-in - The reader signed in or created an account. Detail: `{ userId, name }`.
 * @event {null} lp-sign-out - The reader signed out.
 * @event {ErrorDetail} lp-error - Loading or an action failed. Detail: `{ code, message }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The header holding the heading and the count.
 * @csspart count - The live number of comments in the heading.
 * @csspart list - The list of top-level comments.
 * @csspart comment - One comment (top-level or reply).
 * @csspart comment-author - A comment's author name.
 * @csspart comment-date - A comment's relative date (`<time>`).
 * @csspart comment-body - A comment's rendered text.
 * @csspart comment-actions - The row of buttons under a comment (reply, edit, delete, moderation).
 * @csspart reply-button - The Reply button of a top-level comment.
 * @csspart replies - The list of replies under a comment.
 * @csspart composer - A comment form (new comment, reply or edit).
 * @csspart textarea - The text field of a comment form.
 * @csspart char-count - The character counter of a comment form.
 * @csspart submit-button - The send button of a comment form.
 * @csspart sign-in-form - The sign-in / create-account form.
 * @csspart sign-in-button - The button that opens the sign-in form.
 * @csspart sign-out-button - The Sign out button.
 * @csspart load-more-button - The "Load more comments" button.
 * @csspart empty - The message shown when the thread has no comments.
 * @csspart error - An error message.
 * @csspart skeleton - The placeholder shown while the thread loads.
 * @csspart pending-badge - The "Awaiting approval" mark on the reader's own pending comments.
 *
 * @cssproperty --post-comments-accent - Buttons, links and focus. Default: `--lp-color-accent`.
 * @cssproperty --post-comments-accent-contrast - Text on accent buttons. Default: `--lp-color-accent-contrast`.
 * @cssproperty --post-comments-gap - Space between comments. Default: `calc(var(--lp-space) * 2 * var(--lp-density))`.
 * @cssproperty --post-comments-divider - Border between comments. Default: `1px solid var(--lp-color-border)`.
 * @cssproperty --post-comments-reply-indent - Indent of replies. Default: `calc(var(--lp-space) * 3)`.
 * @cssproperty --lp-color-text - Text color.
 * @cssproperty --lp-color-muted - Secondary text (dates, counter, hints).
 * @cssproperty --lp-color-surface - Background of fields and buttons.
 * @cssproperty --lp-color-border - Borders and dividers.
 * @cssproperty --lp-color-accent - Accent for links, buttons and focus rings.
 * @cssproperty --lp-color-accent-contrast - Text on accent backgrounds.
 * @cssproperty --lp-color-danger - Errors and the over-limit counter.
 * @cssproperty --lp-font-family - Font family. Default: `inherit` (the host page's font).
 * @cssproperty --lp-font-size - Base font size.
 * @cssproperty --lp-radius - Corner radius.
 * @cssproperty --lp-space - Spacing unit.
 * @cssproperty --lp-density - Spacing multiplier (e.g. `0.75` for compact).
 */
export class PostComments extends LitElement {
  static override styles = [themeStyles, styles];

  /** Reactive properties, declared here rather than with decorators, whose helpers add to every page. States also say `attribute: false`, which the manifest analyzer reads. */
  static override properties = {
    deployment: {},
    org: {},
    post: {},
    postTitle: { attribute: "post-title" },
    site: {},
    pageSize: { attribute: "page-size", type: Number },
    theme: { reflect: true },
    darkSelector: { attribute: "dark-selector" },
    lang: { reflect: true },
    announcement: { state: true, attribute: false },
  };

  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  deployment = "";

  /** The organization's slug. */
  org = "";

  /** The post's slug. */
  post = "";

  /** Title given to the thread when the first comment creates it. Default: the document's title. */
  postTitle = "";

  /** The Convex site URL used for sign-in. Default: derived from `deployment`. */
  site = "";

  /** Top-level comments per page. */
  pageSize = 20;

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

  /** Polite announcement of comments that arrive while the reader is here. */
  private announcement = "";

  readonly #localize = new LocalizeController(this, enComments);
  /** The writing parts, loaded once the reader may write (or asks to sign in). */
  #writer: CommentWriter | undefined;
  #writerLoad: Promise<CommentWriter> | undefined;
  /** Ids already shown, to announce only comments that arrive later. */
  #seen: Set<string> | undefined;
  #absorbNextPage = false;
  readonly #ownIds = new Set<string>();
  #storedSession: boolean | undefined;

  /** The post itself, for the live count; lazy: nothing connects until the element nears the viewport. */
  readonly #postQuery = new LiveQueryController(
    this,
    () =>
      this.deployment && this.org && this.post
        ? { deployment: this.deployment, query: api.posts.getBySlug, args: { organizationSlug: this.org, slug: this.post } }
        : null,
    { lazy: true },
  );

  get #connected() {
    return this.#postQuery.status !== "idle";
  }

  readonly #thread = new LivePaginatedQueryController(this, () =>
    this.#connected
      ? {
          deployment: this.deployment,
          query: api.comments.list,
          args: { organizationSlug: this.org, postSlug: this.post },
          pageSize: Math.max(1, Math.floor(this.pageSize) || 20),
        }
      : null,
  );

  readonly #permissions = new LiveQueryController(this, () =>
    this.#connected
      ? { deployment: this.deployment, query: api.comments.viewerPermissions, args: { organizationSlug: this.org } }
      : null,
  );

  // Keeps "3 minutes ago" true.
  protected readonly clock = new RelativeTimeController(this, () => {
    let newest: number | undefined;
    for (const c of this.#thread.results) {
      for (const r of [c, ...c.replies]) newest = Math.max(newest ?? 0, r.createdAt);
    }
    return newest;
  });

  #term: LocalizeController["term"] = (key, ...args) => this.#localize.term(key, ...args);

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("deployment") || changed.has("org") || changed.has("post")) this.#seen = undefined;
    const perms = this.#permissions.value;
    if (!this.#writerLoad && this.#connected && (perms?.canComment || perms?.signedIn || (this.#storedSession ??= hasStoredSession()))) {
      void this.#loadWriter();
    }
    this.#trackArrivals();
  }

  #loadWriter(): Promise<CommentWriter> {
    return (this.#writerLoad ??= import("./comment-writer.js").then(({ CommentWriter, writerStyles }) => {
      adoptStyles(this.renderRoot as ShadowRoot, [...PostComments.elementStyles, writerStyles]);
      this.#writer = new CommentWriter({
        host: this,
        localize: this.#localize,
        permissions: () => this.#permissions.value,
        postId: () => this.#postQuery.value?._id,
        siteUrl: () => this.site || siteUrlFor(this.deployment),
        ownIds: this.#ownIds,
      });
      this.requestUpdate();
      return this.#writer;
    }));
  }

  /** Announces comments that arrive after the first load (not the reader's own, not "load more" pages). */
  #trackArrivals() {
    const status = this.#thread.status;
    if (status !== "ready" && status !== "exhausted") return;
    const shown = this.#thread.results.flatMap((c) => [c, ...c.replies]).filter((c) => !isSending(c));
    if (!this.#seen || this.#absorbNextPage) {
      this.#seen = new Set(shown.map((c) => c._id));
      this.#absorbNextPage = false;
      return;
    }
    const arrived = shown.filter((c) => !this.#seen!.has(c._id));
    for (const c of arrived) this.#seen.add(c._id);
    const userId = this.#permissions.value?.userId;
    const others = arrived.filter((c) => !this.#ownIds.has(c._id) && (!userId || c.authorId !== userId));
    if (others.length === 1) this.announcement = this.#term("newComment", others[0]!.authorName);
    else if (others.length > 1) this.announcement = this.#localize.count("newComments", others.length);
  }

  #loadMore() {
    this.#absorbNextPage = true;
    this.#thread.loadMore();
  }

  #renderComment(c: Comment, thread?: CommentThread, pendingReplies: Comment[] = []): TemplateResult {
    const term = this.#term, localize = this.#localize, writer = this.#writer;
    const sending = isSending(c);
    const replies = thread ? [...thread.replies, ...pendingReplies] : [];
    if (c.deleted) {
      // A tombstone: the author deleted it; no author, no text, the replies stay in place.
      return html`<li part="comment" class="comment comment--deleted" data-id=${c._id}>
        <p part="comment-body" class="comment__body comment__deleted">${term("commentDeleted")}</p>
        ${replies.length
          ? html`<ol part="replies" class="replies">
              ${repeat(replies, (r) => r._id, (r) => this.#renderComment(r))}
            </ol>`
          : nothing}
      </li>`;
    }
    return html`<li part="comment" class="comment" aria-busy=${sending ? "true" : nothing} data-id=${c._id}>
      <article aria-label=${term("commentBy", c.authorName)}>
        <div class="comment__meta">
          <span part="comment-author" class="comment__author">${c.authorName}</span>
          <time
            part="comment-date"
            datetime=${new Date(c.createdAt).toISOString()}
            title=${localize.date(c.createdAt, { dateStyle: "full", timeStyle: "short" })}
            >${formatRelative(c.createdAt, localize.lang)}</time
          >
          ${c.editedAt ? html`<span class="comment__edited">(${term("edited")})</span>` : nothing}
          ${c.status === "pending" ? html`<span part="pending-badge" class="badge">${term("awaitingApproval")}</span>` : nothing}
          ${sending ? html`<span>${term(writer?.online === false ? "waitingForConnection" : "sending")}</span>` : nothing}
        </div>
        ${writer?.renderEditor(c) ?? html`<div part="comment-body" class="comment__body">${renderMarkdown(c.content)}</div>`}
        ${writer?.renderActions(c, !!thread) ?? nothing}
      </article>
      ${replies.length
        ? html`<ol part="replies" class="replies">
            ${repeat(replies, (r) => r._id, (r) => this.#renderComment(r))}
          </ol>`
        : nothing}
      ${thread ? (writer?.renderReply(c) ?? nothing) : nothing}
    </li>`;
  }

  #renderThread() {
    const term = this.#term, thread = this.#thread;
    if (thread.status === "error") {
      return html`<div part="error" class="error" role="alert">
        <p>${term("commentsError")} ${errorMessage(thread.error, this.#localize.lang)}</p>
        <button @click=${() => (this.#postQuery.retry(), thread.retry())}>${term("retry")}</button>
      </div>`;
    }
    if (thread.status === "idle" || thread.status === "loading-first") {
      return html`<div part="skeleton" class="skeleton-list" role="status">
        <span class="visually-hidden">${term("loadingComments")}</span>
        ${[0, 1, 2].map(() => html`<div class="skeleton skeleton--comment" aria-hidden="true"></div>`)}
      </div>`;
    }
    const pending = (this.#writer?.pending.value ?? []).filter((p) => !thread.results.some((c) => c._id === p._id));
    const pendingTop = pending.filter((p) => !p.parentId);
    if (!thread.results.length && !pendingTop.length) {
      return html`<p part="empty" class="empty">${term("commentsEmpty")}</p>`;
    }
    return html`<ol part="list" class="list">
        ${repeat(
          thread.results,
          (c) => c._id,
          (c) => this.#renderComment(c, c, pending.filter((p) => p.parentId === c._id)),
        )}
        ${repeat(pendingTop, (c) => c._id, (c) => this.#renderComment(c))}
      </ol>
      ${thread.status === "ready" || thread.status === "loading-more"
        ? html`<button
            part="load-more-button"
            class="load-more"
            ?disabled=${thread.status === "loading-more"}
            @click=${() => this.#loadMore()}
          >
            ${term("loadMoreComments")}
          </button>`
        : nothing}`;
  }

  /** Before the writer loads, readers who may not comment see only a way to sign in. */
  #renderFooter() {
    if (this.#thread.status === "error") return nothing;
    if (this.#writer) return this.#writer.renderFooter();
    const perms = this.#permissions.value;
    if (!perms || perms.canComment || perms.signedIn || this.#writerLoad) return nothing;
    return html`<div class="account">
      <button part="sign-in-button" @click=${() => this.#loadWriter().then((w) => w.openAuth())}>
        ${this.#term("signInToComment")}
      </button>
    </div>`;
  }

  protected override render() {
    const setupError = missingAttributes(this, { deployment: this.deployment, org: this.org });
    if (setupError) return setupError;
    const term = this.#term, localize = this.#localize;
    const post = this.#postQuery;
    const loading = this.#thread.status === "idle" || this.#thread.status === "loading-first";
    const count =
      post.status === "ready" ? localize.count("commentCount", post.value?.commentCount ?? 0) : term("commentsHeading");
    return html`<section part="base" class="base" aria-labelledby="heading" aria-busy=${loading ? "true" : "false"}>
      <header part="header" class="header">
        <h2 id="heading" class="heading"><span part="count">${count}</span></h2>
      </header>
      ${this.#renderThread()} ${this.#renderFooter()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }
}
