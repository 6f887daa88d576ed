import { httpRouter } from "convex/server";
import { corsRouter } from "convex-helpers/server/cors";
import { internal } from "./_generated/api";
import { httpAction } from "./_generated/server";
import { authComponent, createAuth, LINK_INVALID_PATH, MAGIC_LINK_MINUTES } from "./auth";
import { htmlPage } from "./lib/page";
import { readUnsubscribeToken, UNSUBSCRIBE_DAYS, UNSUBSCRIBE_PATH } from "./lib/unsubscribe";
import { authorizeApiKey } from "./lib/apiKeyRequest";
import { serve as serveFeed } from "./feeds";
import { serve as serveSnapshot } from "./snapshots";
import { exportOrganization, importEntries } from "./transfer";
import { receive as receiveWebhook } from "./webhooks";

const http = httpRouter();

authComponent.registerRoutes(http, createAuth, { cors: true });

// A sign-in link that is unknown, used or expired lands here: it signed nobody in.
http.route({
  path: LINK_INVALID_PATH,
  method: "GET",
  handler: httpAction(async () =>
    htmlPage(400, "This sign-in link no longer works", [
      `Sign-in links work once, within ${MAGIC_LINK_MINUTES} minutes. This one was already used, has expired or is not complete.`,
      "Nothing was changed. Go back to the comments and ask for a new link.",
    ]),
  ),
});

const badUnsubscribeLink = () =>
  htmlPage(400, "This unsubscribe link does not work", [
    `Unsubscribe links work for ${UNSUBSCRIBE_DAYS} days and only as they were sent. This one has expired or is not complete.`,
    "Nothing was changed. Use the link in a newer e-mail, or change your e-mail settings in the comments' account menu.",
  ]);

/**
 * Unsubscribe links (`lib/unsubscribe.ts`), no sign-in needed. Opening one only asks (mail scanners
 * open links too); the button, or a mail client's one-click POST (RFC 8058), does it.
 */
http.route({
  path: UNSUBSCRIBE_PATH,
  method: "GET",
  handler: httpAction(async (_ctx, request) => {
    const token = new URL(request.url).searchParams.get("token") ?? "";
    const scope = await readUnsubscribeToken(token);
    if (!scope) return badUnsubscribeLink();
    const what = scope.postId ? "e-mails about this thread" : "all e-mails about comments";
    return htmlPage(200, "Unsubscribe", [`Stop ${what}?`], `<form method="post"><button>Stop ${what}</button></form>`);
  }),
});

http.route({
  path: UNSUBSCRIBE_PATH,
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    const scope = await readUnsubscribeToken(new URL(request.url).searchParams.get("token") ?? "");
    if (!scope) return badUnsubscribeLink();
    await ctx.runMutation(internal.notifications.unsubscribe, scope);
    return htmlPage(200, "Unsubscribed", [
      scope.postId
        ? "This thread is muted: no more e-mails about its comments."
        : "You will get no more e-mails about comments. Turn them back on in the comments' account menu.",
    ]);
  }),
});

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
cors.route({ pathPrefix: "/api/v1/import/", method: "POST", handler: importEntries });

// Feeds are public; readers in a browser may fetch them and revalidate with the ETag.
const feedCors = corsRouter(http, { allowedOrigins: ["*"], exposedHeaders: ["ETag", "Last-Modified"] });
feedCors.route({ pathPrefix: "/feeds/", method: "GET", handler: serveFeed });
// Snapshots are public too: a page may fetch one from the browser or at build time.
feedCors.route({ pathPrefix: "/snapshots/", method: "GET", handler: serveSnapshot });

export default http;
