import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "./_generated/server";
import { deliveryStatusValidator, emailDeliveryFields } from "./validators";

const reasonValidator = emailDeliveryFields.reason;

const emailValidator = v.object({
  to: v.string(),
  reason: reasonValidator,
  subject: v.string(),
  text: v.string(),
});

/**
 * The emails a new visible comment causes: to the post's author and, for a reply, to the author of
 * the comment it answers, the top-level one or a reply (one email per address). Never to the
 * commenter, to guests or deleted accounts, nor to an address already recorded for this comment (so a
 * rerun sends nothing twice).
 */
export const getEmailContext = internalQuery({
  args: { commentId: v.id("comments") },
  returns: v.array(emailValidator),
  handler: async (ctx, { commentId }) => {
    const comment = await ctx.db.get("comments", commentId);
    if (!comment || comment.status !== "visible") return [];
    const post = await ctx.db.get("posts", comment.postId);
    if (!post) return [];

    const recipients = new Map<string, Doc<"emailDeliveries">["reason"]>();
    const postAuthorEmail = await emailOf(ctx, post.authorId, comment);
    if (postAuthorEmail) recipients.set(postAuthorEmail, "post_author");
    const answeredId = comment.replyToId ?? comment.parentId;
    const parent = answeredId ? await ctx.db.get("comments", answeredId) : null;
    const parentAuthorEmail = parent?.authorId ? await emailOf(ctx, parent.authorId, comment) : null;
    // "Replied to your comment" says more than "new comment on your post".
    if (parentAuthorEmail) recipients.set(parentAuthorEmail, "parent_author");

    for await (const delivery of ctx.db
      .query("emailDeliveries")
      .withIndex("by_commentId", (q) => q.eq("commentId", commentId))) {
      recipients.delete(delivery.to);
    }

    const text = `${comment.authorName} wrote:\n\n${comment.content}\n`;
    return [...recipients].map(([to, reason]) => ({
      to,
      reason,
      subject:
        reason === "parent_author"
          ? `${comment.authorName} replied to your comment on "${post.title}"`
          : `New comment on "${post.title}"`,
      text,
    }));
  },
});

/** The user's email, unless they wrote the comment themselves or have none. */
async function emailOf(ctx: QueryCtx, userId: Doc<"users">["_id"], comment: Doc<"comments">) {
  if (userId === comment.authorId) return null;
  const user = await ctx.db.get("users", userId);
  return user?.email || null;
}

export const recordDelivery = internalMutation({
  args: {
    commentId: v.id("comments"),
    to: v.string(),
    reason: reasonValidator,
    status: deliveryStatusValidator,
    error: v.optional(v.string()),
    providerMessageId: v.optional(v.string()),
  },
  returns: v.id("emailDeliveries"),
  handler: async (ctx, args) => {
    return await ctx.db.insert("emailDeliveries", { ...args, createdAt: Date.now() });
  },
});
