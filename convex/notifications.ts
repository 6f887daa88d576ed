import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx, type QueryCtx } from "./_generated/server";
import { config } from "./lib/config";
import { deliveryStatusValidator, emailDeliveryFields } from "./validators";

/** Comments one queue e-mail lists; the rest are counted. */
const QUEUE_EMAIL_COMMENTS = 10;
/** Characters of each comment the queue e-mail quotes. */
const QUEUE_EMAIL_EXCERPT = 200;

const reasonValidator = emailDeliveryFields.reason;

const emailValidator = v.object({
  to: v.string(),
  /** Whom it is for, and the thread: what its unsubscribe links stop. */
  userId: v.id("users"),
  postId: v.id("posts"),
  reason: reasonValidator,
  subject: v.string(),
  text: v.string(),
});

/**
 * The emails a new visible comment causes: to the post's author, to the readers who follow the thread
 * and, for a reply, to the author of the comment it answers, the top-level one or a reply (one email per
 * address). Never to the commenter, to guests or deleted accounts, to readers who turned comment e-mails
 * off or muted the thread, nor to an address already recorded for this comment (so a rerun sends
 * nothing twice).
 */
export const getEmailContext = internalQuery({
  args: { commentId: v.id("comments") },
  returns: v.array(emailValidator),
  handler: async (ctx, { commentId }) => {
    const comment = await ctx.db.get("comments", commentId);
    if (!comment || comment.status !== "visible") return [];
    const post = await ctx.db.get("posts", comment.postId);
    if (!post) return [];

    const recipients = new Map<string, { userId: Id<"users">; reason: Doc<"emailDeliveries">["reason"] }>();
    const add = async (userId: Id<"users">, reason: Doc<"emailDeliveries">["reason"]) => {
      const email = await emailOf(ctx, userId, comment);
      if (email) recipients.set(email, { userId, reason });
    };
    for await (const follower of ctx.db
      .query("threadSubscriptions")
      .withIndex("by_postId_choice", (q) => q.eq("postId", post._id).eq("choice", "follow"))) {
      await add(follower.userId, "follower");
    }
    await add(post.authorId, "post_author");
    const answeredId = comment.replyToId ?? comment.parentId;
    const parent = answeredId ? await ctx.db.get("comments", answeredId) : null;
    // "Replied to your comment" says more than "new comment on your post".
    if (parent?.authorId) await add(parent.authorId, "parent_author");

    for await (const delivery of ctx.db
      .query("emailDeliveries")
      .withIndex("by_commentId", (q) => q.eq("commentId", commentId))) {
      recipients.delete(delivery.to);
    }

    const text = `${comment.authorName} wrote:\n\n${comment.content}\n`;
    const subjects = {
      parent_author: `${comment.authorName} replied to your comment on "${post.title}"`,
      post_author: `New comment on "${post.title}"`,
      follower: `New comment on "${post.title}", a thread you follow`,
    };
    return [...recipients].map(([to, { userId, reason }]) => ({
      to,
      userId,
      postId: post._id,
      reason,
      subject: subjects[reason],
      text,
    }));
  },
});

/** The user's email, unless they wrote the comment themselves, have none, or do not want this one. */
async function emailOf(ctx: QueryCtx, userId: Id<"users">, comment: Doc<"comments">) {
  if (userId === comment.authorId) return null;
  const user = await ctx.db.get("users", userId);
  if (!user?.email || user.deletedAt !== undefined || user.commentEmails === false) return null;
  return (await threadChoice(ctx, userId, comment.postId)) === "mute" ? null : user.email;
}

export async function threadChoice(ctx: QueryCtx, userId: Id<"users">, postId: Id<"posts">) {
  const row = await ctx.db
    .query("threadSubscriptions")
    .withIndex("by_userId_postId", (q) => q.eq("userId", userId).eq("postId", postId))
    .unique();
  return row?.choice ?? null;
}

/** Sets (or, with null, clears) the reader's choice for one thread. */
export async function setThreadChoice(
  ctx: MutationCtx,
  userId: Id<"users">,
  postId: Id<"posts">,
  choice: Doc<"threadSubscriptions">["choice"] | null,
) {
  const row = await ctx.db
    .query("threadSubscriptions")
    .withIndex("by_userId_postId", (q) => q.eq("userId", userId).eq("postId", postId))
    .unique();
  if (row && choice) await ctx.db.patch("threadSubscriptions", row._id, { choice });
  else if (row) await ctx.db.delete("threadSubscriptions", row._id);
  else if (choice) await ctx.db.insert("threadSubscriptions", { userId, postId, choice });
}

/** What a valid unsubscribe link asks (`http.ts`): no comment e-mails at all, or none from one thread. */
export const unsubscribe = internalMutation({
  args: { userId: v.id("users"), postId: v.optional(v.id("posts")) },
  returns: v.null(),
  handler: async (ctx, { userId, postId }) => {
    const user = await ctx.db.get("users", userId);
    if (!user || user.deletedAt !== undefined) return null;
    if (postId) {
      if (await ctx.db.get("posts", postId)) await setThreadChoice(ctx, userId, postId, "mute");
    } else {
      await ctx.db.patch("users", userId, { commentEmails: false });
    }
    return null;
  },
});

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

/**
 * Takes the organization's planned queue e-mail: marks it sent now (the next waits `queueEmailMinutes`)
 * and returns the admins to write to and what to tell them. Nothing to send when the queue emptied meanwhile.
 */
export const takeQueueEmail = internalMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.union(v.null(), v.object({ to: v.array(v.string()), subject: v.string(), text: v.string() })),
  handler: async (ctx, { organizationId }) => {
    const alert = await ctx.db
      .query("queueAlerts")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .unique();
    const organization = await ctx.db.get("organizations", organizationId);
    if (!alert || !organization) return null;
    await ctx.db.patch("queueAlerts", alert._id, { scheduledFor: undefined });

    const waiting = await ctx.db
      .query("comments")
      .withIndex("by_organizationId_status", (q) => q.eq("organizationId", organizationId).eq("status", "pending"))
      .take(QUEUE_EMAIL_COMMENTS + 1);
    // A shadow-banned writer's comments wait too, but nobody needs telling about them.
    const listed = waiting.filter((comment) => comment.heldReason !== "shadow_ban").slice(0, QUEUE_EMAIL_COMMENTS);
    if (listed.length === 0) return null;
    const admins = await ctx.db
      .query("users")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .collect();
    const to = admins
      .filter((user) => user.role === "admin" && user.deletedAt === undefined && user.email)
      .map((user) => user.email);
    if (to.length === 0) return null;
    await ctx.db.patch("queueAlerts", alert._id, { sentAt: Date.now() });

    const dashboard = `${config.siteUrl()}/dashboard.html`;
    const entries = await Promise.all(
      listed.map(async (comment) => {
        const post = await ctx.db.get("posts", comment.postId);
        const link = (action: string) => `${dashboard}?comment=${comment._id}&action=${action}`;
        const excerpt = comment.content.slice(0, QUEUE_EMAIL_EXCERPT);
        return [
          `${comment.authorName} on "${post?.title ?? ""}":`,
          `> ${excerpt}${comment.content.length > excerpt.length ? "…" : ""}`,
          `Approve: ${link("approve")}`,
          `Remove: ${link("remove")}`,
        ].join("\n");
      }),
    );
    const more = waiting.length > listed.length ? "\n\nMore comments wait: open the dashboard to see them all." : "";
    return {
      to,
      subject: `Comments wait for approval on ${organization.name}`,
      text: `These comments wait for a moderator:\n\n${entries.join("\n\n")}${more}\n\nModeration queue: ${dashboard}#moderation\n`,
    };
  },
});
