"use node";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import { config } from "./lib/config";

/** Asks the spam-check service about one new comment and applies its verdict (`spamCheck.applyVerdict`). */
export const checkComment = internalAction({
  args: { commentId: v.id("comments") },
  returns: v.null(),
  handler: async (ctx, { commentId }) => {
    const request = await ctx.runQuery(internal.spamCheck.checkRequest, { commentId });
    const apiKey = config.spamCheckApiKey();
    if (!request || !apiKey) return null;
    const verdict = await ask({
      api_key: apiKey,
      blog: config.siteUrl(),
      comment_type: "comment",
      comment_author: request.authorName,
      comment_content: request.content,
    });
    await ctx.runMutation(internal.spamCheck.applyVerdict, { commentId, verdict });
    return null;
  },
});

/** Akismet's `comment-check` answers the body "true" (spam) or "false" (ham); anything else is no verdict. */
async function ask(fields: Record<string, string>): Promise<"spam" | "ham" | "unavailable"> {
  try {
    const response = await fetch(config.spamCheckUrl(), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(config.spamCheckTimeoutMs()),
    });
    const body = (await response.text()).trim();
    if (response.ok && body === "true") return "spam";
    if (response.ok && body === "false") return "ham";
    console.warn(`Spam check gave no verdict: HTTP ${response.status} ${body.slice(0, 200)}`);
  } catch (error) {
    console.warn(`Spam check unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  return "unavailable";
}
