"use node";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import { config } from "./lib/config";
import { unsubscribeUrl } from "./lib/unsubscribe";

type Email = { to: string; subject: string; text: string; headers?: Record<string, string> };
type Outcome =
  | { status: "sent"; providerMessageId?: string }
  | { status: "failed" | "skipped"; error: string };

/** Emails the people a new comment concerns (Resend's API), recording each delivery. */
export const sendCommentEmail = internalAction({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, { commentId }) => {
    const emails = await ctx.runQuery(internal.notifications.getEmailContext, { commentId });
    const apiKey = config.resendApiKey();
    for (const { userId, postId, ...email } of emails) {
      // One click stops every comment e-mail (RFC 8058, for the mail client's button); the text also
      // offers muting only this thread.
      const stopAll = await unsubscribeUrl({ userId });
      const muteThread = await unsubscribeUrl({ userId, postId });
      const message: Email = {
        to: email.to,
        subject: email.subject,
        text: `${email.text}\n--\nMute this thread: ${muteThread}\nStop all comment e-mails: ${stopAll}\n`,
        headers: { "List-Unsubscribe": `<${stopAll}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      };
      const outcome: Outcome = apiKey
        ? await send(apiKey, message, `${commentId}-${email.reason}`)
        : { status: "skipped", error: "RESEND_API_KEY is not set." };
      await ctx.runMutation(internal.notifications.recordDelivery, {
        commentId,
        to: email.to,
        reason: email.reason,
        ...outcome,
      });
    }
    return null;
  },
});

/**
 * An account e-mail (address verification, invitation) through the same provider. Not recorded in
 * `emailDeliveries`: those rows belong to comments, and this address needs no second copy.
 */
export const sendAccountEmail = internalAction({
  args: { to: v.string(), subject: v.string(), text: v.string() },
  returns: v.null(),
  handler: async (_ctx, email) => {
    const apiKey = config.resendApiKey();
    if (!apiKey) {
      console.warn(`RESEND_API_KEY is not set: not sending "${email.subject}".`);
      return null;
    }
    const outcome = await send(apiKey, email, `account-${await digest(email.to + email.text)}`);
    if (outcome.status !== "sent") console.warn(`Account email not sent: ${outcome.error}`);
    return null;
  },
});

/** The organization's batched e-mail about its moderation queue (`lib/queueAlerts.ts`), one per admin. */
export const sendQueueEmail = internalAction({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    const email = await ctx.runMutation(internal.notifications.takeQueueEmail, { organizationId });
    const apiKey = config.resendApiKey();
    if (!email) return null;
    if (!apiKey) {
      console.warn(`RESEND_API_KEY is not set: not sending "${email.subject}".`);
      return null;
    }
    for (const to of email.to) {
      const outcome = await send(apiKey, { ...email, to }, `queue-${await digest(to + email.text)}`);
      if (outcome.status !== "sent") console.warn(`Queue email not sent: ${outcome.error}`);
    }
    return null;
  },
});

async function digest(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("").slice(0, 32);
}

async function send(apiKey: string, email: Email, idempotencyKey: string): Promise<Outcome> {
  const base = config.emailApiUrl();
  try {
    const response = await fetch(`${base}/emails`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${apiKey}`,
        "Content-Type": "application/json",
        // The provider drops a repeated send of the same notification.
        "Idempotency-Key": idempotencyKey,
      },
      body: JSON.stringify({
        from: config.emailFrom(),
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.headers ? { headers: email.headers } : {}),
      }),
    });
    const body = await response.text();
    if (!response.ok) return { status: "failed", error: `HTTP ${response.status}: ${body.slice(0, 500)}` };
    return { status: "sent", ...providerMessageId(body) };
  } catch (error) {
    return { status: "failed", error: error instanceof Error ? error.message : String(error) };
  }
}

function providerMessageId(body: string): { providerMessageId?: string } {
  try {
    const { id } = JSON.parse(body) as { id?: unknown };
    return typeof id === "string" ? { providerMessageId: id } : {};
  } catch {
    return {};
  }
}
