import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { mutation, type MutationCtx } from "./_generated/server";
import { recordModeration } from "./lib/auditLog";
import { fail } from "./lib/errors";
import { MAX_PINNED, pinnedComments } from "./lib/threadOrder";
import { requireOrgAdmin, requireViewer } from "./lib/viewer";

/** A comment an admin of its organization may pin or unpin (it exists and readers see it), and that admin. */
async function pinnable(ctx: MutationCtx, commentId: Id<"comments">): Promise<{ comment: Doc<"comments">; admin: Doc<"users"> }> {
  await requireViewer(ctx);
  const comment = await ctx.db.get("comments", commentId);
  if (!comment) fail("NOT_FOUND", "This comment does not exist.");
  const admin = await requireOrgAdmin(ctx, comment.organizationId);
  if (comment.status !== "visible" || comment.deletedAt !== undefined) fail("NOT_FOUND", "This comment does not exist.");
  return { comment, admin };
}

/** Pins and unpins are moderation: each change goes into the organization's audit log. */
function recordPin(ctx: MutationCtx, action: "pin" | "unpin", comment: Doc<"comments">, admin: Doc<"users">) {
  return recordModeration(ctx, {
    organizationId: comment.organizationId,
    action,
    actorId: admin._id,
    commentId: comment._id,
    targetName: comment.authorName,
  });
}

/** Pins a top-level comment to the top of its thread, in every order; pinning a pinned one changes nothing. */
export const pin = mutation({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { comment, admin } = await pinnable(ctx, args.commentId);
    if (comment.parentId !== undefined) fail("INVALID_ARGUMENT", "Only a top-level comment can be pinned.");
    if (comment.pinnedAt !== undefined) return null;
    if ((await pinnedComments(ctx, comment.postId)).length >= MAX_PINNED) {
      fail("CONFLICT", `A post has at most ${MAX_PINNED} pinned comments: unpin one first.`);
    }
    await ctx.db.patch("comments", comment._id, { pinnedAt: Date.now() });
    await recordPin(ctx, "pin", comment, admin);
    return null;
  },
});

/** Returns a pinned comment to its place in the thread; unpinning one that is not pinned changes nothing. */
export const unpin = mutation({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { comment, admin } = await pinnable(ctx, args.commentId);
    if (comment.pinnedAt === undefined) return null;
    await ctx.db.patch("comments", comment._id, { pinnedAt: undefined });
    await recordPin(ctx, "unpin", comment, admin);
    return null;
  },
});
