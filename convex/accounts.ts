import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, mutation } from "./_generated/server";
import { fail } from "./lib/errors";
import { requireViewer } from "./lib/viewer";

/** Comments anonymized per transaction; well inside Convex's per-mutation write limits. */
export const ANONYMIZE_BATCH_SIZE = 100;
export const DELETED_AUTHOR_NAME = "Deleted user";

/**
 * Deletes the caller's account: their comments stay, anonymized, and the `users` row goes last.
 * An organization's owner must hand it over (or delete it) first, so no organization loses its owner.
 */
export const deleteAccount = mutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const viewer = await requireViewer(ctx);
    const owned = await ctx.db
      .query("organizations")
      .withIndex("by_ownerId", (q) => q.eq("ownerId", viewer._id))
      .first();
    if (owned) fail("CONFLICT", "Transfer or delete your organization before deleting your account.");
    await ctx.scheduler.runAfter(0, internal.accounts.anonymizeCommentsBatch, { userId: viewer._id });
    return null;
  },
});

/** Anonymizes one batch of the user's comments, then schedules the next or deletes the user. */
export const anonymizeCommentsBatch = internalMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    let anonymized = 0;
    for await (const comment of ctx.db
      .query("comments")
      .withIndex("by_authorId", (q) => q.eq("authorId", userId))) {
      // The request id goes too: without an author it would join the guests' idempotency keys.
      await ctx.db.patch(comment._id, {
        authorId: undefined,
        authorName: DELETED_AUTHOR_NAME,
        clientRequestId: undefined,
      });
      anonymized += 1;
      if (anonymized === ANONYMIZE_BATCH_SIZE) {
        await ctx.scheduler.runAfter(0, internal.accounts.anonymizeCommentsBatch, { userId });
        return null;
      }
    }
    if (await ctx.db.get(userId)) await ctx.db.delete(userId);
    return null;
  },
});
