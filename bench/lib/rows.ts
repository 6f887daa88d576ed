/**
 * Rows for benchmark data, inserted straight into the database (`t.run` batches) because going
 * through the mutations would take minutes at 100,000 rows. Every row of a kind has the same
 * byte size (numbers padded to fixed width), so a read's byte count depends only on how many
 * rows it returns, never on which.
 */
import type { GenericId } from "convex/values";

type Id<T extends string> = GenericId<T>;
/** A `ctx` from `t.run`: only writes are needed. */
export type Inserter = {
  db: {
    insert(table: string, doc: Record<string, unknown>): Promise<string>;
    patch(id: string, fields: Record<string, unknown>): Promise<void>;
  };
};

export const BASE_TIME = 1_700_000_000_000;
const pad = (i: number) => String(i).padStart(6, "0");

const POST_BODY =
  "Live comments and a live feed on a static page. This paragraph stands in for a real article: " +
  "long enough that the excerpt is cut, the same length in every post so byte counts compare.";
const COMMENT_BODY = "A reader's comment of a typical length, said once and kept the same for every row here.";

export async function insertOrganization(ctx: Inserter, slug: string, ownerAuthId: string) {
  const ownerId = (await ctx.db.insert("users", {
    authId: ownerAuthId,
    name: "Bench Owner",
    email: `owner@${slug}.test`,
    role: "admin",
    createdAt: BASE_TIME,
  })) as Id<"users">;
  const organizationId = (await ctx.db.insert("organizations", {
    name: `${slug} blog`,
    slug,
    ownerId,
    createdAt: BASE_TIME,
    settings: { allowGuestComments: false, preModeration: false, autoCreateThreads: true, allowedOrigins: [] },
    webhookSecret: "0".repeat(64),
  })) as Id<"organizations">;
  await ctx.db.patch(ownerId, { organizationId });
  return { organizationId, ownerId };
}

export type Owner = { organizationId: Id<"organizations">; ownerId: Id<"users">; ownerName: string };

export const postSlug = (i: number) => `post-${pad(i)}`;

/** Post `i` (newer as `i` grows): a published article unless `kind` says it is a static page's thread. */
export function postRow(owner: Owner, i: number, kind: "article" | "thread" = "article", commentCount = 0) {
  return {
    title: `Post ${pad(i)}: live comments on static sites`,
    content: POST_BODY,
    slug: postSlug(i),
    kind,
    authorId: owner.ownerId,
    authorName: owner.ownerName,
    organizationId: owner.organizationId,
    status: "published",
    publishedAt: BASE_TIME + i * 1000,
    createdAt: BASE_TIME + i * 1000,
    commentCount,
  };
}

export function commentRow(owner: Owner, postId: string, i: number, parentId?: string) {
  return {
    postId,
    organizationId: owner.organizationId,
    authorId: owner.ownerId,
    authorName: owner.ownerName,
    content: `${COMMENT_BODY} #${pad(i)}`,
    createdAt: BASE_TIME + i * 1000,
    ...(parentId ? { parentId } : {}),
    status: "visible",
    clientRequestId: `bench-${pad(i)}`,
  };
}

/**
 * `rows` comments of a thread in blocks of seven: five top-level comments, the first with two
 * replies. Every page of top-level comments therefore has the same shape, whatever the thread's size.
 * Returns the number of top-level comments.
 */
export async function insertThread(ctx: Inserter, owner: Owner, postId: string, rows: number, first = 0) {
  let n = 0;
  let topLevel = 0;
  while (n < rows) {
    const parentId = await ctx.db.insert("comments", commentRow(owner, postId, first + n++));
    topLevel++;
    for (let r = 0; r < 2 && n < rows && topLevel % 5 === 1; r++) {
      await ctx.db.insert("comments", commentRow(owner, postId, first + n++, parentId));
    }
  }
  return topLevel;
}

const REACTION_KINDS = ["thumbsUp", "thumbsDown", "laugh", "hooray", "confused", "heart", "rocket", "eyes"];
const REACTION_SHARDS = 8;

/**
 * `perTarget` reactions on each of `targetIds` (comments of `postId`, or the post), as `reactions.set`
 * leaves them: one `reactions` row per reactor and kind, and the counts in `reactionCounts` shards. The
 * shard that `set` picks at random is `i % 8` here, so every run reads the same shards.
 */
export async function insertReactions(ctx: Inserter, postId: string, targetIds: string[], perTarget: number, firstReactor = 0) {
  for (const targetId of targetIds) {
    const shards = new Map<number, Record<string, number>>();
    for (let i = 0; i < perTarget; i++) {
      const kind = REACTION_KINDS[i % REACTION_KINDS.length]!;
      const shard = i % REACTION_SHARDS;
      await ctx.db.insert("reactions", {
        postId,
        reactorKey: `user:bench-${pad(firstReactor + i)}`,
        targetId,
        kind,
        shard,
        createdAt: BASE_TIME + i * 1000,
      });
      const counts = shards.get(shard) ?? {};
      counts[kind] = (counts[kind] ?? 0) + 1;
      shards.set(shard, counts);
    }
    for (const [shard, counts] of shards) await ctx.db.insert("reactionCounts", { postId, targetId, shard, counts });
  }
}
