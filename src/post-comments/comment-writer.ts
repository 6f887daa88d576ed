/**
 * Everything `<post-comments>` needs once a reader may write: the composer, replies, editing, deleting,
 * moderation and the account row. Loaded on demand (a reader who only reads never downloads it), and
 * it loads the sign-in code only when someone signs in or already holds a session.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import type { OptimisticLocalStore } from "convex/browser";
import { hasStoredSession } from "../auth/stored-session.js";
import { api, type Comment, type CommentId, type Viewer, type ViewerPermissions } from "../internal/api.js";
import { acquireClient, releaseClient } from "../internal/client-registry.js";
import type { LiveClient } from "../internal/live-client.js";
import { emit } from "../internal/emit.js";
import { errorMessage, toLiveError } from "../internal/errors.js";
import { LIMITS } from "../internal/limits.js";
import { LiveQueryController } from "../internal/live-query.js";
import { addEnglish, type LocalizeController } from "../internal/localize.js";
import { enWriter } from "../internal/locales/en-writer.js";
import { renderAuthForm, type AuthFormState } from "./auth-form.js";
import { renderComposer, type ComposerState } from "./composer.js";
import { clearDraft, loadDraft, saveDraft } from "./drafts.js";
import { editComment, insertComment, isOptimistic, OPTIMISTIC_PREFIX, removeComment } from "./optimistic.js";

export { writerStyles } from "./comment-writer.styles.js";

type AuthModule = typeof import("../auth/session.js");

/** What the writer reads from its element. */
export interface WriterContext {
  host: ReactiveControllerHost & HTMLElement & { deployment: string; org: string; post: string; postTitle: string };
  localize: LocalizeController;
  permissions: () => ViewerPermissions | undefined;
  postId: () => string | undefined;
  siteUrl: () => string;
  /** Ids of comments this reader created here, so they are not announced as news. */
  ownIds: Set<string>;
}

function newRequestId(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http have no randomUUID; random bytes do as well.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

const GUEST_KEY_STORAGE = "live-post-elements:guest-key";

/**
 * This browser's guest writer key: scopes a guest's retry ids, so two guests sending the same id never
 * get each other's comment. Kept in localStorage; without storage, one key per page load.
 */
let sessionGuestKey: string | undefined;
function guestKey(): string {
  try {
    const stored = localStorage.getItem(GUEST_KEY_STORAGE);
    if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
    const fresh = newRequestId().replace(/[^A-Za-z0-9_-]/g, "");
    localStorage.setItem(GUEST_KEY_STORAGE, fresh);
    return fresh;
  } catch {
    return (sessionGuestKey ??= newRequestId().replace(/[^A-Za-z0-9_-]/g, ""));
  }
}

const AUTH_MESSAGES = {
  invalidCredentials: "authInvalidCredentials",
  emailTaken: "authEmailTaken",
  weakPassword: "authWeakPassword",
  invalidEmail: "authInvalidEmail",
  network: "errorUnreachable",
  originNotTrusted: "authOriginNotTrusted",
} as const;

export class CommentWriter implements ReactiveController {
  viewer: Viewer | null = null;
  /** A stored session is being restored: the account row waits instead of offering "Sign in". */
  resuming = false;
  /** The connection is up; while it is down, sends wait (the Convex client retries them). */
  online = true;
  private auth: AuthFormState | null = null;
  private replyTo: CommentId | null = null;
  private editing: { id: CommentId; text: string; busy: boolean; error?: string } | null = null;
  private confirmingDelete: CommentId | null = null;
  private actionError = "";
  private main: ComposerState = { key: "", text: "", busy: false };
  private reply: ComposerState = { key: "", text: "", busy: false };
  private client: LiveClient | undefined;
  private clientUrl = "";
  private unwatchConnection: (() => void) | undefined;
  private authModule: Promise<AuthModule> | undefined;
  private lastSignedIn: boolean | undefined;

  /** The reader's own comments waiting for a moderator (only they see them). */
  readonly pending: LiveQueryController<typeof api.comments.viewerPending>;

  constructor(private readonly c: WriterContext) {
    addEnglish(enWriter);
    const { host } = c;
    this.pending = new LiveQueryController(host, () =>
      host.deployment && c.permissions()?.signedIn
        ? { deployment: host.deployment, query: api.comments.viewerPending, args: this.threadKey }
        : null,
    );
    host.addController(this);
  }

  private get host() {
    return this.c.host;
  }

  private get threadKey() {
    return { organizationSlug: this.host.org, postSlug: this.host.post };
  }

  private term: LocalizeController["term"] = (key, ...args) => this.c.localize.term(key, ...args);

  hostUpdate() {
    const key = `lp-draft:${this.host.org}/${this.host.post}`;
    if (key !== this.main.key) {
      this.main = { key, ...loadDraft(key), busy: false };
      this.replyTo = null;
    }
    // A send finishing after the element left still re-renders it: only a connected element holds the client.
    if (this.host.isConnected && this.clientUrl !== this.host.deployment) this.useClient();
    this.followIdentity();
  }

  hostDisconnected() {
    this.releaseClient();
  }

  private changed() {
    this.host.requestUpdate();
  }

  /** The writer's own hold on the shared client, for mutations and sign-in. */
  private useClient() {
    this.releaseClient();
    try {
      this.client = acquireClient(this.host.deployment);
    } catch {
      return;
    }
    this.clientUrl = this.host.deployment;
    this.unwatchConnection = this.client.subscribeToConnectionState((s) => {
      if (s.isWebSocketConnected !== this.online) {
        this.online = s.isWebSocketConnected;
        this.changed();
      }
    });
    if (hasStoredSession()) void this.resume();
  }

  private releaseClient() {
    this.unwatchConnection?.();
    this.unwatchConnection = undefined;
    if (this.client) releaseClient(this.clientUrl);
    this.client = undefined;
    this.clientUrl = "";
  }

  /** Follows sign-in and sign-out done by another element on the shared client (or an expired session). */
  private followIdentity() {
    const signedIn = this.c.permissions()?.signedIn;
    if (signedIn === this.lastSignedIn) return;
    if (signedIn && !this.viewer && !this.resuming) void this.resume();
    if (signedIn === false && this.lastSignedIn && this.viewer) this.viewer = null;
    this.lastSignedIn = signedIn;
  }

  private loadAuth(): Promise<AuthModule> {
    return (this.authModule ??= import("../auth/session.js"));
  }

  private async resume() {
    const client = this.client;
    if (!client) return;
    this.resuming = true;
    try {
      this.viewer = await (await this.loadAuth()).resume(client, this.c.siteUrl());
    } catch (err) {
      this.report(err);
    } finally {
      this.resuming = false;
      this.changed();
    }
  }

  /** Tells the page about a failure; returns the readable message. */
  private report(err: unknown): string {
    emit(this.host, "lp-error", toLiveError(err));
    return errorMessage(err, this.c.localize.lang);
  }

  /** Moves focus to `selector` once the change just made has rendered. */
  private focusIn(selector: string) {
    this.changed();
    void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  private isOwn(c: Comment) {
    const userId = this.c.permissions()?.userId ?? this.viewer?._id;
    return !!userId && c.authorId === userId && !isOptimistic(c);
  }

  // ── Sending ──────────────────────────────────────────────────────────

  private setText(composer: ComposerState, text: string) {
    composer.text = text;
    saveDraft(composer.key, { text, requestId: composer.requestId });
    this.changed();
  }

  private async send(composer: ComposerState, parentId?: CommentId) {
    const client = this.client;
    const content = composer.text.trim();
    if (!client || composer.busy || !content || content.length > LIMITS.commentLength) return;
    const guestName = this.c.permissions()?.signedIn ? undefined : composer.guestName?.trim();
    composer.requestId ??= newRequestId();
    saveDraft(composer.key, { text: composer.text, requestId: composer.requestId });
    composer.busy = true;
    composer.error = composer.notice = undefined;
    this.changed();
    const now = Date.now();
    const optimistic: Comment = {
      _id: `${OPTIMISTIC_PREFIX}${composer.requestId}` as CommentId,
      _creationTime: now,
      postId: (this.c.postId() ?? "") as Comment["postId"],
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
          postTitle: (this.host.postTitle || document.title).trim().slice(0, LIMITS.titleLength) || undefined,
          content,
          clientRequestId: composer.requestId,
          ...(parentId ? { parentId } : {}),
          ...(guestName !== undefined ? { guestName, guestKey: guestKey() } : {}),
        },
        { optimisticUpdate: (store) => insertComment(store, key, optimistic) },
      );
      this.c.ownIds.add(commentId);
      clearDraft(composer.key);
      composer.text = "";
      composer.requestId = undefined;
      if (status === "pending") composer.notice = this.term("pendingNotice");
      if (parentId) this.replyTo = null;
      emit(this.host, "lp-comment-create", { commentId, status, ...(parentId ? { parentId } : {}) });
    } catch (err) {
      composer.error = this.report(err);
    } finally {
      composer.busy = false;
      this.changed();
    }
  }

  private toggleReply(parent: Comment) {
    if (this.replyTo === parent._id) return this.closeReply();
    const key = `${this.main.key}#${parent._id}`;
    this.reply = { key, ...loadDraft(key), busy: false, guestName: this.main.guestName };
    this.replyTo = parent._id;
    this.changed();
    this.focusIn(`#reply-${parent._id}`);
  }

  private closeReply() {
    this.focusIn(`[data-reply-for="${this.replyTo}"]`);
    this.replyTo = null;
    this.changed();
  }

  // ── Edit, delete, moderate ───────────────────────────────────────────

  private startEdit(c: Comment) {
    this.editing = { id: c._id, text: c.content, busy: false };
    this.changed();
    this.focusIn(`#edit-${c._id}`);
  }

  private endEdit(id: CommentId) {
    this.editing = null;
    this.changed();
    this.focusIn(`[data-edit-for="${id}"]`);
  }

  private async saveEdit() {
    const editing = this.editing;
    const client = this.client;
    const content = editing?.text.trim() ?? "";
    if (!editing || !client || editing.busy || !content || content.length > LIMITS.commentLength) return;
    this.editing = { ...editing, busy: true, error: undefined };
    this.changed();
    const key = this.threadKey;
    try {
      await client.mutation(
        api.comments.edit,
        { commentId: editing.id, content },
        { optimisticUpdate: (store) => editComment(store, key, editing.id, content) },
      );
      emit(this.host, "lp-comment-edit", { commentId: editing.id });
      this.endEdit(editing.id);
    } catch (err) {
      this.editing = { ...editing, busy: false, error: this.report(err) };
      this.changed();
    }
  }

  private async deleteComment(c: Comment, asModerator: boolean) {
    const client = this.client;
    if (!client) return;
    this.confirmingDelete = null;
    this.actionError = "";
    this.changed();
    const key = this.threadKey;
    const optimisticUpdate = (store: OptimisticLocalStore) => removeComment(store, key, c._id);
    try {
      if (asModerator) {
        await client.mutation(api.comments.moderate, { commentId: c._id, action: "remove" }, { optimisticUpdate });
      } else {
        await client.mutation(api.comments.remove, { commentId: c._id }, { optimisticUpdate });
      }
      emit(this.host, "lp-comment-delete", { commentId: c._id });
    } catch (err) {
      this.actionError = this.report(err);
      this.changed();
    }
  }

  private async approve(c: Comment) {
    try {
      await this.client?.mutation(api.comments.moderate, { commentId: c._id, action: "approve" });
    } catch (err) {
      this.actionError = this.report(err);
      this.changed();
    }
  }

  // ── Sign-in ──────────────────────────────────────────────────────────

  openAuth() {
    this.auth = { mode: "signIn", busy: false };
    void this.loadAuth();
    this.changed();
    this.focusIn("#auth-email");
  }

  private closeAuth() {
    this.auth = null;
    this.changed();
    this.focusIn("[part~='sign-in-button']");
  }

  private async submitAuth(form: HTMLFormElement) {
    const auth = this.auth;
    const client = this.client;
    if (!auth || auth.busy || !client) return;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? "");
    const email = field("email").trim();
    const password = field("password");
    this.auth = { ...auth, busy: true, error: undefined };
    this.resuming = true;
    this.changed();
    try {
      const m = await this.loadAuth();
      const site = this.c.siteUrl();
      const viewer =
        auth.mode === "signUp"
          ? await m.signUp(client, site, { name: field("name").trim(), email, password })
          : await m.signIn(client, site, { email, password });
      this.viewer = viewer;
      this.auth = null;
      emit(this.host, "lp-sign-in", { userId: viewer._id, name: viewer.name });
      this.focusIn("#composer-main");
    } catch (err) {
      const reason = (err as { reason?: keyof typeof AUTH_MESSAGES }).reason;
      const message = this.term(reason && AUTH_MESSAGES[reason] ? AUTH_MESSAGES[reason] : "authFailed");
      emit(this.host, "lp-error", { code: "UNAUTHENTICATED", message: (err as Error).message || message });
      this.auth = { ...auth, busy: false, error: message };
    } finally {
      this.resuming = false;
      this.changed();
    }
  }

  private toggleAuthMode() {
    const mode = this.auth?.mode === "signUp" ? "signIn" : "signUp";
    this.auth = { mode, busy: false };
    this.changed();
    this.focusIn(mode === "signUp" ? "#auth-name" : "#auth-email");
  }

  private async signOut() {
    const client = this.client;
    if (!client) return;
    await (await this.loadAuth()).signOut(client, this.c.siteUrl());
    this.viewer = null;
    this.editing = null;
    emit(this.host, "lp-sign-out", {});
    this.changed();
    this.focusIn("[part~='sign-in-button']");
  }

  // ── Rendering (called by the element) ────────────────────────────────

  /** The edit form in place of a comment's text, while the reader edits it. */
  renderEditor(c: Comment): TemplateResult | undefined {
    const editing = this.editing;
    if (editing?.id !== c._id) return undefined;
    return renderComposer({
      id: `edit-${c._id}`,
      label: this.term("editComment"),
      state: { key: "", text: editing.text, busy: editing.busy, error: editing.error },
      submitLabel: this.term("save"),
      term: this.term,
      number: (n) => this.c.localize.number(n),
      onInput: (text) => {
        this.editing = { ...editing, text };
        this.changed();
      },
      onSubmit: () => this.saveEdit(),
      onCancel: () => this.endEdit(c._id),
    });
  }

  /** Reply, edit, delete and moderation buttons (or the delete confirmation) under a comment. */
  renderActions(c: Comment, topLevel: boolean) {
    const { term } = this;
    if (this.confirmingDelete === c._id) {
      return html`<div class="confirm" role="group" aria-label=${term("confirmDelete")}>
        <span>${term("confirmDelete")}</span>
        <button class="danger" @click=${() => this.deleteComment(c, false)}>${term("delete")}</button>
        <button
          @click=${() => {
            this.confirmingDelete = null;
            this.changed();
          }}
        >
          ${term("cancel")}
        </button>
      </div>`;
    }
    if (isOptimistic(c)) return nothing;
    const perms = this.c.permissions();
    const own = this.isOwn(c);
    const actions: TemplateResult[] = [];
    if (topLevel && perms?.canComment && c.status === "visible") {
      actions.push(html`<button
        part="reply-button"
        data-reply-for=${c._id}
        aria-expanded=${this.replyTo === c._id}
        @click=${() => this.toggleReply(c)}
      >
        ${term("reply")}
      </button>`);
    }
    if (own && this.editing?.id !== c._id) {
      actions.push(
        html`<button data-edit-for=${c._id} @click=${() => this.startEdit(c)}>${term("edit")}</button>`,
        html`<button
          @click=${() => {
            this.confirmingDelete = c._id;
            this.changed();
          }}
        >
          ${term("delete")}
        </button>`,
      );
    }
    if (perms?.canModerate) {
      if (c.status === "pending") actions.push(html`<button @click=${() => this.approve(c)}>${term("approve")}</button>`);
      if (!own) actions.push(html`<button class="danger" @click=${() => this.deleteComment(c, true)}>${term("remove")}</button>`);
    }
    return actions.length ? html`<div part="comment-actions" class="comment__actions">${actions}</div>` : nothing;
  }

  /** The inline reply form under a top-level comment, when open. */
  renderReply(parent: Comment) {
    return this.replyTo === parent._id ? this.renderComposer(this.reply, parent) : nothing;
  }

  private renderComposer(composer: ComposerState, parent?: Comment) {
    const { term } = this;
    return renderComposer({
      id: parent ? `reply-${parent._id}` : "composer-main",
      label: parent ? term("replyTo", parent.authorName) : term("addComment"),
      state: composer,
      submitLabel: parent ? term("reply") : term("postComment"),
      guest: !this.c.permissions()?.signedIn,
      waiting: composer.busy && !this.online,
      term,
      number: (n) => this.c.localize.number(n),
      onInput: (text) => this.setText(composer, text),
      onGuestName: (name) => {
        this.main.guestName = this.reply.guestName = name;
        this.changed();
      },
      onSubmit: () => this.send(composer, parent?._id),
      ...(parent ? { onCancel: () => this.closeReply() } : {}),
    });
  }

  /** The account row (who is signed in, or the sign-in form) and the main composer. */
  renderFooter() {
    const { term } = this;
    const perms = this.c.permissions();
    let account: TemplateResult | typeof nothing = nothing;
    if (this.viewer) {
      account = html`<div class="account">
        <span>${term("signedInAs", this.viewer.name)}</span>
        <button part="sign-out-button" @click=${() => this.signOut()}>${term("signOut")}</button>
      </div>`;
    } else if (this.auth) {
      account = renderAuthForm({
        state: this.auth,
        term,
        onSubmit: (form) => this.submitAuth(form),
        onToggle: () => this.toggleAuthMode(),
        onCancel: () => this.closeAuth(),
      });
    } else if (perms && !this.resuming) {
      account = html`<div class="account">
        <button part="sign-in-button" @click=${() => this.openAuth()}>
          ${perms.canComment ? term("signIn") : term("signInToComment")}
        </button>
      </div>`;
    }
    return html`${this.actionError ? html`<p part="error" class="error" role="alert">${this.actionError}</p>` : nothing}
    ${account}
    ${perms?.canComment && !this.resuming && !this.auth ? this.renderComposer(this.main) : nothing}`;
  }
}
