import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { ConvexClient, OptimisticLocalStore } from "convex/browser";
import { hasStoredSession } from "../auth/stored-session.js";
import { api, type Comment, type CommentId, type CommentThread, type Viewer } from "../internal/api.js";
import { acquireClient, releaseClient } from "../internal/client-registry.js";
import { emit } from "../internal/emit.js";
import { errorMessage, toLiveError } from "../internal/errors.js";
import { LIMITS } from "../internal/limits.js";
import { LiveQueryController } from "../internal/live-query.js";
import { LocalizeController } from "../internal/localize.js";
import { LivePaginatedQueryController } from "../internal/paginated-query.js";
import { formatRelative, RelativeTimeController } from "../internal/relative-time.js";
import { themeStyles } from "../internal/theme.js";
import { renderMarkdown } from "../markdown/markdown.js";
import { renderAuthForm, type AuthFormState } from "./auth-form.js";
import { renderComposer, type ComposerState } from "./composer.js";
import { clearDraft, loadDraft, saveDraft } from "./drafts.js";
import { editComment, insertComment, isOptimistic, OPTIMISTIC_PREFIX, removeComment, type ThreadKey } from "./optimistic.js";
import { styles } from "./post-comments.styles.js";

type AuthModule = typeof import("../auth/session.js");

export interface CommentEventDetail {
  commentId: string;
  /** `visible`, or `pending` when it waits for a moderator. */
  status?: Comment["status"];
  parentId?: string;
}

export interface SignInDetail {
  userId: string;
  name: string;
}

declare module "../internal/emit.js" {
  interface LpEventMap {
    "lp-comment-create": CommentEventDetail;
    "lp-comment-edit": CommentEventDetail;
    "lp-comment-delete": CommentEventDetail;
    "lp-sign-in": SignInDetail;
    "lp-sign-out": Record<string, never>;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "lp-comment-create": CustomEvent<CommentEventDetail>;
    "lp-comment-edit": CustomEvent<CommentEventDetail>;
    "lp-comment-delete": CustomEvent<CommentEventDetail>;
    "lp-sign-in": CustomEvent<SignInDetail>;
    "lp-sign-out": CustomEvent<Record<string, never>>;
  }
}

function newRequestId(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http have no randomUUID; random bytes do as well.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The Convex site URL (Better Auth) for a deployment URL: `.convex.cloud` → `.convex.site`, port 3210 → 3211. */
export function siteUrlFor(deployment: string): string {
  return deployment.replace(/\.convex\.cloud(?=\/|$)/, ".convex.site").replace(/:3210(?=\/|$)/, ":3211");
}

/**
 * @summary The live comment thread of one post: comments and one level of replies, oldest first, with
 * sign-in, a composer, editing, deleting and moderation inside the element.
 *
 * The thread connects when the element comes near the viewport. A post unknown to the backend shows an
 * empty thread; its first comment creates it (where the organization allows that), titled `post-title`.
 *
 * @event {CustomEvent<CommentEventDetail>} lp-comment-create - The reader's comment was saved. Detail: `{ commentId, status, parentId? }`.
 * @event {CustomEvent<CommentEventDetail>} lp-comment-edit - The reader edited a comment. Detail: `{ commentId }`.
 * @event {CustomEvent<CommentEventDetail>} lp-comment-delete - The reader deleted (or, as a moderator, removed) a comment. Detail: `{ commentId }`.
 * @event {CustomEvent<SignInDetail>} lp-sign-in - The reader signed in or created an account. Detail: `{ userId, name }`.
 * @event {CustomEvent} lp-sign-out - The reader signed out.
 * @event {CustomEvent<ErrorDetail>} lp-error - Loading or an action failed. Detail: `{ code, message }`.
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

  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  @property() deployment = "";

  /** The organization's slug. */
  @property() org = "";

  /** The post's slug. */
  @property() post = "";

  /** Title given to the thread when the first comment creates it. Default: the document's title. */
  @property({ attribute: "post-title" }) postTitle = "";

  /** The Convex site URL used for sign-in. Default: derived from `deployment`. */
  @property() site = "";

  /** Top-level comments per page. */
  @property({ attribute: "page-size", type: Number }) pageSize = 20;

  /** Color scheme: `light`, `dark`, or `auto` (follows the reader's system setting). */
  @property({ reflect: true }) theme: "light" | "dark" | "auto" = "light";

  /** Language of the element's text; defaults to the closest `lang` attribute, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  @state() private viewer: Viewer | null = null;
  /** A stored session is being restored: the account row waits instead of offering "Sign in". */
  @state() private resuming = false;
  @state() private auth: AuthFormState | null = null;
  @state() private replyTo: CommentId | null = null;
  @state() private editing: { id: CommentId; text: string; busy: boolean; error?: string } | null = null;
  @state() private confirmingDelete: CommentId | null = null;
  @state() private actionError = "";
  @state() private announcement = "";
  @state() private online = true;

  private readonly localize = new LocalizeController(this);
  private main: ComposerState = { key: "", text: "", busy: false };
  private reply: ComposerState = { key: "", text: "", busy: false };
  private client: ConvexClient | undefined;
  private clientUrl = "";
  private unwatchConnection: (() => void) | undefined;
  private authModule: Promise<AuthModule> | undefined;
  /** Ids already shown, to announce only comments that arrive later. */
  private seen: Set<string> | undefined;
  private absorbNextPage = false;
  private readonly ownIds = new Set<string>();
  private lastSignedIn: boolean | undefined;

  /** The post itself, for the live count; lazy: nothing connects until the element nears the viewport. */
  private readonly postQuery = new LiveQueryController(
    this,
    () =>
      this.deployment && this.org && this.post
        ? { deployment: this.deployment, query: api.posts.getBySlug, args: { organizationSlug: this.org, slug: this.post } }
        : null,
    { lazy: true },
  );

  private get connected() {
    return this.postQuery.status !== "idle";
  }

  private readonly thread = new LivePaginatedQueryController(this, () =>
    this.connected
      ? {
          deployment: this.deployment,
          query: api.comments.list,
          args: this.threadKey,
          pageSize: Math.max(1, Math.floor(this.pageSize) || 20),
        }
      : null,
  );

  private readonly permissions = new LiveQueryController(this, () =>
    this.connected
      ? { deployment: this.deployment, query: api.comments.viewerPermissions, args: { organizationSlug: this.org } }
      : null,
  );

  private readonly pending = new LiveQueryController(this, () =>
    this.connected && this.permissions.value?.signedIn
      ? { deployment: this.deployment, query: api.comments.viewerPending, args: this.threadKey }
      : null,
  );

  // Keeps "3 minutes ago" true.
  protected readonly clock = new RelativeTimeController(this, () => {
    let newest: number | undefined;
    for (const c of this.thread.results) {
      for (const r of [c, ...c.replies]) newest = Math.max(newest ?? 0, r.createdAt);
    }
    return newest;
  });

  private get threadKey(): ThreadKey {
    return { organizationSlug: this.org, postSlug: this.post };
  }

  private get siteUrl() {
    return this.site || siteUrlFor(this.deployment);
  }

  private term: LocalizeController["term"] = (key, ...args) => this.localize.term(key, ...args);

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.releaseOwnClient();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("deployment") || changed.has("org") || changed.has("post")) {
      const key = `lp-draft:${this.org}/${this.post}`;
      this.main = { key, ...loadDraft(key), busy: false };
      this.reply = { key: "", text: "", busy: false };
      this.replyTo = null;
      this.seen = undefined;
    }
    if (this.connected && this.clientUrl !== this.deployment) this.useClient();
    this.trackArrivals();
    this.followIdentity();
  }

  /** Follows sign-in and sign-out done by another element on the shared client (or an expired session). */
  private followIdentity() {
    const signedIn = this.permissions.value?.signedIn;
    if (signedIn === this.lastSignedIn) return;
    if (signedIn && !this.viewer && !this.resuming) void this.resume();
    if (signedIn === false && this.lastSignedIn && this.viewer) this.viewer = null;
    this.lastSignedIn = signedIn;
  }

  /** The element's own hold on the shared client, for mutations and sign-in. */
  private useClient() {
    this.releaseOwnClient();
    try {
      this.client = acquireClient(this.deployment);
    } catch {
      return;
    }
    this.clientUrl = this.deployment;
    const client = this.client;
    this.unwatchConnection = client.subscribeToConnectionState((s) => {
      const online = s.isWebSocketConnected;
      if (online !== this.online) this.online = online;
    });
    if (hasStoredSession()) void this.resume();
  }

  private releaseOwnClient() {
    this.unwatchConnection?.();
    this.unwatchConnection = undefined;
    if (this.client) releaseClient(this.clientUrl);
    this.client = undefined;
    this.clientUrl = "";
  }

  private loadAuth(): Promise<AuthModule> {
    return (this.authModule ??= import("../auth/session.js"));
  }

  private async resume() {
    const client = this.client;
    if (!client) return;
    this.resuming = true;
    try {
      this.viewer = await (await this.loadAuth()).resume(client, this.siteUrl);
    } catch (err) {
      this.report(err);
    } finally {
      this.resuming = false;
    }
  }

  /** Announces comments that arrive after the first load (not the reader's own, not "load more" pages). */
  private trackArrivals() {
    const status = this.thread.status;
    if (status !== "ready" && status !== "exhausted") return;
    const ids: Comment[] = this.thread.results.flatMap((c) => [c, ...c.replies]).filter((c) => !isOptimistic(c));
    if (!this.seen || this.absorbNextPage) {
      this.seen = new Set(ids.map((c) => c._id));
      this.absorbNextPage = false;
      return;
    }
    const arrived = ids.filter((c) => !this.seen!.has(c._id));
    for (const c of arrived) this.seen.add(c._id);
    const others = arrived.filter((c) => !this.ownIds.has(c._id) && c.authorId !== this.viewer?._id);
    if (others.length === 1) this.announcement = this.term("newComment", others[0]!.authorName);
    else if (others.length > 1) this.announcement = this.localize.count("newComments", others.length);
  }

  private loadMore() {
    this.absorbNextPage = true;
    this.thread.loadMore();
  }

  /** Shows an action's failure and tells the page; returns the readable message. */
  private report(err: unknown): string {
    const error = toLiveError(err);
    emit(this, "lp-error", error);
    return errorMessage(err, this.localize.lang);
  }

  private isOwn(c: Comment) {
    const userId = this.permissions.value?.userId ?? this.viewer?._id;
    return !!userId && c.authorId === userId;
  }

  // ── Composer ─────────────────────────────────────────────────────────

  private setText(composer: ComposerState, text: string) {
    composer.text = text;
    saveDraft(composer.key, { text, requestId: composer.requestId });
    this.requestUpdate();
  }

  private async send(composer: ComposerState, parentId?: CommentId) {
    const client = this.client;
    const content = composer.text.trim();
    if (!client || composer.busy || !content || content.length > LIMITS.commentLength) return;
    const guest = !this.permissions.value?.signedIn;
    const guestName = guest ? composer.guestName?.trim() : undefined;
    composer.requestId ??= newRequestId();
    saveDraft(composer.key, { text: composer.text, requestId: composer.requestId });
    composer.busy = true;
    composer.error = composer.notice = undefined;
    this.requestUpdate();
    const now = Date.now();
    const optimistic: Comment = {
      _id: `${OPTIMISTIC_PREFIX}${composer.requestId}` as CommentId,
      _creationTime: now,
      postId: (this.postQuery.value?._id ?? "") as Comment["postId"],
      ...(parentId ? { parentId } : {}),
      ...(this.viewer ? { authorId: this.viewer._id } : {}),
      authorName: this.viewer?.name ?? guestName ?? "",
      content,
      createdAt: now,
      status: "visible",
    };
    const key = this.threadKey;
    try {
      const { commentId, status } = await client.mutation(
        api.comments.create,
        {
          ...key,
          postTitle: this.postTitle || document.title || undefined,
          content,
          clientRequestId: composer.requestId,
          ...(parentId ? { parentId } : {}),
          ...(guestName !== undefined ? { guestName } : {}),
        },
        { optimisticUpdate: (store) => insertComment(store, key, optimistic) },
      );
      this.ownIds.add(commentId);
      clearDraft(composer.key);
      composer.text = "";
      composer.requestId = undefined;
      if (status === "pending") composer.notice = this.term("pendingNotice");
      if (parentId) this.replyTo = null;
      emit(this, "lp-comment-create", { commentId, status, ...(parentId ? { parentId } : {}) });
    } catch (err) {
      composer.error = this.report(err);
    } finally {
      composer.busy = false;
      this.requestUpdate();
    }
  }

  private openReply(parent: Comment) {
    const key = `${this.main.key}#${parent._id}`;
    this.reply = { key, ...loadDraft(key), busy: false, guestName: this.main.guestName };
    this.replyTo = parent._id;
    void this.updateComplete.then(() => this.focusIn(`#reply-${parent._id}`));
  }

  private closeReply() {
    const parent = this.replyTo;
    this.replyTo = null;
    void this.updateComplete.then(() => this.focusIn(`[data-reply-for="${parent}"]`));
  }

  private focusIn(selector: string) {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // ── Edit, delete, moderate ───────────────────────────────────────────

  private async saveEdit() {
    const editing = this.editing;
    const client = this.client;
    if (!editing || !client || editing.busy) return;
    const content = editing.text.trim();
    if (!content || content.length > LIMITS.commentLength) return;
    this.editing = { ...editing, busy: true, error: undefined };
    const key = this.threadKey;
    try {
      await client.mutation(
        api.comments.edit,
        { commentId: editing.id, content },
        { optimisticUpdate: (store) => editComment(store, key, editing.id, content) },
      );
      this.editing = null;
      emit(this, "lp-comment-edit", { commentId: editing.id });
      void this.updateComplete.then(() => this.focusIn(`[data-edit-for="${editing.id}"]`));
    } catch (err) {
      this.editing = { ...editing, busy: false, error: this.report(err) };
    }
  }

  private async deleteComment(c: Comment, asModerator: boolean) {
    const client = this.client;
    if (!client) return;
    this.confirmingDelete = null;
    this.actionError = "";
    const key = this.threadKey;
    try {
      const optimisticUpdate = (store: OptimisticLocalStore) => removeComment(store, key, c._id);
      if (asModerator) {
        await client.mutation(api.comments.moderate, { commentId: c._id, action: "remove" }, { optimisticUpdate });
      } else {
        await client.mutation(api.comments.remove, { commentId: c._id }, { optimisticUpdate });
      }
      emit(this, "lp-comment-delete", { commentId: c._id });
    } catch (err) {
      this.actionError = this.report(err);
    }
  }

  private async approve(c: Comment) {
    try {
      await this.client?.mutation(api.comments.moderate, { commentId: c._id, action: "approve" });
    } catch (err) {
      this.actionError = this.report(err);
    }
  }

  // ── Sign-in ──────────────────────────────────────────────────────────

  private openAuth() {
    this.auth = { mode: "signIn", busy: false };
    void this.loadAuth();
    void this.updateComplete.then(() => this.focusIn("#auth-email"));
  }

  private closeAuth() {
    this.auth = null;
    void this.updateComplete.then(() => this.focusIn("[part~='sign-in-button']"));
  }

  private async submitAuth(form: HTMLFormElement) {
    const auth = this.auth;
    const client = this.client;
    if (!auth || auth.busy || !client) return;
    const data = new FormData(form);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    this.auth = { ...auth, busy: true, error: undefined };
    this.resuming = true;
    try {
      const m = await this.loadAuth();
      const viewer =
        auth.mode === "signUp"
          ? await m.signUp(client, this.siteUrl, { name: String(data.get("name") ?? "").trim(), email, password })
          : await m.signIn(client, this.siteUrl, { email, password });
      this.viewer = viewer;
      this.auth = null;
      emit(this, "lp-sign-in", { userId: viewer._id, name: viewer.name });
      void this.updateComplete.then(() => this.focusIn("#composer-main"));
    } catch (err) {
      const reason = (err as { reason?: string }).reason;
      const message =
        reason === "invalidCredentials"
          ? this.term("authInvalidCredentials")
          : reason === "emailTaken"
            ? this.term("authEmailTaken")
            : reason === "weakPassword"
              ? this.term("authWeakPassword")
              : reason === "invalidEmail"
                ? this.term("authInvalidEmail")
                : reason === "network"
                  ? this.term("errorUnreachable")
                  : this.term("authFailed");
      emit(this, "lp-error", { code: "UNAUTHENTICATED", message: (err as Error).message ?? message });
      this.auth = { ...auth, busy: false, error: message };
    } finally {
      this.resuming = false;
    }
  }

  private async signOut() {
    const client = this.client;
    if (!client) return;
    await (await this.loadAuth()).signOut(client, this.siteUrl);
    this.viewer = null;
    this.editing = null;
    emit(this, "lp-sign-out", {});
    void this.updateComplete.then(() => this.focusIn("[part~='sign-in-button']"));
  }

  // ── Rendering ────────────────────────────────────────────────────────

  private renderComment(c: Comment, thread?: CommentThread, pendingReplies: Comment[] = []): TemplateResult {
    const { term, localize } = this;
    const sending = isOptimistic(c);
    const own = this.isOwn(c) && !sending;
    const perms = this.permissions.value;
    const editing = this.editing?.id === c._id ? this.editing : null;
    const actions: TemplateResult[] = [];
    if (thread && perms?.canComment && !sending && c.status === "visible") {
      actions.push(html`<button
        part="reply-button"
        data-reply-for=${c._id}
        aria-expanded=${this.replyTo === c._id}
        @click=${() => (this.replyTo === c._id ? this.closeReply() : this.openReply(c))}
      >
        ${term("reply")}
      </button>`);
    }
    if (own && !editing) {
      actions.push(
        html`<button data-edit-for=${c._id} @click=${() => this.startEdit(c)}>${term("edit")}</button>`,
        html`<button @click=${() => (this.confirmingDelete = c._id)}>${term("delete")}</button>`,
      );
    }
    if (perms?.canModerate && !sending) {
      if (c.status === "pending") actions.push(html`<button @click=${() => this.approve(c)}>${term("approve")}</button>`);
      if (!own) actions.push(html`<button class="danger" @click=${() => this.deleteComment(c, true)}>${term("remove")}</button>`);
    }
    const replies = thread ? [...thread.replies, ...pendingReplies] : [];
    return html`<li part="comment" class="comment" aria-busy=${sending ? "true" : nothing} data-id=${c._id}>
      <article class="comment__main" aria-label=${term("commentBy", c.authorName)}>
        <div class="comment__meta">
          <span part="comment-author" class="comment__author">${c.authorName}</span>
          <time part="comment-date" datetime=${new Date(c.createdAt).toISOString()} title=${localize.date(c.createdAt, { dateStyle: "full", timeStyle: "short" })}
            >${formatRelative(c.createdAt, localize.lang)}</time
          >
          ${c.editedAt ? html`<span class="comment__edited">(${term("edited")})</span>` : nothing}
          ${c.status === "pending" ? html`<span part="pending-badge" class="badge">${term("awaitingApproval")}</span>` : nothing}
          ${sending ? html`<span class="comment__sending">${term(this.online ? "sending" : "waitingForConnection")}</span>` : nothing}
        </div>
        ${editing
          ? renderComposer({
              id: `edit-${c._id}`,
              label: term("editComment"),
              state: { key: "", text: editing.text, busy: editing.busy, error: editing.error },
              submitLabel: term("save"),
              term,
              number: (n) => localize.number(n),
              onInput: (text) => (this.editing = { ...editing, text }),
              onSubmit: () => this.saveEdit(),
              onCancel: () => {
                this.editing = null;
                void this.updateComplete.then(() => this.focusIn(`[data-edit-for="${c._id}"]`));
              },
            })
          : html`<div part="comment-body" class="comment__body">${renderMarkdown(c.content)}</div>`}
        ${this.confirmingDelete === c._id
          ? html`<div class="confirm" role="group" aria-label=${term("confirmDelete")}>
              <span>${term("confirmDelete")}</span>
              <button class="danger" @click=${() => this.deleteComment(c, false)}>${term("delete")}</button>
              <button @click=${() => (this.confirmingDelete = null)}>${term("cancel")}</button>
            </div>`
          : actions.length
            ? html`<div part="comment-actions" class="comment__actions">${actions}</div>`
            : nothing}
      </article>
      ${replies.length
        ? html`<ol part="replies" class="replies">
            ${repeat(replies, (r) => r._id, (r) => this.renderComment(r))}
          </ol>`
        : nothing}
      ${thread && this.replyTo === c._id ? this.renderMainComposer(this.reply, c) : nothing}
    </li>`;
  }

  private startEdit(c: Comment) {
    this.editing = { id: c._id, text: c.content, busy: false };
    void this.updateComplete.then(() => this.focusIn(`#edit-${c._id}`));
  }

  private renderMainComposer(composer: ComposerState, parent?: Comment) {
    const { term, localize } = this;
    const guest = !this.permissions.value?.signedIn;
    return renderComposer({
      id: parent ? `reply-${parent._id}` : "composer-main",
      label: parent ? term("replyTo", parent.authorName) : term("addComment"),
      state: composer,
      submitLabel: parent ? term("reply") : term("postComment"),
      guest,
      waiting: composer.busy && !this.online,
      term,
      number: (n) => localize.number(n),
      onInput: (text) => this.setText(composer, text),
      onGuestName: (name) => {
        this.main.guestName = this.reply.guestName = name;
        this.requestUpdate();
      },
      onSubmit: () => this.send(composer, parent?._id),
      ...(parent ? { onCancel: () => this.closeReply() } : {}),
    });
  }

  private renderAccount() {
    const { term } = this;
    const perms = this.permissions.value;
    if (this.viewer) {
      return html`<div class="account">
        <span class="account__name">${term("signedInAs", this.viewer.name)}</span>
        <button part="sign-out-button" @click=${() => this.signOut()}>${term("signOut")}</button>
      </div>`;
    }
    if (this.auth) {
      return renderAuthForm({
        state: this.auth,
        term,
        onSubmit: (form) => this.submitAuth(form),
        onToggle: () => {
          this.auth = { mode: this.auth?.mode === "signUp" ? "signIn" : "signUp", busy: false };
          void this.updateComplete.then(() => this.focusIn(this.auth?.mode === "signUp" ? "#auth-name" : "#auth-email"));
        },
        onCancel: () => this.closeAuth(),
      });
    }
    if (this.resuming || !perms) return nothing;
    return html`<div class="account">
      <button part="sign-in-button" @click=${() => this.openAuth()}>
        ${perms.canComment ? term("signIn") : term("signInToComment")}
      </button>
    </div>`;
  }

  private renderThread() {
    const { term, thread } = this;
    if (thread.status === "error") {
      return html`<div part="error" class="error" role="alert">
        <p>${term("commentsError")} ${errorMessage(thread.error, this.localize.lang)}</p>
        <button @click=${() => (this.postQuery.retry(), thread.retry())}>${term("retry")}</button>
      </div>`;
    }
    if (thread.status === "idle" || thread.status === "loading-first") {
      return html`<div part="skeleton" class="skeleton-list" role="status">
        <span class="visually-hidden">${term("loadingComments")}</span>
        ${[0, 1, 2].map(() => html`<div class="skeleton skeleton--comment" aria-hidden="true"></div>`)}
      </div>`;
    }
    const pending = (this.pending.value ?? []).filter((p) => !thread.results.some((c) => c._id === p._id));
    const pendingTop = pending.filter((p) => !p.parentId);
    if (!thread.results.length && !pendingTop.length) {
      return html`<p part="empty" class="empty">${term("commentsEmpty")}</p>`;
    }
    return html`<ol part="list" class="list">
        ${repeat(
          thread.results,
          (c) => c._id,
          (c) => this.renderComment(c, c, pending.filter((p) => p.parentId === c._id)),
        )}
        ${repeat(pendingTop, (c) => c._id, (c) => this.renderComment(c))}
      </ol>
      ${thread.status === "ready" || thread.status === "loading-more"
        ? html`<button
            part="load-more-button"
            class="load-more"
            ?disabled=${thread.status === "loading-more"}
            @click=${() => this.loadMore()}
          >
            ${term("loadMoreComments")}
          </button>`
        : nothing}`;
  }

  protected override render() {
    const { term, localize } = this;
    const post = this.postQuery;
    const perms = this.permissions.value;
    const count = post.status === "ready" ? localize.count("commentCount", post.value?.commentCount ?? 0) : term("commentsHeading");
    const showComposer = perms?.canComment && !this.resuming && !this.auth;
    return html`<section part="base" class="base" aria-labelledby="heading">
      <header part="header" class="header">
        <h2 id="heading" class="heading"><span part="count">${count}</span></h2>
      </header>
      ${this.renderThread()}
      ${this.actionError ? html`<p part="error" class="error" role="alert">${this.actionError}</p>` : nothing}
      ${this.thread.status === "error" ? nothing : this.renderAccount()}
      ${showComposer && this.thread.status !== "error" ? this.renderMainComposer(this.main) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }
}
