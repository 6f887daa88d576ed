import { v } from "convex/values";
import { components, internal } from "./_generated/api";
import { PASSKEY_MODEL } from "./auth";
import { internalMutation, mutation, type MutationCtx } from "./_generated/server";
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
    // The account ends now: the Better Auth user, its sessions (so every token stops working) and its
    // sign-in methods go, and our row stops resolving as a viewer while its comments are anonymized.
    await deleteAuthUser(ctx, viewer.authId);
    await ctx.db.patch("users", viewer._id, { deletedAt: Date.now(), email: "", name: DELETED_AUTHOR_NAME, organizationId: undefined });
    await scrubDeliveries(ctx, viewer.email);
    await ctx.scheduler.runAfter(0, internal.accounts.anonymizeCommentsBatch, { userId: viewer._id });
    return null;
  },
});

/** Deletes the Better Auth user with its sessions, accounts and passkeys (sign-in methods). */
async function deleteAuthUser(ctx: MutationCtx, authId: string): Promise<void> {
  for (const model of ["session", "account", PASSKEY_MODEL] as const) {
    let cursor: string | null = null;
    do {
      const result: { isDone: boolean; continueCursor: string } = await ctx.runMutation(
        components.betterAuth.adapter.deleteMany,
        { input: { model, where: [{ field: "userId", value: authId }] }, paginationOpts: { numItems: 100, cursor } },
      );
      cursor = result.isDone ? null : result.continueCursor;
    } while (cursor !== null);
  }
  await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
    input: { model: "user", where: [{ field: "_id", value: authId }] },
  });
}

/** Delivery records keep no address of a deleted account. */
async function scrubDeliveries(ctx: MutationCtx, email: string): Promise<void> {
  if (!email) return;
  for await (const delivery of ctx.db.query("emailDeliveries").withIndex("by_to", (q) => q.eq("to", email))) {
    await ctx.db.patch("emailDeliveries", delivery._id, { to: "" });
  }
}

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
      await ctx.db.patch("comments", comment._id, {
        authorId: undefined,
        authorName: DELETED_AUTHOR_NAME,
        clientRequestId: undefined,
        writerKey: undefined,
      });
      anonymized += 1;
      if (anonymized === ANONYMIZE_BATCH_SIZE) {
        await ctx.scheduler.runAfter(0, internal.accounts.anonymizeCommentsBatch, { userId });
        return null;
      }
    }
    if (await ctx.db.get("users", userId)) await ctx.db.delete("users", userId);
    return null;
  },
});
