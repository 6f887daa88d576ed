import { httpRouter } from "convex/server";
import { corsRouter } from "convex-helpers/server/cors";
import { internal } from "./_generated/api";
import { httpAction } from "./_generated/server";
import { authComponent, createAuth } from "./auth";
import { authorizeApiKey } from "./lib/apiKeyRequest";
import { serve as serveFeed } from "./feeds";
import { serve as serveSnapshot } from "./snapshots";
import { exportOrganization, importNative } from "./transfer";
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

/** `GET /api/v1/posts`: the newest posts of the API key's organization. */
cors.route({
  path: "/api/v1/posts",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const authorized = await authorizeApiKey(ctx, request);
    if ("refused" in authorized) return authorized.refused;
    const posts = await ctx.runQuery(internal.posts.listForApi, { organizationId: authorized.key.organizationId });
    return Response.json({ posts });
  }),
});

cors.route({ path: "/api/v1/export", method: "GET", handler: exportOrganization });
cors.route({ path: "/api/v1/import/native", method: "POST", handler: importNative });

// Feeds are public; readers in a browser may fetch them and revalidate with the ETag.
const feedCors = corsRouter(http, { allowedOrigins: ["*"], exposedHeaders: ["ETag", "Last-Modified"] });
feedCors.route({ pathPrefix: "/feeds/", method: "GET", handler: serveFeed });
// Snapshots are public too: a page may fetch one from the browser or at build time.
feedCors.route({ pathPrefix: "/snapshots/", method: "GET", handler: serveSnapshot });

export default http;
