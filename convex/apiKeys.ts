import { v } from "convex/values";
import { internalMutation, internalQuery, mutation, query } from "./_generated/server";
import { randomToken, sha256Hex } from "./lib/crypto";
import { fail } from "./lib/errors";
import { LIMITS } from "./lib/limits";
import { cleanText } from "./lib/text";
import { requireOrgAdmin } from "./lib/viewer";

/** Characters of the key kept for display: `sk_`, the timestamp and a few random ones. */
const PREFIX_LENGTH = 16;
const KEY_LIST_LIMIT = 100;
/** `lastUsedAt` moves at most once a minute, so busy keys do not rewrite their row on every call. */
const TOUCH_INTERVAL_MS = 60_000;

export const create = mutation({
  args: { name: v.string() },
  returns: v.object({ keyId: v.id("apiKeys"), key: v.string(), prefix: v.string() }),
  handler: async (ctx, args) => {
    const admin = await requireOrgAdmin(ctx);
    const name = cleanText("Name", args.name, LIMITS.nameLength);
    const key = `sk_${Date.now().toString(36)}_${randomToken(32)}`;
    const prefix = key.slice(0, PREFIX_LENGTH);
    const keyId = await ctx.db.insert("apiKeys", {
      organizationId: admin.organizationId,
      name,
      hashedKey: await sha256Hex(key),
      prefix,
      createdBy: admin._id,
      createdAt: Date.now(),
    });
    return { keyId, key, prefix };
  },
});

export const list = query({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("apiKeys"),
      name: v.string(),
      prefix: v.string(),
      createdAt: v.number(),
      revokedAt: v.optional(v.number()),
      lastUsedAt: v.optional(v.number()),
    }),
  ),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    const keys = await ctx.db
      .query("apiKeys")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", admin.organizationId))
      .order("desc")
      .take(KEY_LIST_LIMIT);
    return keys.map(({ _id, name, prefix, createdAt, revokedAt, lastUsedAt }) => ({
      _id,
      name,
      prefix,
      createdAt,
      revokedAt,
      lastUsedAt,
    }));
  },
});

export const revoke = mutation({
  args: { keyId: v.id("apiKeys") },
  returns: v.null(),
  handler: async (ctx, { keyId }) => {
    const admin = await requireOrgAdmin(ctx);
    const key = await ctx.db.get("apiKeys", keyId);
    if (!key || key.organizationId !== admin.organizationId) fail("NOT_FOUND", "This API key does not exist.");
    if (key.revokedAt === undefined) await ctx.db.patch("apiKeys", keyId, { revokedAt: Date.now() });
    return null;
  },
});

/**
 * The unrevoked key with this SHA-256, what its organization allows, and whether whoever created it is
 * still one of the organization's admins (export and import need that).
 */
export const findActiveByHash = internalQuery({
  args: { hashedKey: v.string() },
  returns: v.union(
    v.object({
      keyId: v.id("apiKeys"),
      organizationId: v.id("organizations"),
      allowedOrigins: v.array(v.string()),
      createdByAdmin: v.boolean(),
    }),
    v.null(),
  ),
  handler: async (ctx, { hashedKey }) => {
    const key = await ctx.db
      .query("apiKeys")
      .withIndex("by_hashedKey", (q) => q.eq("hashedKey", hashedKey))
      .unique();
    if (!key || key.revokedAt !== undefined) return null;
    const organization = await ctx.db.get("organizations", key.organizationId);
    if (!organization) return null;
    const creator = await ctx.db.get("users", key.createdBy);
    const createdByAdmin =
      creator?.organizationId === key.organizationId && creator.role === "admin" && creator.deletedAt === undefined;
    return {
      keyId: key._id,
      organizationId: key.organizationId,
      allowedOrigins: organization.settings.allowedOrigins,
      createdByAdmin,
    };
  },
});

export const touchLastUsed = internalMutation({
  args: { keyId: v.id("apiKeys") },
  returns: v.null(),
  handler: async (ctx, { keyId }) => {
    const key = await ctx.db.get("apiKeys", keyId);
    const now = Date.now();
    if (key && (key.lastUsedAt === undefined || now - key.lastUsedAt >= TOUCH_INTERVAL_MS)) {
      await ctx.db.patch("apiKeys", keyId, { lastUsedAt: now });
    }
    return null;
  },
});
