/**
 * Reactions: GitHub's eight kinds on each comment and on the post itself, one of each per reader.
 *
 * Counts live in `reactionCounts`, a few shard rows per target, each holding all eight kinds
 * (lib/reactions.ts): a reaction adds to a shard picked at random, so concurrent reactors seldom write the
 * same row, and a target's counts are at most `REACTION_SHARDS` documents however many reactions it has. (A sharded-counter
 * component keeps one counter per key: eight keys per target, each read shard by shard through a
 * component call, is eight times the reads for a page.) `counts` reads no identity, so every reader of a
 * page shares one cached execution; `viewerReactions` is the reader's own, small.
 *
 * `comments.reactionScore` (the total of every kind, for ordering by reactions) is copied from the
 * shards by `syncScore`, at most once a second per comment, so a burst of reactions rewrites the comment
 * (and re-runs the thread queries that read it) once, not on every click.
 */
import { v, type Infer } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { internalMutation, mutation, query, type MutationCtx, type QueryCtx } from "./_generated/server";
import { activeBan, banMessage } from "./lib/bans";
import { findPublishedPost } from "./lib/comments";
import { fail } from "./lib/errors";
import { LIMITS } from "./lib/limits";
import { consumeRateLimit } from "./lib/rateLimits";
import { GUEST_KEY } from "./lib/text";
import { ensureViewer, getViewer } from "./lib/viewer";
import { addReaction, copyReactionScore, removeReaction, tally, tallyTotal } from "./lib/reactions";
import {
  REACTION_KINDS,
  reactionKindValidator,
  reactionTallyValidator,
  reactionTargetValidator,
  type ReactionKind,
} from "./validators";

/** How often at most a comment's `reactionScore` is rewritten. */
const SCORE_SYNC_MS = 1000;
/** Most of the viewer's own reactions on one post that `viewerReactions` returns. */
const MAX_VIEWER_REACTIONS = 1000;

type Target = { kind: "comment"; comment: Doc<"comments"> } | { kind: "post"; post: Doc<"posts"> };

/**
 * Reaction counts of a post and of the comments asked for (the loaded page's comments and replies), for
 * the targets that have any, the post first. Reads no identity: every reader of a page shares one result.
 */
export const counts = query({
  args: { organizationSlug: v.string(), postSlug: v.string(), commentIds: v.array(v.id("comments")) },
  returns: v.array(v.object({ targetId: reactionTargetValidator, counts: reactionTallyValidator })),
  handler: async (ctx, args) => {
    if (args.commentIds.length > LIMITS.reactionTargets) {
      fail("INVALID_ARGUMENT", `Ask for at most ${LIMITS.reactionTargets} comments at a time.`);
    }
    const post = await findPublishedPost(ctx, args.organizationSlug, args.postSlug);
    if (!post) return [];
    // Typed by the validators' ids, not the lib's alias: the elements' published typings carry this type.
    const targets: Infer<typeof reactionTargetValidator>[] = [post._id, ...new Set(args.commentIds)];
    const tallies = await Promise.all(
      targets.map(async (targetId) => ({ targetId, counts: await tally(ctx, post._id, targetId) })),
    );
    return tallies.filter((t) => tallyTotal(t.counts) > 0);
  },
});

/** The viewer's own reactions on a post (a guest's by their per-browser key, where guests may react). */
export const viewerReactions = query({
  args: { organizationSlug: v.string(), postSlug: v.string(), guestKey: v.optional(v.string()) },
  returns: v.array(v.object({ targetId: reactionTargetValidator, kind: reactionKindValidator })),
  handler: async (ctx, args) => {
    const viewer = await getViewer(ctx);
    const reactorKey = viewer
      ? `user:${viewer._id}`
      : args.guestKey !== undefined && GUEST_KEY.test(args.guestKey)
        ? `guest:${args.guestKey}`
        : null;
    if (!reactorKey) return [];
    const post = await findPublishedPost(ctx, args.organizationSlug, args.postSlug);
    if (!post) return [];
    const mine = await ctx.db
      .query("reactions")
      .withIndex("by_postId_reactorKey_targetId_kind", (q) => q.eq("postId", post._id).eq("reactorKey", reactorKey))
      .take(MAX_VIEWER_REACTIONS);
    return mine.map(({ targetId, kind }) => ({ targetId, kind }));
  },
});

/** The visible comment or published post `targetId` names, or NOT_FOUND. */
async function findTarget(ctx: QueryCtx, targetId: string): Promise<Target> {
  const commentId = ctx.db.normalizeId("comments", targetId);
  if (commentId) {
    const comment = await ctx.db.get("comments", commentId);
    if (comment && comment.status === "visible" && comment.deletedAt === undefined) return { kind: "comment", comment };
  }
  const postId = ctx.db.normalizeId("posts", targetId);
  if (postId) {
    const post = await ctx.db.get("posts", postId);
    if (post?.status === "published") return { kind: "post", post };
  }
  fail("NOT_FOUND", "There is nothing to react to here: the comment may have been removed.");
}

/**
 * Who reacts: the signed-in caller, or a guest by their per-browser key where the organization allows
 * guest comments. `null`: a shadow-banned account, whose reactions are dropped without a word (a refusal
 * would tell them of the ban).
 */
async function reactorOf(
  ctx: MutationCtx,
  organization: Doc<"organizations">,
  guestKey: string | undefined,
): Promise<{ key: string; limit: () => Promise<void> } | null> {
  if (await ctx.auth.getUserIdentity()) {
    const viewer = await ensureViewer(ctx);
    const ban = await activeBan(ctx, organization._id, { authorId: viewer._id, authorName: viewer.name });
    if (ban && !ban.shadow) fail("FORBIDDEN", banMessage(organization, ban, "react on"));
    if (ban) return null;
    return { key: `user:${viewer._id}`, limit: () => consumeRateLimit(ctx, "reactionByUser", viewer._id, "reactions") };
  }
  if (!organization.settings.allowGuestComments) fail("UNAUTHENTICATED", "Sign in to react.");
  if (guestKey === undefined || !GUEST_KEY.test(guestKey)) {
    fail("INVALID_ARGUMENT", "The guest key must be 16 to 64 letters, digits, '-' or '_'.");
  }
  return {
    key: `guest:${guestKey}`,
    limit: () => consumeRateLimit(ctx, "guestReactionByOrganization", organization._id, "reactions"),
  };
}

/** Schedules the copy of a comment's counts to `reactionScore`, unless one is already scheduled. */
async function scheduleScoreSync(ctx: MutationCtx, commentId: Id<"comments">): Promise<void> {
  const due = await ctx.db
    .query("reactionScoreSyncs")
    .withIndex("by_commentId", (q) => q.eq("commentId", commentId))
    .first();
  if (due) return;
  await ctx.db.insert("reactionScoreSyncs", { commentId });
  await ctx.scheduler.runAfter(SCORE_SYNC_MS, internal.reactions.syncScore, { commentId });
}

/**
 * Gives (`on`) or takes back the caller's reaction `kind` on a comment or on the post. Idempotent: giving
 * one already given, or taking back one not given, changes nothing. A removed or unknown target is
 * NOT_FOUND, an unknown kind INVALID_ARGUMENT; refused calls write nothing.
 */
export const set = mutation({
  args: {
    targetId: v.string(),
    kind: v.string(),
    on: v.boolean(),
    /** A guest's per-browser key (the element's, shared with its comments), where guests may react. */
    guestKey: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    if (!(REACTION_KINDS as string[]).includes(args.kind)) {
      fail("INVALID_ARGUMENT", `A reaction is one of ${REACTION_KINDS.join(", ")}.`);
    }
    const kind = args.kind as ReactionKind;
    const target = await findTarget(ctx, args.targetId);
    const postId = target.kind === "comment" ? target.comment.postId : target.post._id;
    const targetId = target.kind === "comment" ? target.comment._id : target.post._id;
    const organizationId = target.kind === "comment" ? target.comment.organizationId : target.post.organizationId;
    const organization = await ctx.db.get("organizations", organizationId);
    if (!organization) fail("NOT_FOUND", "This site is not registered.");
    const reactor = await reactorOf(ctx, organization, args.guestKey);
    if (!reactor) return null;

    const existing = await ctx.db
      .query("reactions")
      .withIndex("by_postId_reactorKey_targetId_kind", (q) =>
        q.eq("postId", postId).eq("reactorKey", reactor.key).eq("targetId", targetId).eq("kind", kind),
      )
      .unique();
    if (args.on === (existing !== null)) return null;
    await reactor.limit();

    if (existing) await removeReaction(ctx, existing);
    else await addReaction(ctx, { postId, reactorKey: reactor.key, targetId, kind });
    if (target.kind === "comment") await scheduleScoreSync(ctx, target.comment._id);
    return null;
  },
});

/** Copies a comment's total reactions to `reactionScore` (scheduled by `set`, at most once a second). */
export const syncScore = internalMutation({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const due = await ctx.db
      .query("reactionScoreSyncs")
      .withIndex("by_commentId", (q) => q.eq("commentId", args.commentId))
      .collect();
    for (const row of due) await ctx.db.delete("reactionScoreSyncs", row._id);
    const comment = await ctx.db.get("comments", args.commentId);
    if (comment) await copyReactionScore(ctx, comment);
    return null;
  },
});
