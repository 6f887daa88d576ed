/** One comment (or a tombstone) with its replies, as `<post-comments>` shows it. */
import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Comment, CommentThread } from "../internal/api.js";
import type { LocalizeController } from "../internal/localize.js";
import { formatRelative } from "../internal/relative-time.js";
import { renderMarkdown } from "../markdown/markdown.js";
import { isOptimistic } from "./optimistic-id.js";

/** What the writing parts add to a comment once they have loaded. */
export interface CommentTools {
  /** Replaces the text (the edit form). */
  body?: TemplateResult;
  actions: TemplateResult | typeof nothing;
  reply: TemplateResult | typeof nothing;
}

export interface CommentViewContext {
  localize: LocalizeController;
  /** The connection is up (a comment being sent says so when it is not). */
  online: boolean;
  /** The writing parts' one hook per comment, once loaded. */
  tools?: (comment: Comment) => CommentTools;
  /** Copies the link to a comment (its Copy link button). */
  copyLink: (id: string) => void;
  /** The comment whose link was just copied. */
  copied?: string;
  /** The reaction bar of a comment (its counts, or toggles for readers who may react). */
  reactions: (targetId: string) => TemplateResult | typeof nothing;
}

/** Moves focus (and the view) to the comment a reply answers; ids in a shadow root are out of reach of the URL's hash. */
function showAnswered(event: Event) {
  const link = event.currentTarget as HTMLAnchorElement;
  const id = link.hash.slice("#comment-".length);
  const answered = (link.getRootNode() as ShadowRoot).querySelector<HTMLElement>(`[data-id="${id}"] > article`);
  event.preventDefault();
  if (!answered) return;
  answered.tabIndex = -1;
  answered.focus();
}

/** `thread`: the comment is top-level, with these replies (and the reader's own pending ones). */
export function renderComment(
  view: CommentViewContext,
  c: Comment,
  thread?: CommentThread,
  pendingReplies: Comment[] = [],
): TemplateResult {
  const { localize } = view;
  const term: LocalizeController["term"] = (key, ...args) => localize.term(key, ...args);
  const replies = thread ? [...thread.replies, ...pendingReplies] : [];
  const repliesList = replies.length
    ? html`<ol part="replies" class="replies">
        ${repeat(replies, (r) => r._id, (r) => renderComment(view, r))}
      </ol>`
    : nothing;
  if (c.deleted) {
    // A tombstone: the author deleted it; no author, no text, the replies stay in place.
    return html`<li part="comment" class="comment comment--deleted" data-id=${c._id}>
      <p part="comment-body" class="comment__body comment__deleted">${term("commentDeleted")}</p>
      ${repliesList}
    </li>`;
  }
  const sending = isOptimistic(c);
  const tools = view.tools?.(c);
  // `id`: what `#comment-<id>` names (the element follows the hash: fragments do not reach into shadow roots).
  return html`<li part="comment" class="comment" aria-busy=${sending ? "true" : nothing} data-id=${c._id} id="comment-${c._id}">
    <article aria-label=${term("commentBy", c.authorName)}>
      <div class="comment__meta">
        <span part="comment-author" class="comment__author">${c.authorName}</span>
        ${c.replyToId && c.replyToName
          ? html`<a part="reply-to" class="comment__reply-to" href="#comment-${c.replyToId}" @click=${showAnswered}
              ><span aria-hidden="true">↪</span><span class="visually-hidden">${term("inReplyTo")}</span> ${c.replyToName}</a
            >`
          : nothing}
        <time
          part="comment-date"
          datetime=${new Date(c.createdAt).toISOString()}
          title=${localize.date(c.createdAt, { dateStyle: "full", timeStyle: "short" })}
          >${formatRelative(c.createdAt, localize.lang)}</time
        >
        ${c.editedAt ? html`<span class="comment__edited">(${term("edited")})</span>` : nothing}
        ${c.pinnedAt !== undefined ? html`<span part="pinned-badge" class="badge">${term("pinned")}</span>` : nothing}
        ${c.status === "pending" ? html`<span part="pending-badge" class="badge">${term("awaitingApproval")}</span>` : nothing}
        ${sending ? html`<span>${term(view.online ? "sending" : "waitingForConnection")}</span>` : nothing}
        ${c.status === "visible" && !sending
          ? html`<button part="permalink-button" class="comment__permalink" @click=${() => view.copyLink(c._id)}>
              ${term(view.copied === c._id ? "linkCopied" : "copyLink")}
            </button>`
          : nothing}
      </div>
      ${tools?.body ?? html`<div part="comment-body" class="comment__body">${renderMarkdown(c.content)}</div>`}
      ${sending || c.status !== "visible" ? nothing : view.reactions(c._id)} ${tools?.actions ?? nothing}
    </article>
    ${repliesList} ${tools?.reply ?? nothing}
  </li>`;
}
