import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { postSummaryValidator } from "../validators";
import { fail } from "./errors";
import { excerptOf } from "./text";

/** Comments deleted per transaction when a post goes; larger threads continue in scheduled batches. */
export const COMMENT_DELETE_BATCH = 200;

export function summaryOf(post: Doc<"posts">): Infer<typeof postSummaryValidator> {
  return {
    _id: post._id,
    slug: post.slug,
    title: post.title,
    excerpt: excerptOf(post.content),
    authorId: post.authorId,
    authorName: post.authorName,
    publishedAt: post.publishedAt,
    commentCount: post.commentCount,
  };
}

/** An organization's published articles, newest first (the feed's order). */
export function publishedArticles(ctx: QueryCtx, organizationId: Id<"organizations">) {
  return ctx.db
    .query("posts")
    .withIndex("by_organizationId_kind_status_publishedAt", (q) =>
      q.eq("organizationId", organizationId).eq("kind", "article").eq("status", "published"),
    )
    .order("desc");
}

export async function organizationBySlug(ctx: QueryCtx, slug: string): Promise<Doc<"organizations"> | null> {
  return await ctx.db
    .query("organizations")
    .withIndex("by_slug", (q) => q.eq("slug", slug))
    .unique();
}

export async function postBySlug(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  slug: string,
): Promise<Doc<"posts"> | null> {
  return await ctx.db
    .query("posts")
    .withIndex("by_organizationId_slug", (q) => q.eq("organizationId", organizationId).eq("slug", slug))
    .unique();
}

/** Throws CONFLICT when another post of the organization already uses `slug`. */
export async function assertSlugFree(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  slug: string,
  exceptPostId?: Id<"posts">,
): Promise<void> {
  const existing = await postBySlug(ctx, organizationId, slug);
  if (existing && existing._id !== exceptPostId) {
    fail("CONFLICT", `The slug "${slug}" is already used by another post.`);
  }
}

/**
 * Deletes up to one batch of the post's comments (with their delivery records), and the post itself
 * once none remain. Returns true when the post is gone.
 */
export async function deletePostBatch(ctx: MutationCtx, postId: Id<"posts">): Promise<boolean> {
  const comments = await ctx.db
    .query("comments")
    .withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q) => q.eq("postId", postId))
    .take(COMMENT_DELETE_BATCH);
  for (const comment of comments) {
    // At most one delivery per reason, so this set is small.
    const deliveries = await ctx.db
      .query("emailDeliveries")
      .withIndex("by_commentId", (q) => q.eq("commentId", comment._id))
      .collect();
    for (const delivery of deliveries) await ctx.db.delete("emailDeliveries", delivery._id);
    await ctx.db.delete("comments", comment._id);
  }
  if (comments.length === COMMENT_DELETE_BATCH) return false;
  if (await ctx.db.get("posts", postId)) await ctx.db.delete("posts", postId);
  return true;
}

/** Hides the post at once, then deletes its comments and the post itself, in batches when large. */
export async function removePost(ctx: MutationCtx, postId: Id<"posts">): Promise<void> {
  await ctx.db.patch("posts", postId, { status: "draft", publishedAt: undefined });
  if (!(await deletePostBatch(ctx, postId))) {
    await ctx.scheduler.runAfter(0, internal.posts.removeBatch, { postId });
  }
}
