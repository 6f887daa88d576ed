/**
 * One-click unsubscribe links (RFC 8058): a token that names the reader and what to stop — every
 * comment e-mail, or one thread — signed with HMAC-SHA256 under the deployment's secret and valid for
 * 60 days, so it works without signing in and cannot be made up or changed.
 */
import type { Id } from "../_generated/dataModel";
import { config } from "./config";
import { hmacSha256Hex, verifyHmacSha256Hex } from "./crypto";

export const UNSUBSCRIBE_PATH = "/unsubscribe";
export const UNSUBSCRIBE_DAYS = 60;

/** What a token stops: all comment e-mails, or those of one thread (`postId`). */
export type UnsubscribeScope = { userId: Id<"users">; postId?: Id<"posts"> };

function secret(): string {
  const value = config.betterAuthSecret();
  if (!value) throw new Error("BETTER_AUTH_SECRET is not set.");
  // Its own key, so an unsubscribe signature is never valid as anything else.
  return `unsubscribe:${value}`;
}

export async function unsubscribeToken({ userId, postId }: UnsubscribeScope, now = Date.now()): Promise<string> {
  const message = `${userId}.${postId ?? "all"}.${now + UNSUBSCRIBE_DAYS * 86_400_000}`;
  return `${message}.${await hmacSha256Hex(secret(), message)}`;
}

export async function unsubscribeUrl(scope: UnsubscribeScope): Promise<string> {
  return `${config.convexSiteUrl()}${UNSUBSCRIBE_PATH}?token=${await unsubscribeToken(scope)}`;
}

/** The scope of a token that is intact and unexpired; null otherwise. */
export async function readUnsubscribeToken(token: string, now = Date.now()): Promise<UnsubscribeScope | null> {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [userId, post, expires, signature] = parts as [string, string, string, string];
  if (!(await verifyHmacSha256Hex(secret(), `${userId}.${post}.${expires}`, signature))) return null;
  if (!(Number(expires) > now)) return null;
  return {
    userId: userId as Id<"users">,
    ...(post === "all" ? {} : { postId: post as Id<"posts"> }),
  };
}
