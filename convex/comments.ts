import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { mutation, query, type MutationCtx } from "./_generated/server";
import {
  createThread,
  deleteOwnComment,
  findPublishedPost,
  holdComment,
  statusSeenByWriter,
  insertComment,
  publicComment,
  publicReply,
  setCommentStatus,
  threadPage,
} from "./lib/comments";
import { activeBan, banMessage } from "./lib/bans";
import { recordModeration } from "./lib/auditLog";
import { config } from "./lib/config";
import { alertModerators } from "./lib/queueAlerts";
import { fail } from "./lib/errors";
import { checkPagination, paginateChecked } from "./lib/pagination";
import { permalinkPositionValidator, permalinkTarget } from "./lib/permalinks";
import { organizationBySlug, postBySlug } from "./lib/posts";
import { consumeRateLimit } from "./lib/rateLimits";
import { LIMITS } from "./lib/limits";
import { contentHeldReason, heldReasonOf } from "./lib/spam";
import { checkSlug, cleanText, GUEST_KEY } from "./lib/text";
import { threadSortValidator } from "./lib/threadOrder";
import { ensureViewer, getViewer, requireOrgAdmin, requireViewer } from "./lib/viewer";
import {
  commentStatusValidator,
  commentThreadValidator,
  commentValidator,
  heldReasonValidator,
  viewerCommentPermissionsValidator,
} from "./validators";

/** Most post ids one `countsForPosts` call accepts (one page of a feed). */
const MAX_COUNT_POSTS = 100;
/** Most pending comments `viewerPending` returns; more means the reader should wait for a moderator. */
const MAX_VIEWER_PENDING = 50;

const emptyPage = { page: [], isDone: true, continueCursor: "" };

/**
 * The thread page. Reads no identity, so every reader of a post shares one cached execution per order.
 * The first page starts with the pinned comments; the pages after it hold only unpinned ones.
 */
export const list = query({
  args: {
    organizationSlug: v.string(),
    postSlug: v.string(),
    /** Default "oldest". */
    sort: v.optional(threadSortValidator),
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(commentThreadValidator),
  handler: async (ctx, args) => {
    checkPagination(args.paginationOpts);
    const post = await findPublishedPost(ctx, args.organizationSlug, args.postSlug);
    // A static page's thread exists only after its first comment: until then there is nothing to show.
    if (!post) return emptyPage;
    return await threadPage(ctx, post._id, args.sort ?? "oldest", args.paginationOpts);
  },
});

/**
 * What `<post-comments>` loads to show a linked comment (`#comment-<id>`): the top-level comment to page
 * down to (the comment itself, or a reply's parent). Null when readers cannot see it in this thread:
 * unknown, pending, removed, deleted or elsewhere. Reads no identity, like the thread page, and at most
 * four documents.
 */
export const permalinkPosition = query({
  args: { organizationSlug: v.string(), postSlug: v.string(), commentId: v.string() },
  returns: permalinkPositionValidator,
  handler: async (ctx, args) => await permalinkTarget(ctx, args.organizationSlug, args.postSlug, args.commentId),
});

/**
 * The caller's own comments on a post that readers do not see: those waiting for moderation, and those
 * written under a shadow ban (shown to their writer as visible). The thread page stays the same for all.
 */
export const viewerPending = query({
  args: { organizationSlug: v.string(), postSlug: v.string() },
  returns: v.array(commentValidator),
  handler: async (ctx, args) => {
    const viewer = await getViewer(ctx);
    if (!viewer) return [];
    const post = await findPublishedPost(ctx, args.organizationSlug, args.postSlug);
    if (!post) return [];
    const pending = await ctx.db
      .query("comments")
      .withIndex("by_postId_status_authorId", (q) =>
        q.eq("postId", post._id).eq("status", "pending").eq("authorId", viewer._id),
      )
      .take(MAX_VIEWER_PENDING);
    return await Promise.all(
      pending.map(async (comment) => ({
        ...publicReply(comment, comment.replyToId && (await ctx.db.get("comments", comment.replyToId))),
        status: statusSeenByWriter(comment),
      })),
    );
  },
});

export const viewerPermissions = query({
  args: { organizationSlug: v.string() },
  returns: viewerCommentPermissionsValidator,
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    const viewer = identity ? await getViewer(ctx) : null;
    const organization = await organizationBySlug(ctx, args.organizationSlug);
    const signedIn = identity !== null;
    return {
      signedIn,
      canComment: organization !== null && (signedIn || organization.settings.allowGuestComments),
      canModerate:
        organization !== null && viewer?.role === "admin" && viewer.organizationId === organization._id,
      ...(viewer ? { userId: viewer._id } : {}),
    };
  },
});

/** Pending comments of the admin's organization, oldest first, with the post they belong to and why they wait. */
export const moderationQueue = query({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(
    v.object({
      ...commentValidator.fields,
      postSlug: v.string(),
      postTitle: v.string(),
      heldReason: v.optional(heldReasonValidator),
      reportCount: v.optional(v.number()),
    }),
  ),
  handler: async (ctx, args) => {
    const admin = await requireOrgAdmin(ctx);
    const result = await paginateChecked(
      ctx.db
        .query("comments")
        .withIndex("by_organizationId_status", (q) =>
          q.eq("organizationId", admin.organizationId).eq("status", "pending"),
        ),
      args.paginationOpts,
    );
    const page = await Promise.all(
      result.page.map(async (comment) => {
        const post = await ctx.db.get("posts", comment.postId);
        return {
          ...publicComment(comment),
          postSlug: post?.slug ?? "",
          postTitle: post?.title ?? "",
          ...(comment.heldReason ? { heldReason: comment.heldReason } : {}),
          ...(comment.reportCount ? { reportCount: comment.reportCount } : {}),
        };
      }),
    );
    return { ...result, page };
  },
});

/**
 * Comment counts for a feed page, read from the posts alone. One entry per requested id, in order;
 * a missing or unpublished post counts 0, so a list can render every row without a second lookup.
 */
export const countsForPosts = query({
  args: { postIds: v.array(v.id("posts")) },
  returns: v.array(v.object({ postId: v.id("posts"), commentCount: v.number() })),
  handler: async (ctx, args) => {
    if (args.postIds.length > MAX_COUNT_POSTS) {
      fail("INVALID_ARGUMENT", `Ask for at most ${MAX_COUNT_POSTS} posts at a time.`);
    }
    return await Promise.all(
      args.postIds.map(async (postId) => {
        const post = await ctx.db.get("posts", postId);
        return { postId, commentCount: post?.status === "published" ? post.commentCount : 0 };
      }),
    );
  },
});

/**
 * One post's comment count by slug, for pages that know only the slug (`<post-comment-count>`). Reads no
 * identity, so every reader of the post shares one cached execution; 0 until the thread exists.
 */
export const countForPost = query({
  args: { organizationSlug: v.string(), postSlug: v.string() },
  returns: v.number(),
  handler: async (ctx, args) =>
    (await findPublishedPost(ctx, args.organizationSlug, args.postSlug))?.commentCount ?? 0,
});

export const create = mutation({
  args: {
    organizationSlug: v.string(),
    postSlug: v.string(),
    postTitle: v.optional(v.string()),
    content: v.string(),
    parentId: v.optional(v.id("comments")),
    clientRequestId: v.string(),
    guestName: v.optional(v.string()),
    /** A guest's per-browser writer key (the element keeps one in localStorage); scopes `clientRequestId`. */
    guestKey: v.optional(v.string()),
    /** A guest form's hidden field, which people leave empty (a bot check). */
    honeypot: v.optional(v.string()),
    /** How long a guest's form was open before sending, in ms, measured in the browser (no clock skew). */
    formOpenMs: v.optional(v.number()),
  },
  returns: v.object({ commentId: v.id("comments"), status: commentStatusValidator }),
  handler: async (ctx, args) => {
    const content = cleanText("Comment", args.content, LIMITS.commentLength);
    const clientRequestId = cleanText("Request id", args.clientRequestId, LIMITS.clientRequestIdLength);
    checkSlug("Post slug", args.postSlug);
    if (args.postTitle !== undefined) cleanText("Post title", args.postTitle, LIMITS.titleLength);
    const organization = await organizationBySlug(ctx, args.organizationSlug);
    if (!organization) fail("NOT_FOUND", "This site is not registered.");

    const author = await commentAuthor(ctx, organization, args.guestName, args.guestKey);

    // A retried request (lost response, double click) returns the first result and writes nothing.
    // Retries match within one writer only: the same id from another writer is another comment.
    if (author.writerKey !== undefined) {
      const existing = await ctx.db
        .query("comments")
        .withIndex("by_writerKey_clientRequestId", (q) =>
          q.eq("writerKey", author.writerKey).eq("clientRequestId", clientRequestId),
        )
        .first();
      if (existing) {
        if (existing.organizationId !== organization._id) {
          fail("CONFLICT", "This request id was already used for another comment.");
        }
        return { commentId: existing._id, status: statusSeenByWriter(existing) };
      }
    }

    // Refused before anything is written, rate-limit tokens included.
    const ban = await activeBan(ctx, organization._id, author);
    if (ban && !ban.shadow) fail("FORBIDDEN", banMessage(organization, ban));

    const post = await postBySlug(ctx, organization._id, args.postSlug);
    if (post && post.status !== "published") fail("NOT_FOUND", "This post does not exist.");
    if (!post) await checkThreadCreation(ctx, organization, author);
    const thread = args.parentId === undefined ? undefined : await replyPlace(ctx, args.parentId, post?._id);

    if (author.authorId) await consumeRateLimit(ctx, "commentByUser", author.authorId);
    else await consumeRateLimit(ctx, "guestCommentByOrganization", organization._id);

    const postId = post?._id ?? (await createThread(ctx, organization, args.postSlug, args.postTitle))._id;
    const heldReason = ban ? "shadow_ban" : await heldReasonOf(ctx, organization, author, content, args);
    const status: Doc<"comments">["status"] = heldReason ? "pending" : "visible";
    const commentId = await insertComment(ctx, {
      postId,
      organizationId: organization._id,
      authorId: author.authorId,
      authorName: author.authorName,
      content,
      createdAt: Date.now(),
      parentId: thread?.parentId,
      ...(thread?.replyToId ? { replyToId: thread.replyToId } : {}),
      status,
      clientRequestId,
      ...(author.writerKey !== undefined ? { writerKey: author.writerKey } : {}),
      ...(heldReason ? { heldReason } : {}),
    });
    // Pending comments notify when approved, so nobody is told about a comment readers cannot see; with
    // a spam check, a comment notifies once found ham.
    if (status === "visible") {
      if (config.spamCheckApiKey()) {
        await ctx.scheduler.runAfter(0, internal.spamCheckNode.checkComment, { commentId });
      } else {
        await ctx.scheduler.runAfter(0, internal.notificationsNode.sendCommentEmail, { commentId });
      }
    } else if (heldReason !== "shadow_ban") {
      await alertModerators(ctx, organization._id);
    }
    return { commentId, status: statusSeenByWriter({ status, heldReason: heldReason ?? undefined }) };
  },
});

/**
 * A first comment on an unknown slug creates its thread only where the organization allows it, by its
 * members (or, with `autoCreateThreadsBy: "signedIn"`, by any signed-in account), within rate limits.
 */
async function checkThreadCreation(
  ctx: MutationCtx,
  organization: Doc<"organizations">,
  author: { authorId?: Id<"users">; isMember: boolean },
): Promise<void> {
  const { autoCreateThreads, autoCreateThreadsBy = "members" } = organization.settings;
  if (!autoCreateThreads) fail("NOT_FOUND", "This post does not exist.");
  const allowed = author.isMember || (autoCreateThreadsBy === "signedIn" && author.authorId !== undefined);
  if (!allowed) fail("NOT_FOUND", "This post does not exist yet: only the site's members can start it.");
  await consumeRateLimit(ctx, "threadByUser", author.authorId!, "new threads");
  await consumeRateLimit(ctx, "threadByOrganization", organization._id, "new threads");
}

/** The signed-in caller, or a named guest where the organization allows guests. */
async function commentAuthor(
  ctx: MutationCtx,
  organization: Doc<"organizations">,
  guestName: string | undefined,
  guestKey: string | undefined,
): Promise<{ authorId?: Id<"users">; authorName: string; isAdmin: boolean; isMember: boolean; writerKey?: string }> {
  if (await ctx.auth.getUserIdentity()) {
    const viewer = await ensureViewer(ctx);
    const isMember = viewer.organizationId === organization._id;
    const isAdmin = viewer.role === "admin" && isMember;
    return { authorId: viewer._id, authorName: viewer.name, isAdmin, isMember, writerKey: `user:${viewer._id}` };
  }
  if (!organization.settings.allowGuestComments) fail("UNAUTHENTICATED", "Sign in to comment.");
  if (guestName === undefined) fail("INVALID_ARGUMENT", "Give a name to comment as a guest.");
  const authorName = cleanText("Name", guestName, LIMITS.nameLength);
  if (guestKey !== undefined && !GUEST_KEY.test(guestKey)) {
    fail("INVALID_ARGUMENT", "The guest key must be 16 to 64 letters, digits, '-' or '_'.");
  }
  // Without a key a guest's request cannot be matched to an earlier one: it is always a new comment.
  return {
    authorName,
    isAdmin: false,
    isMember: false,
    ...(guestKey !== undefined ? { writerKey: `guest:${guestKey}` } : {}),
  };
}

/**
 * Where a reply to `answeredId` goes. Replies answer a visible comment of the same post and stay one level
 * deep: a reply to a reply joins its top-level comment (which may be a tombstone) and records the reply
 * it answers.
 */
async function replyPlace(
  ctx: MutationCtx,
  answeredId: Id<"comments">,
  postId: Id<"posts"> | undefined,
): Promise<{ parentId: Id<"comments">; replyToId?: Id<"comments"> }> {
  const answered = await ctx.db.get("comments", answeredId);
  if (!answered || answered.postId !== postId || answered.status !== "visible" || answered.deletedAt !== undefined) {
    fail("NOT_FOUND", "The comment you are replying to does not exist.");
  }
  if (answered.parentId === undefined) return { parentId: answered._id };
  const parent = await ctx.db.get("comments", answered.parentId);
  if (parent?.status !== "visible") fail("NOT_FOUND", "The comment you are replying to does not exist.");
  return { parentId: parent._id, replyToId: answered._id };
}

/** The caller's own comment, which must exist and not have been removed by a moderator. */
async function ownComment(
  ctx: MutationCtx,
  commentId: Id<"comments">,
): Promise<Doc<"comments">> {
  const viewer = await requireViewer(ctx);
  const comment = await ctx.db.get("comments", commentId);
  if (!comment || comment.status === "removed" || comment.deletedAt !== undefined) {
    fail("NOT_FOUND", "This comment does not exist.");
  }
  if (comment.authorId !== viewer._id) fail("FORBIDDEN", "Only the author can change this comment.");
  return comment;
}

export const edit = mutation({
  args: { commentId: v.id("comments"), content: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const content = cleanText("Comment", args.content, LIMITS.commentLength);
    const comment = await ownComment(ctx, args.commentId);
    await ctx.db.patch("comments", comment._id, { content, editedAt: Date.now() });
    // An edit is new text: where it breaks a spam rule, or the organization pre-moderates, the comment
    // waits for approval again (hidden from readers meanwhile), unless an admin of the organization wrote it.
    const organization = await ctx.db.get("organizations", comment.organizationId);
    const viewer = (await getViewer(ctx))!;
    const isAdmin = viewer.role === "admin" && viewer.organizationId === comment.organizationId;
    if (organization && !isAdmin && comment.status === "visible") {
      const reason =
        contentHeldReason(organization.settings, content) ??
        (organization.settings.preModeration ? "pre_moderation" : null);
      if (reason) await holdComment(ctx, comment, reason);
    }
    return null;
  },
});

/** Deletes the caller's comment; one with replies stays as a tombstone so the replies keep their place. */
export const remove = mutation({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const comment = await ownComment(ctx, args.commentId);
    await deleteOwnComment(ctx, comment);
    return null;
  },
});

/**
 * Approves a pending comment, or removes a comment. Removing keeps the rows with status "removed"
 * (the record of what was moderated) and removes the replies too: a reply without its parent
 * has lost its context.
 */
export const moderate = mutation({
  args: { commentId: v.id("comments"), action: v.union(v.literal("approve"), v.literal("remove")) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await requireViewer(ctx);
    const comment = await ctx.db.get("comments", args.commentId);
    if (!comment) fail("NOT_FOUND", "This comment does not exist.");
    const admin = await requireOrgAdmin(ctx, comment.organizationId);
    if (args.action === "approve" && comment.status === "removed") {
      fail("CONFLICT", "A removed comment cannot be approved.");
    }
    if (args.action === "remove") await setCommentStatus(ctx, comment, "removed", true);
    if (args.action === "approve" && comment.status === "pending") {
      await setCommentStatus(ctx, comment, "visible");
      await ctx.scheduler.runAfter(0, internal.notificationsNode.sendCommentEmail, { commentId: comment._id });
    }
    await recordModeration(ctx, {
      organizationId: comment.organizationId,
      action: args.action,
      actorId: admin._id,
      commentId: comment._id,
      targetName: comment.authorName,
    });
    return null;
  },
});
