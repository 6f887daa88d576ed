/**
 * The order of a thread's top-level comments: the pinned ones first (in the order they were pinned),
 * then the others oldest first, newest first, or by reactions ("top"). Replies keep their own order
 * (oldest first) under their comment.
 *
 * Paging stays exact while comments and reactions arrive: each order is one index range, and a page is
 * the part of that range between two cursors (the page's start, and the end the server's journal keeps).
 * Pages split the range, so at any moment each comment is in exactly one page, and all pages re-run at
 * the same snapshot: none is shown twice or missed. In "top", a comment whose score changes moves to
 * its new place, which may be in another page; the cursor is an index position, not a comment, so the
 * cursor's own comment gaining reactions does not move the page's end. Ties (equal scores, or the same
 * millisecond) fall to `createdAt`, then to `_creationTime` and `_id`, which never change, so the order
 * is total and repeatable. `createdAt`, not `_creationTime`, so imported comments keep their own dates.
 */
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { LIMITS } from "./limits";

export const threadSortValidator = v.union(v.literal("oldest"), v.literal("newest"), v.literal("top"));
export type ThreadSort = Infer<typeof threadSortValidator>;

/** Most pinned comments a post has at once: a few answers, not a second thread. */
export const MAX_PINNED = LIMITS.pinnedPerPost;

/**
 * The post's pinned top-level comments, first pinned first. Only visible comments stay pinned (hiding or
 * removing one unpins it), so this range is the count `pins.pin` checks too.
 */
export async function pinnedComments(ctx: QueryCtx, postId: Id<"posts">): Promise<Doc<"comments">[]> {
  return await ctx.db
    .query("comments")
    .withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q) =>
      q.eq("postId", postId).eq("parentId", undefined).eq("status", "visible").gt("pinnedAt", 0),
    )
    .take(MAX_PINNED);
}

/**
 * The post's visible, unpinned top-level comments in `sort` order, ready to paginate. "top": most
 * reactions first; a comment never reacted to (no `reactionScore`) counts 0 and ranks just after those
 * whose score is 0; equal scores, newest first.
 */
export function unpinnedInOrder(ctx: QueryCtx, postId: Id<"posts">, sort: ThreadSort) {
  if (sort === "top") {
    return ctx.db
      .query("comments")
      .withIndex("by_postId_parentId_status_pinnedAt_reactionScore_createdAt", (q) =>
        q.eq("postId", postId).eq("parentId", undefined).eq("status", "visible").eq("pinnedAt", undefined),
      )
      .order("desc");
  }
  return ctx.db
    .query("comments")
    .withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q) =>
      q.eq("postId", postId).eq("parentId", undefined).eq("status", "visible").eq("pinnedAt", undefined),
    )
    .order(sort === "newest" ? "desc" : "asc");
}
