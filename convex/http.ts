import { httpRouter } from "convex/server";
import { corsRouter } from "convex-helpers/server/cors";
import { internal } from "./_generated/api";
import { httpAction } from "./_generated/server";
import { authComponent, createAuth } from "./auth";
import { sha256Hex } from "./lib/crypto";
import { serve as serveFeed } from "./feeds";
import { receive as receiveWebhook } from "./webhooks";

const http = httpRouter();

authComponent.registerRoutes(http, createAuth, { cors: true });

http.route({
  path: "/api/health",
  method: "GET",
  handler: httpAction(async () => Response.json({ status: "ok" })),
});

// No cookies are involved (signatures and bearer keys), so any origin may call; an organization's
// `allowedOrigins` narrows its own API key below.
const cors = corsRouter(http, {
  allowedOrigins: ["*"],
  allowedHeaders: ["Content-Type", "Authorization", "X-Signature"],
});

cors.route({ path: "/api/webhook", method: "POST", handler: receiveWebhook });

const BEARER = /^Bearer (sk_[A-Za-z0-9_-]+)$/;

/** `GET /api/v1/posts`: the newest posts of the API key's organization. */
cors.route({
  path: "/api/v1/posts",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const key = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
    const found = key
      ? await ctx.runQuery(internal.apiKeys.findActiveByHash, { hashedKey: await sha256Hex(key) })
      : null;
    if (!found) return Response.json({ error: "A valid API key is required." }, { status: 401 });
    const origin = request.headers.get("origin");
    if (origin && found.allowedOrigins.length > 0 && !found.allowedOrigins.includes(origin)) {
      return Response.json({ error: "This origin may not use this API key." }, { status: 403 });
    }
    const posts = await ctx.runQuery(internal.posts.listForApi, { organizationId: found.organizationId });
    await ctx.runMutation(internal.apiKeys.touchLastUsed, { keyId: found.keyId });
    return Response.json({ posts });
  }),
});

// Feeds are public; readers in a browser may fetch them and revalidate with the ETag.
const feedCors = corsRouter(http, { allowedOrigins: ["*"], exposedHeaders: ["ETag", "Last-Modified"] });
feedCors.route({ pathPrefix: "/feeds/", method: "GET", handler: serveFeed });

export default http;
