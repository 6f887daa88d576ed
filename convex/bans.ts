/**
 * Bans: an organization's admins stop an account, or a guest name, from commenting there, for good or
 * until a date, openly (new comments refused) or in shadow (accepted, shown to their writer alone).
 * Lifting a ban restores nothing: comments removed or held stay so.
 */
import { v, type Infer } from "convex/values";
import type { Id } from "./_generated/dataModel";
import { mutation, query, type QueryCtx } from "./_generated/server";
import { recordModeration } from "./lib/auditLog";
import { fail } from "./lib/errors";
import { cleanText, foldText } from "./lib/text";
import { LIMITS } from "./lib/limits";
import { requireOrgAdmin } from "./lib/viewer";
import { banValidator } from "./validators";

const REASON_LENGTH = 500;
/** Most bans `list` returns. */
const MAX_LISTED = 200;

/** Bans (or re-bans, replacing the earlier terms) an account or a guest name from the admin's organization. */
export const ban = mutation({
  args: {
    userId: v.optional(v.id("users")),
    guestName: v.optional(v.string()),
    reason: v.optional(v.string()),
    endsAt: v.optional(v.number()),
    shadow: v.optional(v.boolean()),
  },
  returns: v.id("bans"),
  handler: async (ctx, args) => {
    const admin = await requireOrgAdmin(ctx);
    if ((args.userId === undefined) === (args.guestName === undefined)) {
      fail("INVALID_ARGUMENT", "Ban either an account or a guest name.");
    }
    // A guest has no identity to be shown their own comments by: theirs would vanish, giving the ban away.
    if (args.shadow && args.userId === undefined) fail("INVALID_ARGUMENT", "Only an account can be banned in shadow.");
    const reason = args.reason === undefined ? undefined : cleanText("Reason", args.reason, REASON_LENGTH);
    if (args.endsAt !== undefined && !(args.endsAt > Date.now())) {
      fail("INVALID_ARGUMENT", "A ban's end must be in the future.");
    }
    const guestName =
      args.guestName === undefined ? undefined : foldText(cleanText("Name", args.guestName, LIMITS.nameLength));
    if (args.userId !== undefined) {
      const user = await ctx.db.get("users", args.userId);
      if (!user || user.deletedAt !== undefined) fail("NOT_FOUND", "This account does not exist.");
      if (user.organizationId === admin.organizationId) {
        fail("CONFLICT", "Members of the organization cannot be banned from it.");
      }
    }
    const existing =
      args.userId !== undefined
        ? await ctx.db
            .query("bans")
            .withIndex("by_organizationId_userId", (q) =>
              q.eq("organizationId", admin.organizationId).eq("userId", args.userId),
            )
            .unique()
        : await ctx.db
            .query("bans")
            .withIndex("by_organizationId_guestName", (q) =>
              q.eq("organizationId", admin.organizationId).eq("guestName", guestName),
            )
            .unique();
    const terms = {
      organizationId: admin.organizationId,
      ...(args.userId !== undefined ? { userId: args.userId } : { guestName }),
      ...(reason !== undefined ? { reason } : {}),
      ...(args.endsAt !== undefined ? { endsAt: args.endsAt } : {}),
      shadow: args.shadow ?? false,
      createdBy: admin._id,
      createdAt: Date.now(),
    };
    const banId = existing?._id ?? (await ctx.db.insert("bans", terms));
    if (existing) await ctx.db.replace("bans", existing._id, terms);
    await recordModeration(ctx, {
      organizationId: admin.organizationId,
      action: "ban",
      actorId: admin._id,
      targetName: await bannedName(ctx, terms),
      detail: banTerms(terms),
    });
    return banId;
  },
});

/** Lifts a ban of the admin's organization. */
export const unban = mutation({
  args: { banId: v.id("bans") },
  returns: v.null(),
  handler: async (ctx, { banId }) => {
    const admin = await requireOrgAdmin(ctx);
    const existing = await ctx.db.get("bans", banId);
    if (!existing || existing.organizationId !== admin.organizationId) fail("NOT_FOUND", "This ban does not exist.");
    await ctx.db.delete("bans", banId);
    await recordModeration(ctx, {
      organizationId: admin.organizationId,
      action: "unban",
      actorId: admin._id,
      targetName: await bannedName(ctx, existing),
    });
    return null;
  },
});

/** The banned account's name, or the guest name as stored. */
async function bannedName(ctx: QueryCtx, ban: { userId?: Id<"users">; guestName?: string }): Promise<string | undefined> {
  if (ban.userId === undefined) return ban.guestName;
  return (await ctx.db.get("users", ban.userId))?.name;
}

/** A ban's terms in a line of the audit log. */
function banTerms(ban: { shadow: boolean; endsAt?: number; reason?: string }): string {
  return [
    ban.shadow ? "shadow" : "open",
    ban.endsAt === undefined ? "for good" : `until ${new Date(ban.endsAt).toISOString()}`,
    ...(ban.reason === undefined ? [] : [ban.reason]),
  ].join(" · ");
}

/** The bans of the admin's organization, ended ones included (they no longer apply). */
export const list = query({
  args: {},
  returns: v.array(banValidator),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    const bans = await ctx.db
      .query("bans")
      .withIndex("by_organizationId_userId", (q) => q.eq("organizationId", admin.organizationId))
      .take(MAX_LISTED);
    return await Promise.all(
      bans.map(async (entry): Promise<Infer<typeof banValidator>> => {
        const user = entry.userId === undefined ? null : await ctx.db.get("users", entry.userId);
        return user ? { ...entry, userName: user.name } : entry;
      }),
    );
  },
});
