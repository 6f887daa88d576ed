/**
 * Moderation: comments waiting for approval, live, with why they wait, Approve, Remove and Ban author.
 * A queue e-mail's link (`?comment=<id>&action=approve|remove`) lands on its comment with that button
 * focused: the admin still presses it, since mail scanners open links, and a link must not act alone.
 */
import type { FunctionReturnType } from "convex/server";
import { html, nothing, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

type Queued = FunctionReturnType<typeof ownerApi.comments.moderationQueue>["page"][number];

/** Why a comment waits, as the spam rules in Settings name it. */
const HELD_BECAUSE: Record<NonNullable<Queued["heldReason"]>, string> = {
  pre_moderation: "pre-moderation",
  honeypot: "guest honeypot filled",
  too_fast: "guest sent too fast",
  links: "too many links",
  blocked_word: "blocked word",
  new_account: "new account",
  shadow_ban: "shadow ban",
  reported: "reported by readers",
  spam_check: "spam check: spam",
  spam_check_unavailable: "spam check unavailable",
};

/** The comment and action a queue e-mail's link asks for, if the page was opened from one. */
function linkedAction(): { commentId: string; action: "approve" | "remove" } | null {
  const params = new URLSearchParams(location.search);
  const commentId = params.get("comment");
  const action = params.get("action");
  return commentId && (action === "approve" || action === "remove") ? { commentId, action } : null;
}

export function mountModeration(root: HTMLElement, ctx: DashboardContext): Unmount {
  let queue: Queued[] | undefined;
  let linked = linkedAction();

  /** Once the queue has loaded: brings the linked comment into view with its button focused, or says it is gone. */
  function showLinked() {
    if (!linked || queue === undefined) return;
    const item = root.querySelector<HTMLElement>(`[data-comment="${CSS.escape(linked.commentId)}"]`);
    if (item) {
      item.scrollIntoView({ block: "center" });
      item.querySelector<HTMLButtonElement>(`[data-action="${linked.action}"]`)?.focus();
    } else {
      ctx.notify("The comment of that link no longer waits for approval.", "error");
      linked = null;
    }
  }

  const moderate = (comment: Queued, action: "approve" | "remove") => {
    if (linked?.commentId === comment._id) {
      linked = null;
      history.replaceState(null, "", location.pathname + location.hash);
    }
    return attempt(
      ctx,
      () => ctx.client.mutation(ownerApi.comments.moderate, { commentId: comment._id, action }),
      action === "approve" ? `Approved ${comment.authorName}'s comment.` : `Removed ${comment.authorName}'s comment.`,
    );
  };

  const ban = (comment: Queued, shadow: boolean) =>
    attempt(
      ctx,
      () => ctx.client.mutation(ownerApi.bans.ban, { userId: comment.authorId!, shadow }),
      `${shadow ? "Shadow-banned" : "Banned"} ${comment.authorName}.`,
    );

  function update() {
    render(
      queue === undefined
        ? html`<p class="muted">Loading…</p>`
        : queue.length === 0
          ? html`<p class="muted" data-empty>Nothing waits for approval. Turn on pre-moderation below, then comment on a post.</p>`
          : html`<ul class="queue">
              ${queue.map(
                (comment) => html`<li data-comment=${comment._id} class=${linked?.commentId === comment._id ? "linked" : ""}>
                  <p>
                    <strong>${comment.authorName}</strong> on
                    <a href="/post.html?slug=${encodeURIComponent(comment.postSlug)}" target="_blank">${comment.postTitle}</a>
                    <span class="muted">· ${new Date(comment.createdAt).toLocaleString()}</span>
                    <span class="muted" data-held-reason>· ${HELD_BECAUSE[comment.heldReason ?? "pre_moderation"]}</span>
                    ${comment.reportCount ? html`<span class="muted" data-reports>· ${comment.reportCount} report${comment.reportCount === 1 ? "" : "s"}</span>` : nothing}
                  </p>
                  <blockquote>${comment.content}</blockquote>
                  <div class="actions">
                    <button type="button" data-action="approve" @click=${() => moderate(comment, "approve")}>Approve</button>
                    <button type="button" data-action="remove" class="danger" @click=${() => moderate(comment, "remove")}>Remove</button>
                    ${comment.authorId
                      ? html`<button type="button" class="danger" @click=${() => ban(comment, false)}>Ban author</button>
                          <button type="button" class="danger" @click=${() => ban(comment, true)}>Shadow-ban author</button>`
                      : nothing}
                  </div>
                </li>`,
              )}
            </ul>`,
      root,
    );
  }

  update();
  return ctx.client.onUpdate(
    ownerApi.comments.moderationQueue,
    { paginationOpts: { numItems: 50, cursor: null } },
    (page) => {
      const first = queue === undefined;
      queue = page.page;
      update();
      if (first) showLinked();
    },
    (error) => ctx.notify(`Moderation: ${error.message}`, "error"),
  );
}
