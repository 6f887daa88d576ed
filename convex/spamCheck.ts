/**
 * The optional spam check of new comments by an Akismet-compatible service (`SPAM_CHECK_API_KEY`), run
 * after a comment is published so writers never wait for it. A "spam" verdict sends the comment to the
 * moderation queue; so does no verdict (an error, a timeout): the comment waits, marked, and is never
 * lost. "Ham" leaves it up and sends the e-mails a visible comment causes, held back until then.
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, internalQuery } from "./_generated/server";
import { holdComment } from "./lib/comments";

export const verdictValidator = v.union(v.literal("spam"), v.literal("ham"), v.literal("unavailable"));

/** What the service is asked about a visible comment, or null when there is nothing left to check. */
export const checkRequest = internalQuery({
  args: { commentId: v.id("comments") },
  returns: v.union(
    v.null(),
    v.object({ content: v.string(), authorName: v.string() }),
  ),
  handler: async (ctx, { commentId }) => {
    const comment = await ctx.db.get("comments", commentId);
    if (!comment || comment.status !== "visible" || comment.deletedAt !== undefined) return null;
    // No permalink: the backend does not know where the page that shows a thread lives.
    return { content: comment.content, authorName: comment.authorName };
  },
});

export const applyVerdict = internalMutation({
  args: { commentId: v.id("comments"), verdict: verdictValidator },
  returns: v.null(),
  handler: async (ctx, { commentId, verdict }) => {
    const comment = await ctx.db.get("comments", commentId);
    // Edited back into the queue, removed or deleted meanwhile: what happens next is a moderator's call.
    if (!comment || comment.status !== "visible" || comment.deletedAt !== undefined) return null;
    if (verdict === "ham") {
      await ctx.scheduler.runAfter(0, internal.notificationsNode.sendCommentEmail, { commentId });
      return null;
    }
    await holdComment(ctx, comment, verdict === "spam" ? "spam_check" : "spam_check_unavailable");
    return null;
  },
});
