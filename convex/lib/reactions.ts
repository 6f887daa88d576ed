/**
 * Reaction counts: a few shard rows per target (`reactionCounts`), each holding all eight kinds, and the
 * copy of a comment's total to `comments.reactionScore`. Written by convex/reactions.ts and the seed.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { REACTION_KINDS, type ReactionKind, type ReactionTally } from "../validators";

/** Count rows per target: enough that a burst of reactors rarely collides, few enough to read per page. */
export const REACTION_SHARDS = 8;

export type ReactionTargetId = Id<"comments"> | Id<"posts">;

/** A target's counts: its shards added up. */
export async function tally(ctx: QueryCtx, postId: Id<"posts">, targetId: ReactionTargetId): Promise<ReactionTally> {
  const total: ReactionTally = {};
  const shards = await ctx.db
    .query("reactionCounts")
    .withIndex("by_postId_targetId_shard", (q) => q.eq("postId", postId).eq("targetId", targetId))
    .take(REACTION_SHARDS);
  for (const { counts } of shards) {
    for (const kind of REACTION_KINDS) {
      const n = counts[kind];
      if (n) total[kind] = (total[kind] ?? 0) + n;
    }
  }
  return total;
}

export const tallyTotal = (counts: ReactionTally) => REACTION_KINDS.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);

/** Adds `delta` to `kind` in one shard of the target's counts. */
async function addToShard(
  ctx: MutationCtx,
  postId: Id<"posts">,
  targetId: ReactionTargetId,
  shard: number,
  kind: ReactionKind,
  delta: number,
): Promise<void> {
  const row = await ctx.db
    .query("reactionCounts")
    .withIndex("by_postId_targetId_shard", (q) => q.eq("postId", postId).eq("targetId", targetId).eq("shard", shard))
    .unique();
  if (row) {
    await ctx.db.patch("reactionCounts", row._id, {
      counts: { ...row.counts, [kind]: Math.max(0, (row.counts[kind] ?? 0) + delta) },
    });
  } else if (delta > 0) {
    await ctx.db.insert("reactionCounts", { postId, targetId, shard, counts: { [kind]: delta } });
  }
}

/** Records a reaction and counts it in a shard picked at random. */
export async function addReaction(
  ctx: MutationCtx,
  reaction: { postId: Id<"posts">; reactorKey: string; targetId: ReactionTargetId; kind: ReactionKind },
): Promise<void> {
  const shard = Math.floor(Math.random() * REACTION_SHARDS);
  await ctx.db.insert("reactions", { ...reaction, shard, createdAt: Date.now() });
  await addToShard(ctx, reaction.postId, reaction.targetId, shard, reaction.kind, 1);
}

/** Takes a reaction back, from the shard it was counted in. */
export async function removeReaction(ctx: MutationCtx, reaction: Doc<"reactions">): Promise<void> {
  await ctx.db.delete("reactions", reaction._id);
  await addToShard(ctx, reaction.postId, reaction.targetId, reaction.shard, reaction.kind, -1);
}

/** Copies a comment's total reactions to `reactionScore`, when it changed. */
export async function copyReactionScore(ctx: MutationCtx, comment: Doc<"comments">): Promise<void> {
  const score = tallyTotal(await tally(ctx, comment.postId, comment._id));
  if ((comment.reactionScore ?? 0) !== score) await ctx.db.patch("comments", comment._id, { reactionScore: score });
}
