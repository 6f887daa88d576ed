/**
 * What a reader does to comments in `<post-comments>`: write (a new comment or a reply, from drafts that
 * survive reloads), edit, delete, moderate and pin, each sent on the element's client with an optimistic
 * update, and the state of the forms that do it.
 */
import type { ReactiveController } from "lit";
import type { OptimisticLocalStore } from "convex/browser";
import { api, type Comment, type CommentId } from "../internal/api.js";
import { emit } from "../events/emit.js";
import { toLiveError } from "../internal/errors.js";
import { LIMITS } from "../internal/limits.js";
import type { SessionController } from "../auth/session-controller.js";
import type { ComposerState } from "./composer.js";
import { clearDraft, loadDraft, saveDraft } from "./drafts.js";
import { isOptimistic, OPTIMISTIC_PREFIX } from "./optimistic-id.js";
import { showCreated, showEdited, showRemoved } from "./optimistic.js";
import { focusIn, report, type WriterContext } from "./writer-context.js";

function newRequestId(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http have no randomUUID; random bytes do as well.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

const GUEST_KEY_STORAGE = "live-post-elements:guest-key";

/**
 * This browser's guest writer key: scopes a guest's retry ids, so two guests sending the same id never
 * get each other's comment, and keys a guest's reactions. Kept in localStorage; without storage, one key per page load.
 */
let sessionGuestKey: string | undefined;
export function guestKey(): string {
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

interface EditState {
  id: CommentId;
  text: string;
  busy: boolean;
  error?: string;
  preview?: boolean;
}

export class CommentActions implements ReactiveController {
  /** The main composer and the reply composer (one reply form is open at a time). */
  main: ComposerState = { key: "", text: "", busy: false };
  reply: ComposerState = { key: "", text: "", busy: false };
  replyTo: CommentId | null = null;
  editing: EditState | null = null;
  confirmingDelete: CommentId | null = null;
  /** The last failed delete or moderation, shown above the composer. */
  actionError = "";

  constructor(
    private readonly c: WriterContext,
    private readonly session: SessionController,
  ) {
    c.host.addController(this);
  }

  hostUpdate() {
    const key = `lp-draft:${this.c.host.org}/${this.c.host.post}`;
    if (key !== this.main.key) {
      this.main = { key, ...loadDraft(key), busy: false };
      this.replyTo = null;
    }
  }

  get #threadKey() {
    return { organizationSlug: this.c.host.org, postSlug: this.c.host.post };
  }

  #changed() {
    this.c.host.requestUpdate();
  }

  /** The signed-in reader wrote it (and the server has it). */
  isOwn(comment: Comment) {
    const userId = this.c.permissions()?.userId ?? this.session.viewer?._id;
    return !!userId && comment.authorId === userId && !isOptimistic(comment);
  }

  setText(composer: ComposerState, text: string) {
    composer.text = text;
    saveDraft(composer.key, { text, requestId: composer.requestId });
    this.#changed();
  }

  /** Opens a form's Preview or Write tab; the text stays as it is. */
  setPreview(form: { preview?: boolean }, preview: boolean) {
    form.preview = preview;
    this.#changed();
  }

  setGuestName(name: string) {
    this.main.guestName = this.reply.guestName = name;
    this.#changed();
  }

  /** Sends a comment, or a reply to `parent`; a reply to a reply goes under its top-level comment (as the server puts it). */
  async send(composer: ComposerState, parent?: Comment) {
    const client = this.c.host.connection.client;
    const content = composer.text.trim();
    if (!client || composer.busy || !content || content.length > LIMITS.commentLength) return;
    const guestName = this.c.permissions()?.signedIn ? undefined : composer.guestName?.trim();
    const viewer = this.session.viewer;
    composer.requestId ??= newRequestId();
    saveDraft(composer.key, { text: composer.text, requestId: composer.requestId });
    composer.busy = true;
    composer.error = composer.notice = undefined;
    this.#changed();
    const now = Date.now();
    const optimistic: Comment = {
      _id: `${OPTIMISTIC_PREFIX}${composer.requestId}` as CommentId,
      _creationTime: now,
      postId: (this.c.postId() ?? "") as Comment["postId"],
      ...(parent ? { parentId: parent.parentId ?? parent._id } : {}),
      ...(parent?.parentId ? { replyToId: parent._id, replyToName: parent.authorName } : {}),
      ...(viewer ? { authorId: viewer._id } : {}),
      authorName: viewer?.name ?? guestName ?? "",
      content,
      createdAt: now,
      status: "visible",
    };
    const key = this.#threadKey;
    try {
      const { commentId, status } = await client.mutation(
        api.comments.create,
        {
          ...key,
          postTitle: (this.c.host.postTitle || document.title).trim().slice(0, LIMITS.titleLength) || undefined,
          content,
          clientRequestId: composer.requestId,
          ...(parent ? { parentId: parent._id } : {}),
          ...(guestName !== undefined
            ? {
                guestName,
                guestKey: guestKey(),
                honeypot: composer.honeypot ?? "",
                formOpenMs: Math.round(performance.now() - (composer.shownAt ?? 0)),
              }
            : {}),
        },
        { optimisticUpdate: (store) => showCreated(store, key, optimistic) },
      );
      clearDraft(composer.key);
      composer.text = "";
      composer.requestId = composer.shownAt = undefined;
      // The next comment starts on the Write tab.
      composer.preview = false;
      if (status === "pending") composer.notice = this.c.localize.term("pendingNotice");
      if (parent) this.replyTo = null;
      emit(this.c.host, "lp-comment-create", { commentId, status, ...(optimistic.parentId ? { parentId: optimistic.parentId } : {}) });
    } catch (err) {
      const message = report(this.c, err);
      // The one refusal of a comment by a signed-in or named writer: a ban. Its rule stays the server's.
      composer.error = toLiveError(err).code === "FORBIDDEN" ? this.c.localize.term("errorBanned") : message;
    } finally {
      composer.busy = false;
      this.#changed();
    }
  }

  toggleReply(parent: Comment) {
    if (this.replyTo === parent._id) return this.closeReply();
    const key = `${this.main.key}#${parent._id}`;
    this.reply = { key, ...loadDraft(key), busy: false, guestName: this.main.guestName };
    this.replyTo = parent._id;
    focusIn(this.c, `#reply-${parent._id}`);
  }

  closeReply() {
    focusIn(this.c, `[data-reply-for="${this.replyTo}"]`);
    this.replyTo = null;
  }

  startEdit(comment: Comment) {
    this.editing = { id: comment._id, text: comment.content, busy: false };
    focusIn(this.c, `#edit-${comment._id}`);
  }

  setEditText(text: string) {
    if (this.editing) this.editing = { ...this.editing, text };
    this.#changed();
  }

  endEdit(id: CommentId) {
    this.editing = null;
    focusIn(this.c, `[data-edit-for="${id}"]`);
  }

  async saveEdit() {
    const editing = this.editing;
    const client = this.c.host.connection.client;
    const content = editing?.text.trim() ?? "";
    if (!editing || !client || editing.busy || !content || content.length > LIMITS.commentLength) return;
    this.editing = { ...editing, busy: true, error: undefined };
    this.#changed();
    const key = this.#threadKey;
    try {
      await client.mutation(
        api.comments.edit,
        { commentId: editing.id, content },
        { optimisticUpdate: (store) => showEdited(store, key, editing.id, content) },
      );
      emit(this.c.host, "lp-comment-edit", { commentId: editing.id });
      this.endEdit(editing.id);
    } catch (err) {
      this.editing = { ...editing, busy: false, error: report(this.c, err) };
      this.#changed();
    }
  }

  confirmDelete(id: CommentId | null) {
    this.confirmingDelete = id;
    this.#changed();
  }

  async delete(comment: Comment, asModerator: boolean) {
    const client = this.c.host.connection.client;
    if (!client) return;
    this.confirmingDelete = null;
    this.actionError = "";
    this.#changed();
    const key = this.#threadKey;
    const optimisticUpdate = (store: OptimisticLocalStore) => showRemoved(store, key, comment._id);
    try {
      if (asModerator) {
        await client.mutation(api.comments.moderate, { commentId: comment._id, action: "remove" }, { optimisticUpdate });
      } else {
        await client.mutation(api.comments.remove, { commentId: comment._id }, { optimisticUpdate });
      }
      emit(this.c.host, "lp-comment-delete", { commentId: comment._id });
    } catch (err) {
      this.actionError = report(this.c, err);
      this.#changed();
    }
  }

  /** Pins a top-level comment for every reader, or unpins it; the thread moves it once the server has. */
  async togglePin(comment: Comment) {
    this.actionError = "";
    this.#changed();
    try {
      const ref = comment.pinnedAt === undefined ? api.pins.pin : api.pins.unpin;
      await this.c.host.connection.client?.mutation(ref, { commentId: comment._id });
    } catch (err) {
      const message = report(this.c, err);
      // The one refusal an admin meets here: the post already has its most pins.
      this.actionError = toLiveError(err).code === "CONFLICT"
        ? this.c.localize.term("tooManyPins", this.c.localize.number(LIMITS.pinnedPerPost))
        : message;
      this.#changed();
    }
  }

  async approve(comment: Comment) {
    try {
      await this.c.host.connection.client?.mutation(api.comments.moderate, { commentId: comment._id, action: "approve" });
    } catch (err) {
      this.actionError = report(this.c, err);
      this.#changed();
    }
  }
}
