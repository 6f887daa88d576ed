/**
 * Reports: a signed-in reader flags someone else's visible comment, once, with a reason. The Kth report
 * (`hideAfterReports`) hides it until a moderator looks; after a moderator approves it, more reports
 * do not hide it again. Only counts reach the moderation queue: reporters stay unknown to other readers.
 */
import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { recordModeration } from "./lib/auditLog";
import { holdComment } from "./lib/comments";
import { fail } from "./lib/errors";
import { LIMITS } from "./lib/limits";
import { consumeRateLimit } from "./lib/rateLimits";
import { cleanText } from "./lib/text";
import { ensureViewer } from "./lib/viewer";
import { reportReasonValidator } from "./validators";

export const create = mutation({
  args: { commentId: v.id("comments"), reason: reportReasonValidator, text: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    const reporter = await ensureViewer(ctx);
    const text = args.text === undefined ? undefined : cleanText("Report", args.text, LIMITS.reportTextLength);
    const comment = await ctx.db.get("comments", args.commentId);
    if (!comment || comment.status !== "visible" || comment.deletedAt !== undefined) {
      fail("NOT_FOUND", "This comment does not exist.");
    }
    if (comment.authorId === reporter._id) fail("CONFLICT", "You cannot report your own comment.");
    const earlier = await ctx.db
      .query("reports")
      .withIndex("by_commentId_reporterId", (q) => q.eq("commentId", comment._id).eq("reporterId", reporter._id))
      .first();
    if (earlier) fail("CONFLICT", "You have already reported this comment.");
    await consumeRateLimit(ctx, "reportByUser", reporter._id, "reports");

    await ctx.db.insert("reports", {
      organizationId: comment.organizationId,
      commentId: comment._id,
      reporterId: reporter._id,
      reason: args.reason,
      ...(text !== undefined ? { text } : {}),
      createdAt: Date.now(),
    });
    const reportCount = (comment.reportCount ?? 0) + 1;
    await ctx.db.patch("comments", comment._id, { reportCount });
    const organization = await ctx.db.get("organizations", comment.organizationId);
    // Exactly the Kth: a comment a moderator approved after it was hidden stays up.
    if (reportCount === organization?.settings.hideAfterReports) {
      await holdComment(ctx, comment, "reported");
      await recordModeration(ctx, {
        organizationId: comment.organizationId,
        action: "report_hide",
        commentId: comment._id,
        targetName: comment.authorName,
        detail: `${reportCount} reports`,
      });
    }
    return null;
  },
});
