/**
 * Comment model: the public shape, post lookup and thread creation, and every write that changes
 * which comments are visible. `posts.commentCount` counts visible comments (replies included) and
 * changes only through `adjustCommentCount`, called by the writers below.
 */
import { omit } from "convex-helpers";
import type { PaginationOptions } from "convex/server";
import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { backendOnlyCommentFields, type commentValidator } from "../validators";
import { paginateChecked } from "./pagination";
import { pinnedComments, unpinnedInOrder, type ThreadSort } from "./threadOrder";
import { organizationBySlug, postBySlug } from "./posts";
import { LIMITS } from "./limits";
import { alertModerators } from "./queueAlerts";
import type { HeldReason } from "./spam";
import { checkSlug, cleanText } from "./text";

export type PublicComment = Infer<typeof commentValidator>;
export type PublicThread = PublicComment & { replies: PublicComment[] };
type CommentStatus = Doc<"comments">["status"];

/** Replies shown under one top-level comment; replies are one level deep and rarely this many. */
export const MAX_REPLIES = 100;

/** The comment without what only the backend reads; a deleted one says so instead of when. */
export function publicComment(comment: Doc<"comments">): PublicComment {
  const shown = omit(comment, backendOnlyCommentFields);
  return comment.deletedAt === undefined ? shown : { ...shown, deleted: true };
}

/**
 * A reply as functions return it; one that answers another reply names that reply's author while it is
 * visible (`answered`: the reply `replyToId` points at, if found).
 */
export function publicReply(reply: Doc<"comments">, answered: Doc<"comments"> | null | undefined): PublicComment {
  const shown = publicComment(reply);
  return answered?.status === "visible" && answered.authorName ? { ...shown, replyToName: answered.authorName } : shown;
}

/** Visible replies of a top-level comment as functions return them, each answered reply found among them. */
export async function publicReplies(ctx: QueryCtx, parentId: Id<"comments">): Promise<PublicComment[]> {
  const replies = await visibleReplies(ctx, parentId);
  const byId = new Map(replies.map((reply) => [reply._id, reply]));
  return replies.map((reply) => publicReply(reply, reply.replyToId && byId.get(reply.replyToId)));
}

/**
 * One page of a post's thread in `sort` order, each top-level comment with its visible replies; the
 * first page starts with the pinned comments. Its return type is left to inference: the published
 * typings carry it resolved, naming no backend module.
 */
export async function threadPage(ctx: QueryCtx, postId: Id<"posts">, sort: ThreadSort, paginationOpts: PaginationOptions) {
  const result = await paginateChecked(unpinnedInOrder(ctx, postId, sort), paginationOpts);
  const pinned = paginationOpts.cursor === null ? await pinnedComments(ctx, postId) : [];
  const page = await Promise.all(
    [...pinned, ...result.page].map(async (comment) => ({
      ...publicComment(comment),
      replies: await publicReplies(ctx, comment._id),
    })),
  );
  return { ...result, page };
}

/** The status a comment's writer is shown: under a shadow ban, "visible", as if nothing had happened. */
export function statusSeenByWriter(comment: Pick<Doc<"comments">, "status" | "heldReason">): CommentStatus {
  return comment.heldReason === "shadow_ban" && comment.status === "pending" ? "visible" : comment.status;
}

/** The published post `postSlug` of organization `organizationSlug`, or null (unknown or draft). */
export async function findPublishedPost(
  ctx: QueryCtx,
  organizationSlug: string,
  postSlug: string,
): Promise<Doc<"posts"> | null> {
  const organization = await organizationBySlug(ctx, organizationSlug);
  if (!organization) return null;
  const post = await postBySlug(ctx, organization._id, postSlug);
  return post?.status === "published" ? post : null;
}

/** The thread of a static page, created by its first comment: owned by the organization's owner. */
export async function createThread(
  ctx: MutationCtx,
  organization: Doc<"organizations">,
  slug: string,
  title: string | undefined,
): Promise<Doc<"posts">> {
  checkSlug("Post slug", slug);
  const now = Date.now();
  const postId = await ctx.db.insert("posts", {
    kind: "thread",
    status: "published",
    title: title === undefined ? slug : cleanText("Post title", title, LIMITS.titleLength),
    content: "",
    slug,
    authorId: organization.ownerId,
    authorName: organization.name,
    organizationId: organization._id,
    publishedAt: now,
    createdAt: now,
    commentCount: 0,
  });
  return (await ctx.db.get("posts", postId))!;
}

/** Visible replies of a top-level comment, oldest first. */
export async function visibleReplies(ctx: QueryCtx, parentId: Id<"comments">): Promise<Doc<"comments">[]> {
  return await ctx.db
    .query("comments")
    .withIndex("by_parentId_status", (q) => q.eq("parentId", parentId).eq("status", "visible"))
    .take(MAX_REPLIES);
}

/** The only writer of `posts.commentCount`. */
async function adjustCommentCount(ctx: MutationCtx, postId: Id<"posts">, delta: number): Promise<void> {
  if (delta === 0) return;
  const post = await ctx.db.get("posts", postId);
  if (!post) return;
  await ctx.db.patch("posts", postId, { commentCount: Math.max(0, post.commentCount + delta) });
}

/** 1 when the comment counts in `posts.commentCount`: visible and not a tombstone. */
const counted = (comment: Pick<Doc<"comments">, "status" | "deletedAt">) =>
  comment.status === "visible" && comment.deletedAt === undefined ? 1 : 0;

export async function insertComment(
  ctx: MutationCtx,
  fields: Omit<Doc<"comments">, "_id" | "_creationTime">,
): Promise<Id<"comments">> {
  const commentId = await ctx.db.insert("comments", fields);
  await adjustCommentCount(ctx, fields.postId, counted(fields));
  return commentId;
}

/** Sets the status of a comment and, when `withReplies`, of its replies too. */
export async function setCommentStatus(
  ctx: MutationCtx,
  comment: Doc<"comments">,
  status: CommentStatus,
  withReplies = false,
): Promise<void> {
  let delta = counted({ ...comment, status }) - counted(comment);
  // A pin is for a comment readers see: hiding or removing one unpins it for good.
  await ctx.db.patch("comments", comment._id, status === "visible" ? { status } : { status, pinnedAt: undefined });
  if (withReplies) {
    for await (const reply of ctx.db
      .query("comments")
      .withIndex("by_parentId_status", (q) => q.eq("parentId", comment._id))) {
      if (reply.status === status) continue;
      delta += counted({ ...reply, status }) - counted(reply);
      await ctx.db.patch("comments", reply._id, { status });
    }
  }
  await adjustCommentCount(ctx, comment.postId, delta);
}

/** Sends a visible comment back to the moderation queue, recording why, and lets the admins know. */
export async function holdComment(ctx: MutationCtx, comment: Doc<"comments">, reason: HeldReason): Promise<void> {
  await setCommentStatus(ctx, comment, "pending");
  await ctx.db.patch("comments", comment._id, { heldReason: reason });
  await alertModerators(ctx, comment.organizationId);
}

/**
 * The author deletes their comment. Without replies it goes. With replies it becomes a tombstone
 * (no author, no text) so other people's replies stay; a tombstone goes with its last reply.
 */
export async function deleteOwnComment(ctx: MutationCtx, comment: Doc<"comments">): Promise<void> {
  const reply = await ctx.db
    .query("comments")
    .withIndex("by_parentId_status", (q) => q.eq("parentId", comment._id))
    .first();
  if (reply) {
    await ctx.db.patch("comments", comment._id, {
      deletedAt: Date.now(),
      authorId: undefined,
      authorName: "",
      content: "",
      editedAt: undefined,
      clientRequestId: undefined,
      writerKey: undefined,
      pinnedAt: undefined,
    });
    await adjustCommentCount(ctx, comment.postId, -counted(comment));
    return;
  }
  await deleteComment(ctx, comment);
  if (comment.parentId !== undefined) {
    const parent = await ctx.db.get("comments", comment.parentId);
    if (parent?.deletedAt !== undefined) {
      const sibling = await ctx.db
        .query("comments")
        .withIndex("by_parentId_status", (q) => q.eq("parentId", parent._id))
        .first();
      if (!sibling) await deleteComment(ctx, parent);
    }
  }
}

async function deleteComment(ctx: MutationCtx, comment: Doc<"comments">): Promise<void> {
  // At most one delivery per reason, so this set is small.
  const deliveries = await ctx.db
    .query("emailDeliveries")
    .withIndex("by_commentId", (q) => q.eq("commentId", comment._id))
    .collect();
  for (const delivery of deliveries) await ctx.db.delete("emailDeliveries", delivery._id);
  await ctx.db.delete("comments", comment._id);
  await adjustCommentCount(ctx, comment.postId, -counted(comment));
}
