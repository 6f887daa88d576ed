/** The organization's moderation record, newest first, for its admins. */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import type { Infer } from "convex/values";
import { query } from "./_generated/server";
import { paginateChecked } from "./lib/pagination";
import { requireOrgAdmin } from "./lib/viewer";
import { auditEntryValidator } from "./validators";

export const list = query({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(auditEntryValidator),
  handler: async (ctx, args) => {
    const admin = await requireOrgAdmin(ctx);
    const result = await paginateChecked(
      ctx.db
        .query("auditLog")
        .withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", admin.organizationId))
        .order("desc"),
      args.paginationOpts,
    );
    const page = await Promise.all(
      result.page.map(async (entry): Promise<Infer<typeof auditEntryValidator>> => {
        const actor = entry.actorId === undefined ? null : await ctx.db.get("users", entry.actorId);
        return actor ? { ...entry, actorName: actor.name } : entry;
      }),
    );
    return { ...result, page };
  },
});
