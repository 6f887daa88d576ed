import { ConvexError, v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { httpAction, internalMutation, internalQuery, type MutationCtx } from "./_generated/server";
import { verifyHmacSha256Hex } from "./lib/crypto";
import { fail, type ErrorData } from "./lib/errors";
import { organizationBySlug, postBySlug, removePost } from "./lib/posts";
import { LIMITS } from "./lib/limits";
import { checkSlug, cleanText } from "./lib/text";
import { postStatusValidator } from "./validators";

const EVENT_ID_LENGTH = 200;
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

const webhookPostValidator = v.object({
  slug: v.string(),
  title: v.optional(v.string()),
  content: v.optional(v.string()),
  status: v.optional(postStatusValidator),
});
const eventTypeValidator = v.union(v.literal("post.upsert"), v.literal("post.delete"));
type WebhookPost = typeof webhookPostValidator.type;
type WebhookEvent = { id: string; type: typeof eventTypeValidator.type; organization: string; post: WebhookPost };

export const organizationSecret = internalQuery({
  args: { organizationSlug: v.string() },
  returns: v.union(v.object({ organizationId: v.id("organizations"), webhookSecret: v.string() }), v.null()),
  handler: async (ctx, { organizationSlug }) => {
    const organization = await organizationBySlug(ctx, organizationSlug);
    return organization ? { organizationId: organization._id, webhookSecret: organization.webhookSecret } : null;
  },
});

/** Applies an event once: the event id is recorded in the same transaction as its effect. */
export const applyEvent = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    eventId: v.string(),
    type: eventTypeValidator,
    post: webhookPostValidator,
  },
  returns: v.object({ duplicate: v.boolean() }),
  handler: async (ctx, { organizationId, eventId, type, post }) => {
    const seen = await ctx.db
      .query("webhookEvents")
      .withIndex("by_organizationId_eventId", (q) => q.eq("organizationId", organizationId).eq("eventId", eventId))
      .unique();
    if (seen) return { duplicate: true };
    const slug = checkSlug("post.slug", post.slug);
    if (type === "post.upsert") await upsertPost(ctx, organizationId, slug, post);
    else {
      const existing = await postBySlug(ctx, organizationId, slug);
      if (existing) await removePost(ctx, existing._id);
    }
    await ctx.db.insert("webhookEvents", { organizationId, eventId, type, processedAt: Date.now() });
    return { duplicate: false };
  },
});

/** Creates or updates the article at `slug`; new posts need a title and content and default to published. */
async function upsertPost(ctx: MutationCtx, organizationId: Id<"organizations">, slug: string, post: WebhookPost) {
  const title = post.title === undefined ? undefined : cleanText("post.title", post.title, LIMITS.titleLength);
  const content = post.content === undefined ? undefined : cleanText("post.content", post.content, LIMITS.postLength);
  const now = Date.now();
  const existing = await postBySlug(ctx, organizationId, slug);
  if (existing) {
    const status = post.status ?? existing.status;
    const publishedAt = status === "draft" ? undefined : (existing.publishedAt ?? now);
    await ctx.db.patch("posts", existing._id, {
      ...(title !== undefined && { title }),
      ...(content !== undefined && { content }),
      kind: "article",
      status,
      publishedAt,
      updatedAt: now,
    });
    return;
  }
  if (title === undefined || content === undefined) {
    fail("INVALID_ARGUMENT", "A new post needs a title and content.");
  }
  // Pushed posts have no author account: they are credited to the organization's owner.
  const organization = (await ctx.db.get("organizations", organizationId))!;
  const owner = await ctx.db.get("users", organization.ownerId);
  const status = post.status ?? "published";
  await ctx.db.insert("posts", {
    title,
    content,
    slug,
    kind: "article",
    authorId: organization.ownerId,
    authorName: owner?.name ?? organization.name,
    organizationId,
    status,
    publishedAt: status === "published" ? now : undefined,
    createdAt: now,
    commentCount: 0,
  });
}

/** The event's shape, or null; content rules (lengths, slug format) are checked when it is applied. */
function parseEvent(body: unknown): WebhookEvent | null {
  if (typeof body !== "object" || body === null) return null;
  const { id, type, organization, post } = body as Record<string, unknown>;
  if (typeof id !== "string" || id.length === 0 || id.length > EVENT_ID_LENGTH) return null;
  if (type !== "post.upsert" && type !== "post.delete") return null;
  if (typeof organization !== "string" || typeof post !== "object" || post === null) return null;
  const { slug, title, content, status } = post as Record<string, unknown>;
  const optionalString = (value: unknown) => value === undefined || typeof value === "string";
  if (typeof slug !== "string" || !optionalString(title) || !optionalString(content)) return null;
  if (status !== undefined && status !== "draft" && status !== "published") return null;
  return {
    id,
    type,
    organization,
    post: { slug, title: title as string | undefined, content: content as string | undefined, status },
  };
}

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

/** `POST /api/webhook`: a signed event from a publishing system. */
export const receive = httpAction(async (ctx, request) => {
  const signature = SIGNATURE.exec(request.headers.get("x-signature") ?? "")?.[1];
  if (!signature) return answer(401, { error: "Missing or malformed X-Signature." });
  const raw = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return answer(400, { error: "The body is not JSON." });
  }

  const organizationSlug = (body as { organization?: unknown } | null)?.organization;
  const target =
    typeof organizationSlug === "string"
      ? await ctx.runQuery(internal.webhooks.organizationSecret, { organizationSlug })
      : null;
  // Each organization signs with its own secret; there is no deployment-wide one that signs for all.
  if (!target || !(await verifyHmacSha256Hex(target.webhookSecret, raw, signature))) {
    return answer(401, { error: "Bad signature." });
  }

  const event = parseEvent(body);
  if (!event) return answer(422, { error: "Unknown event type or invalid post." });
  try {
    const { duplicate } = await ctx.runMutation(internal.webhooks.applyEvent, {
      organizationId: target.organizationId,
      eventId: event.id,
      type: event.type,
      post: event.post,
    });
    return answer(200, { ok: true, duplicate });
  } catch (error) {
    if (error instanceof ConvexError && (error.data as ErrorData).code === "INVALID_ARGUMENT") {
      return answer(422, { error: (error.data as ErrorData).message });
    }
    throw error;
  }
});
