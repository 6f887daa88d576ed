import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { fail } from "./errors";

/** Comment rate limits: token buckets, so a short burst passes and a steady flood does not. */
export const rateLimiter = new RateLimiter(components.rateLimiter, {
  /** Per signed-in user: 5 a minute, at most 5 back to back. */
  commentByUser: { kind: "token bucket", rate: 5, period: MINUTE, capacity: 5 },
  /** Per organization, shared by all of its guests (they have no identity to key on). */
  guestCommentByOrganization: { kind: "token bucket", rate: 30, period: MINUTE, capacity: 10 },
  /** Threads created by first comments on unknown slugs, per account: 10 an hour, 3 back to back. */
  threadByUser: { kind: "token bucket", rate: 10, period: HOUR, capacity: 3 },
  /** The same, per organization, shared by everyone allowed to create them. */
  threadByOrganization: { kind: "token bucket", rate: 60, period: HOUR, capacity: 20 },
  /** Reports of comments, per account: 10 a minute. */
  reportByUser: { kind: "token bucket", rate: 10, period: MINUTE, capacity: 10 },
  /** Reactions given or taken back, per account: 60 a minute, 20 back to back. */
  reactionByUser: { kind: "token bucket", rate: 60, period: MINUTE, capacity: 20 },
  /** The same, per organization, shared by all of its guests. */
  guestReactionByOrganization: { kind: "token bucket", rate: 300, period: MINUTE, capacity: 60 },
});

type RateLimitName =
  | "commentByUser"
  | "guestCommentByOrganization"
  | "threadByUser"
  | "threadByOrganization"
  | "reportByUser"
  | "reactionByUser"
  | "guestReactionByOrganization";

/** Takes one token from `name` for `key`, or throws RATE_LIMITED with the wait in seconds. */
export async function consumeRateLimit(
  ctx: MutationCtx,
  name: RateLimitName,
  key: string,
  what = "comments",
): Promise<void> {
  const { ok, retryAfter } = await rateLimiter.limit(ctx, name, { key });
  if (!ok) {
    const seconds = Math.max(1, Math.ceil(retryAfter / 1000));
    fail("RATE_LIMITED", `Too many ${what}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`);
  }
}
