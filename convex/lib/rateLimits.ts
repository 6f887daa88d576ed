import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { fail } from "./errors";

/** Comment rate limits: token buckets, so a short burst passes and a steady flood does not. */
export const rateLimiter = new RateLimiter(components.rateLimiter, {
  /** Per signed-in user: 5 a minute, at most 5 back to back. */
  commentByUser: { kind: "token bucket", rate: 5, period: MINUTE, capacity: 5 },
  /** Per organization, shared by all of its guests (they have no identity to key on). */
  guestCommentByOrganization: { kind: "token bucket", rate: 30, period: MINUTE, capacity: 10 },
});

type RateLimitName = "commentByUser" | "guestCommentByOrganization";

/** Takes one token from `name` for `key`, or throws RATE_LIMITED with the wait in seconds. */
export async function consumeRateLimit(ctx: MutationCtx, name: RateLimitName, key: string): Promise<void> {
  const { ok, retryAfter } = await rateLimiter.limit(ctx, name, { key });
  if (!ok) {
    const seconds = Math.max(1, Math.ceil(retryAfter / 1000));
    fail("RATE_LIMITED", `Too many comments. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`);
  }
}
