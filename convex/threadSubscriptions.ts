import { v } from "convex/values";
import type { Id } from "./_generated/dataModel";
import { mutation, query, type QueryCtx } from "./_generated/server";
import { fail } from "./lib/errors";
import { requireViewer } from "./lib/viewer";
import { setThreadChoice, threadChoice } from "./notifications";
import { threadChoiceValidator } from "./validators";

const choiceOrDefault = v.union(threadChoiceValidator, v.null());

/** A published post: a reader chooses only for threads they can read. */
async function readablePost(ctx: QueryCtx, postId: Id<"posts">) {
  const post = await ctx.db.get("posts", postId);
  if (!post || post.status !== "published") fail("NOT_FOUND", "This post does not exist.");
  return post;
}

/** The caller's choice for the thread: "follow" (every new comment e-mailed), "mute" (none) or null (the default). */
export const viewerChoice = query({
  args: { postId: v.id("posts") },
  returns: choiceOrDefault,
  handler: async (ctx, { postId }) => {
    const viewer = await requireViewer(ctx);
    await readablePost(ctx, postId);
    return await threadChoice(ctx, viewer._id, postId);
  },
});

/** Follows or mutes the thread for the caller; null returns to the default (replies to them, their posts). */
export const setChoice = mutation({
  args: { postId: v.id("posts"), choice: choiceOrDefault },
  returns: v.null(),
  handler: async (ctx, { postId, choice }) => {
    const viewer = await requireViewer(ctx);
    await readablePost(ctx, postId);
    await setThreadChoice(ctx, viewer._id, postId, choice);
    return null;
  },
});
