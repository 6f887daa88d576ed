/** Whether a comment's writer is banned from an organization, read by `comments.create`. */
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { foldText } from "./text";

/** The ban in force on this writer (an account, or a guest by name), or null. */
export async function activeBan(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  author: { authorId?: Id<"users">; authorName: string },
): Promise<Doc<"bans"> | null> {
  const ban =
    author.authorId !== undefined
      ? await ctx.db
          .query("bans")
          .withIndex("by_organizationId_userId", (q) =>
            q.eq("organizationId", organizationId).eq("userId", author.authorId),
          )
          .unique()
      : await ctx.db
          .query("bans")
          .withIndex("by_organizationId_guestName", (q) =>
            q.eq("organizationId", organizationId).eq("guestName", foldText(author.authorName)),
          )
          .unique();
  return ban && (ban.endsAt === undefined || ban.endsAt > Date.now()) ? ban : null;
}

/** What a writer refused by `ban` reads: that they may not comment (or `act` otherwise), and until when. */
export function banMessage(organization: Doc<"organizations">, ban: Doc<"bans">, act = "comment on"): string {
  const until = ban.endsAt === undefined ? "" : ` until ${new Date(ban.endsAt).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `You cannot ${act} ${organization.name}${until}: a moderator has banned this ${ban.userId ? "account" : "name"}.`;
}
