/**
 * Telling an organization's admins that comments wait for them, batched: the first comment to enter the
 * queue schedules one e-mail, at once or `queueEmailMinutes` after the last one; comments held meanwhile
 * join the e-mail already planned. So each admin gets at most one queue e-mail per that many minutes.
 */
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/** Admins hear about the queue at most every quarter of an hour unless the organization says otherwise. */
export const DEFAULT_QUEUE_EMAIL_MINUTES = 15;

export async function alertModerators(ctx: MutationCtx, organizationId: Id<"organizations">): Promise<void> {
  const organization = await ctx.db.get("organizations", organizationId);
  const minutes = organization?.settings.queueEmailMinutes ?? DEFAULT_QUEUE_EMAIL_MINUTES;
  if (!organization || minutes === 0) return;
  const alert = await ctx.db
    .query("queueAlerts")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .unique();
  if (alert?.scheduledFor !== undefined) return;
  const scheduledFor = Math.max(Date.now(), (alert?.sentAt ?? 0) + minutes * 60_000);
  await ctx.scheduler.runAt(scheduledFor, internal.notificationsNode.sendQueueEmail, { organizationId });
  if (alert) await ctx.db.patch("queueAlerts", alert._id, { scheduledFor });
  else await ctx.db.insert("queueAlerts", { organizationId, scheduledFor });
}
