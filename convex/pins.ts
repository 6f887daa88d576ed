import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { mutation, type MutationCtx } from "./_generated/server";
import { fail } from "./lib/errors";
import { MAX_PINNED, pinnedComments } from "./lib/threadOrder";
import { requireOrgAdmin, requireViewer } from "./lib/viewer";

/** A comment an admin of its organization may pin or unpin: it exists and readers see it. */
async function pinnable(ctx: MutationCtx, commentId: Id<"comments">): Promise<Doc<"comments">> {
  await requireViewer(ctx);
  const comment = await ctx.db.get("comments", commentId);
  if (!comment) fail("NOT_FOUND", "This comment does not exist.");
  await requireOrgAdmin(ctx, comment.organizationId);
  if (comment.status !== "visible" || comment.deletedAt !== undefined) fail("NOT_FOUND", "This comment does not exist.");
  return comment;
}

/** Pins a top-level comment to the top of its thread, in every order; pinning a pinned one changes nothing. */
export const pin = mutation({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const comment = await pinnable(ctx, args.commentId);
    if (comment.parentId !== undefined) fail("INVALID_ARGUMENT", "Only a top-level comment can be pinned.");
    if (comment.pinnedAt !== undefined) return null;
    if ((await pinnedComments(ctx, comment.postId)).length >= MAX_PINNED) {
      fail("CONFLICT", `A post has at most ${MAX_PINNED} pinned comments: unpin one first.`);
    }
    await ctx.db.patch("comments", comment._id, { pinnedAt: Date.now() });
    return null;
  },
});

/** Returns a pinned comment to its place in the thread; unpinning one that is not pinned changes nothing. */
export const unpin = mutation({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const comment = await pinnable(ctx, args.commentId);
    if (comment.pinnedAt !== undefined) await ctx.db.patch("comments", comment._id, { pinnedAt: undefined });
    return null;
  },
});
