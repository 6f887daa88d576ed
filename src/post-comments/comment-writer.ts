/**
 * Everything `<post-comments>` needs once a reader may write, loaded on demand (a reader who only reads
 * never downloads it): the reader's session, the comment actions, reacting, and their views — the tools
 * under each comment and the account row with the main composer. The sign-in code loads only when someone signs in
 * or already holds a session.
 */
import { html, nothing, type TemplateResult } from "lit";
import { SessionController } from "../auth/session-controller.js";
import { api, type Comment } from "../internal/api.js";
import { LiveQueryController } from "../internal/live-query.js";
import { addEnglish } from "../internal/localize.js";
import { enWriter } from "../internal/locales/en-writer.js";
import { renderAuthForm } from "./auth-form.js";
import { renderEmailSettings } from "./email-settings.js";
import { CommentActions } from "./comment-actions.js";
import type { CommentTools } from "./comment-view.js";
import { renderComposer, type ComposerState } from "./composer.js";
import { isOptimistic } from "./optimistic-id.js";
import { CommentReactions } from "./reaction-picker.js";
import { CommentReports } from "./report-form.js";
import type { WriterContext } from "./writer-context.js";

export { writerStyles } from "./comment-writer.styles.js";

export class CommentWriter {
  readonly session: SessionController;
  readonly actions: CommentActions;
  readonly reports: CommentReports;
  readonly reactions: CommentReactions;
  /** The reader's own comments waiting for a moderator (only they see them). */
  readonly pending: LiveQueryController<typeof api.comments.viewerPending>;

  constructor(private readonly c: WriterContext) {
    addEnglish(enWriter);
    const { host } = c;
    this.session = new SessionController(c);
    this.actions = new CommentActions(c, this.session);
    this.reports = new CommentReports(c);
    this.reactions = new CommentReactions(c);
    this.pending = new LiveQueryController(host, () =>
      c.permissions()?.signedIn
        ? { query: api.comments.viewerPending, args: { organizationSlug: host.org, postSlug: host.post } }
        : null,
    );
  }

  #term: WriterContext["localize"]["term"] = (key, ...args) => this.c.localize.term(key, ...args);

  /** The edit form (in place of the text), the buttons and the reply form of one comment. */
  toolsFor(comment: Comment): CommentTools {
    const { actions } = this;
    return {
      ...(actions.editing?.id === comment._id ? { body: this.#renderEditor(comment) } : {}),
      actions: this.#renderActions(comment),
      reply: actions.replyTo === comment._id ? this.#renderComposer(actions.reply, comment) : nothing,
    };
  }

  #renderEditor(comment: Comment) {
    const { actions } = this;
    const editing = actions.editing!;
    return renderComposer({
      id: `edit-${comment._id}`,
      label: this.#term("editComment"),
      state: { key: "", text: editing.text, busy: editing.busy, error: editing.error, preview: editing.preview },
      submitLabel: this.#term("save"),
      term: this.#term,
      number: (n) => this.c.localize.number(n),
      onInput: (text) => actions.setEditText(text),
      onSubmit: () => actions.saveEdit(),
      onCancel: () => actions.endEdit(comment._id),
      onPreview: (preview) => actions.setPreview(editing, preview),
    });
  }

  /** Reply, report, edit, delete, moderation and pin buttons (or the delete confirmation) under a comment. */
  #renderActions(comment: Comment) {
    const term = this.#term, { actions } = this;
    if (actions.confirmingDelete === comment._id) {
      return html`<div class="confirm" role="group" aria-label=${term("confirmDelete")}>
        <span>${term("confirmDelete")}</span>
        <button class="danger" @click=${() => actions.delete(comment, false)}>${term("delete")}</button>
        <button @click=${() => actions.confirmDelete(null)}>${term("cancel")}</button>
      </div>`;
    }
    if (isOptimistic(comment)) return nothing;
    const perms = this.c.permissions();
    const own = actions.isOwn(comment);
    const buttons: TemplateResult[] = [];
    if (perms?.canComment && comment.status === "visible") {
      buttons.push(html`<button
        part="reply-button"
        data-reply-for=${comment._id}
        aria-expanded=${actions.replyTo === comment._id}
        @click=${() => actions.toggleReply(comment)}
      >
        ${term("reply")}
      </button>`);
    }
    if (this.reports.offered(comment, own)) buttons.push(this.reports.renderButton(comment));
    if (own && actions.editing?.id !== comment._id) {
      buttons.push(
        html`<button data-edit-for=${comment._id} @click=${() => actions.startEdit(comment)}>${term("edit")}</button>`,
        html`<button @click=${() => actions.confirmDelete(comment._id)}>${term("delete")}</button>`,
      );
    }
    if (perms?.canModerate) {
      if (comment.status === "pending") buttons.push(html`<button @click=${() => actions.approve(comment)}>${term("approve")}</button>`);
      if (!own) buttons.push(html`<button class="danger" @click=${() => actions.delete(comment, true)}>${term("remove")}</button>`);
      if (!comment.parentId && comment.status === "visible") {
        buttons.push(html`<button part="pin-button" @click=${() => actions.togglePin(comment)}>
          ${term(comment.pinnedAt === undefined ? "pin" : "unpin")}
        </button>`);
      }
    }
    return html`${buttons.length ? html`<div part="comment-actions" class="comment__actions">${buttons}</div>` : nothing}
    ${this.reports.render(comment)}`;
  }

  #renderComposer(composer: ComposerState, parent?: Comment) {
    const term = this.#term, { actions } = this;
    return renderComposer({
      id: parent ? `reply-${parent._id}` : "composer-main",
      label: parent ? term("replyTo", parent.authorName) : term("addComment"),
      state: composer,
      submitLabel: parent ? term("reply") : term("postComment"),
      guest: !this.c.permissions()?.signedIn,
      waiting: composer.busy && !this.c.host.connection.online,
      term,
      number: (n) => this.c.localize.number(n),
      onInput: (text) => actions.setText(composer, text),
      onGuestName: (name) => actions.setGuestName(name),
      onSubmit: () => actions.send(composer, parent),
      onPreview: (preview) => actions.setPreview(composer, preview),
      ...(parent ? { onCancel: () => actions.closeReply() } : {}),
    });
  }

  /** The account row (who is signed in, or the sign-in form) and the main composer. */
  renderFooter() {
    const term = this.#term, { session, actions } = this;
    const perms = this.c.permissions();
    let account: TemplateResult | typeof nothing = nothing;
    if (session.viewer) {
      account = html`<div class="account">
        <span>${term("signedInAs", session.viewer.name)}</span>
        <button
          part="sign-out-button"
          @click=${() => {
            actions.editing = null;
            void session.signOut();
          }}
        >
          ${term("signOut")}
        </button>
        <button
          part="notifications-button"
          aria-expanded=${session.settings ? "true" : "false"}
          aria-controls="email-settings"
          @click=${() => session.toggleSettings()}
        >
          ${term("emailSettings")}
        </button>
        <button part="add-passkey-button" ?disabled=${!!session.passkey?.busy} @click=${() => void session.addPasskey()}>
          ${term("addPasskey")}
        </button>
      </div>
      ${session.passkey?.notice ? html`<p part="passkey-notice" role="status">${session.passkey.notice}</p>` : nothing}
      ${session.passkey?.error ? html`<p part="error" class="error" role="alert">${session.passkey.error}</p>` : nothing}
      ${session.settings
        ? renderEmailSettings({
            state: session.settings,
            term,
            hasThread: !!this.c.postId(),
            onChange: (change) => void session.changeSettings(change),
          })
        : nothing}`;
    } else if (session.form) {
      account = renderAuthForm({
        state: session.form,
        term,
        onSubmit: (form) => session.submit(form),
        onSendLink: (form) => session.sendLink(form),
        onPasskey: () => void session.signInWithPasskey(),
        providers: session.providers,
        onProvider: (provider) => session.signInWith(provider),
        onToggle: () => session.toggleMode(),
        onCancel: () => session.closeForm(),
      });
    } else if (perms && !session.resuming) {
      account = html`<div class="account">
        <button part="sign-in-button" @click=${() => session.openForm()}>
          ${perms.canComment ? term("signIn") : term("signInToComment")}
        </button>
      </div>`;
    }
    return html`${actions.actionError ? html`<p part="error" class="error" role="alert">${actions.actionError}</p>` : nothing}
      ${account}
      ${perms?.canComment && !session.resuming && !session.form ? this.#renderComposer(actions.main) : nothing}`;
  }
}
