/**
 * Optimistic changes to the live thread pages and the header count. Convex applies them at once and
 * drops them in the same step that delivers the server's result, so a comment is replaced exactly once.
 */
import type { OptimisticLocalStore } from "convex/browser";
import type { FunctionArgs } from "convex/server";
import { api, type Comment, type CommentId, type CommentThread } from "../internal/api.js";

export interface ThreadKey {
  organizationSlug: string;
  postSlug: string;
}

/** Rewrites every loaded page of the thread, in every order, with `change`; pages it returns unchanged are left alone. */
function updatePages(
  store: OptimisticLocalStore,
  key: ThreadKey,
  change: (page: CommentThread[], isDone: boolean, args: FunctionArgs<typeof api.comments.list>) => CommentThread[],
) {
  for (const { args, value } of store.getAllQueries(api.comments.list)) {
    if (!value || args.organizationSlug !== key.organizationSlug || args.postSlug !== key.postSlug) continue;
    const page = change(value.page, value.isDone, args);
    if (page !== value.page) store.setQuery(api.comments.list, args, { ...value, page });
  }
}

function adjustCount(store: OptimisticLocalStore, key: ThreadKey, delta: number) {
  const args = { organizationSlug: key.organizationSlug, slug: key.postSlug };
  const post = store.getQuery(api.posts.getBySlug, args);
  if (post) store.setQuery(api.posts.getBySlug, args, { ...post, commentCount: post.commentCount + delta });
}

/**
 * Shows a comment being created: appended to its parent's replies; a top-level one at the end of the
 * last page (oldest first) or after the pins of the first page (newest first). In "top" its place
 * depends on scores a page may not hold, so it shows once the server has placed it.
 */
export function showCreated(store: OptimisticLocalStore, key: ThreadKey, comment: Comment) {
  updatePages(store, key, (page, isDone, args) => {
    if (!comment.parentId) {
      const thread = { ...comment, replies: [] };
      if (args.sort === "newest") {
        if (args.paginationOpts.cursor !== null) return page;
        const pins = page.filter((c) => c.pinnedAt !== undefined).length;
        return [...page.slice(0, pins), thread, ...page.slice(pins)];
      }
      return isDone && args.sort !== "top" ? [...page, thread] : page;
    }
    return page.some((c) => c._id === comment.parentId)
      ? page.map((c) => (c._id === comment.parentId ? { ...c, replies: [...c.replies, comment] } : c))
      : page;
  });
  adjustCount(store, key, 1);
}

/** Shows a comment's new text while the edit is sent. */
export function showEdited(store: OptimisticLocalStore, key: ThreadKey, id: CommentId, content: string) {
  const edit = <C extends Comment>(c: C): C => (c._id === id ? { ...c, content, editedAt: Date.now() } : c);
  updatePages(store, key, (page) =>
    page.some((c) => c._id === id || c.replies.some((r) => r._id === id))
      ? page.map((c) => ({ ...edit(c), replies: c.replies.map(edit) }))
      : page,
  );
}

/** Hides a comment being deleted and, for a top-level one, its replies (as the server does). */
export function showRemoved(store: OptimisticLocalStore, key: ThreadKey, id: CommentId) {
  let removed = 0;
  updatePages(store, key, (page) => {
    const top = page.find((c) => c._id === id);
    if (top) {
      removed = 1 + top.replies.length;
      return page.filter((c) => c !== top);
    }
    if (!page.some((c) => c.replies.some((r) => r._id === id))) return page;
    removed = 1;
    return page.map((c) => ({ ...c, replies: c.replies.filter((r) => r._id !== id) }));
  });
  if (removed) adjustCount(store, key, -removed);
}
