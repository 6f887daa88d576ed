/**
 * Where a linked comment (`#comment-<id>`) sits in its thread, for the element to page down to it. The
 * thread pages top-level comments; a reply shows under its top-level comment, so that is what to reach.
 */
import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { findPublishedPost } from "./comments";

/** `comments.permalinkPosition`'s result (typed from the validator, as the elements see it). */
export const permalinkPositionValidator = v.union(v.null(), v.object({ topLevelId: v.id("comments") }));

/** Longer than any document id: not worth a lookup. */
const MAX_ID_LENGTH = 64;

/** A comment readers see: visible and not deleted by its author. */
const shown = (comment: Doc<"comments"> | null): comment is Doc<"comments"> =>
  comment !== null && comment.status === "visible" && comment.deletedAt === undefined;

/**
 * The top-level comment to load for `commentId` in the thread of `postSlug`, or null when readers cannot
 * see it there (unknown id, another post or organization, pending, removed, deleted, or its parent gone).
 * Reads the organization, the post, the comment and, for a reply, its parent.
 */
export async function permalinkTarget(
  ctx: QueryCtx,
  organizationSlug: string,
  postSlug: string,
  commentId: string,
): Promise<Infer<typeof permalinkPositionValidator>> {
  const id = commentId.length <= MAX_ID_LENGTH ? ctx.db.normalizeId("comments", commentId) : null;
  if (!id) return null;
  const post = await findPublishedPost(ctx, organizationSlug, postSlug);
  if (!post) return null;
  const comment = await ctx.db.get("comments", id);
  if (!shown(comment) || comment.postId !== post._id) return null;
  if (comment.parentId === undefined) return { topLevelId: comment._id };
  const parent = await ctx.db.get("comments", comment.parentId);
  // The parent may be a tombstone (deleted with replies kept): its replies still show.
  return parent && parent.status === "visible" ? { topLevelId: parent._id } : null;
}
