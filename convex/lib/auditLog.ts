/** The audit log's one writer: every moderation action records what it did, to what, and who did it. */
import type { Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { auditActionValidator } from "../validators";

export async function recordModeration(
  ctx: MutationCtx,
  entry: {
    organizationId: Id<"organizations">;
    action: Infer<typeof auditActionValidator>;
    actorId?: Id<"users">;
    commentId?: Id<"comments">;
    targetName?: string;
    detail?: string;
  },
): Promise<void> {
  await ctx.db.insert("auditLog", { ...entry, createdAt: Date.now() });
}
