/**
 * Snapshots of the first page of a thread and of an organization's feed, as HTML fragments for a page
 * to put inside `<post-comments>` / `<org-post-list>` (see lib/snapshotMarkup.ts), on the site origin:
 *
 *   GET /snapshots/comments?org=<slug>&post=<slug>[&limit=<1–100>][&sort=oldest|newest|top][&lang=<language tag>]
 *   GET /snapshots/posts?org=<slug>[&limit=<1–100>][&href=<href-template>][&level=<1–6>][&lang=<language tag>]
 *
 * The same rows, in the same order, as the live queries' first page (`comments.list` in the element's
 * `sort`, `posts.listPublished`): drafts, pending and removed comments never appear. Cacheable and revalidated by ETag. An unknown organization or post
 * is 404 with an empty fragment; a malformed or oversized parameter is 400.
 */
import { pick } from "convex-helpers";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { httpAction, internalQuery } from "./_generated/server";
import { threadPage, findPublishedPost } from "./lib/comments";
import { conditionalResponse } from "./lib/conditionalGet";
import { LIMITS } from "./lib/limits";
import { threadSortValidator, type ThreadSort } from "./lib/threadOrder";
import { organizationBySlug, publishedArticles, summaryOf } from "./lib/posts";
import { commentsSnapshot, emptySnapshot, postsSnapshot, snapshotLocale } from "./lib/snapshotMarkup";
import { commentThreadValidator, postFields, postSummaryValidator } from "./validators";

/** The elements' default page sizes, so a snapshot and the live first page hold the same rows. */
const DEFAULT_COMMENTS = 20;
const DEFAULT_POSTS = 10;
const MAX_HREF_TEMPLATE = 500;
const CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SORTS: readonly string[] = threadSortValidator.members.map((member) => member.value);
/** A BCP 47 language tag's shape (`de`, `pt-BR`, `zh-Hant-TW`). */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

const POST_FIELDS = [
  "title",
  "content",
  "authorName",
  "publishedAt",
  "updatedAt",
  "createdAt",
  "commentCount",
] satisfies (keyof typeof postFields)[];
const snapshotPostValidator = v.object(pick(postFields, POST_FIELDS));

export const thread = internalQuery({
  args: { organizationSlug: v.string(), postSlug: v.string(), limit: v.number(), sort: threadSortValidator },
  returns: v.union(
    v.object({ post: snapshotPostValidator, page: v.array(commentThreadValidator), isDone: v.boolean() }),
    v.null(),
  ),
  handler: async (ctx, { organizationSlug, postSlug, limit, sort }) => {
    const post = await findPublishedPost(ctx, organizationSlug, postSlug);
    if (!post) return null;
    const { page, isDone } = await threadPage(ctx, post._id, sort, { numItems: limit, cursor: null });
    return { post: pick(post, POST_FIELDS), page, isDone };
  },
});

export const feed = internalQuery({
  args: { organizationSlug: v.string(), limit: v.number() },
  returns: v.union(v.object({ createdAt: v.number(), posts: v.array(postSummaryValidator) }), v.null()),
  handler: async (ctx, { organizationSlug, limit }) => {
    const organization = await organizationBySlug(ctx, organizationSlug);
    if (!organization) return null;
    const posts = await publishedArticles(ctx, organization._id).take(limit);
    return { createdAt: organization.createdAt, posts: posts.map(summaryOf) };
  },
});

class BadRequest extends Error {}

type ParamRule = { required?: boolean; check: (value: string) => boolean; why: string };

const slugRule = (name: string): ParamRule => ({
  required: true,
  check: (value) => value.length <= LIMITS.slugLength && SLUG.test(value),
  why: `${name} must be a slug: lower-case letters, digits and single hyphens, at most ${LIMITS.slugLength} characters.`,
});
const wholeNumber = (name: string, min: number, max: number): ParamRule => ({
  check: (value) => /^\d{1,3}$/.test(value) && Number(value) >= min && Number(value) <= max,
  why: `${name} must be a whole number from ${min} to ${max}.`,
});

/** The query parameters, each given at most once, none unknown, each keeping its rule. */
function readParams(url: URL, rules: Record<string, ParamRule>): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const name of new Set(url.searchParams.keys())) {
    if (!(name in rules)) throw new BadRequest(`Unknown parameter "${name.slice(0, 40)}".`);
    if (url.searchParams.getAll(name).length > 1) throw new BadRequest(`Give "${name}" once.`);
  }
  for (const [name, rule] of Object.entries(rules)) {
    const value = url.searchParams.get(name) ?? undefined;
    if (value === undefined && rule.required) throw new BadRequest(`"${name}" is required.`);
    if (value !== undefined && !rule.check(value)) throw new BadRequest(rule.why);
    values[name] = value;
  }
  return values;
}

const HTML_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "X-Content-Type-Options": "nosniff",
};

/** 404: an empty fragment, cached briefly (a static page's thread is created by its first comment). */
function notFound(kind: "comments" | "posts"): Response {
  return new Response(emptySnapshot(kind), { status: 404, headers: { ...HTML_HEADERS, "Cache-Control": "public, max-age=10" } });
}

/** `GET /snapshots/comments` and `GET /snapshots/posts`. */
export const serve = httpAction(async (ctx, request) => {
  const url = new URL(request.url);
  const kind = url.pathname === "/snapshots/comments" ? "comments" : url.pathname === "/snapshots/posts" ? "posts" : null;
  if (!kind) return new Response("No such snapshot.", { status: 404, headers: { "Content-Type": "text/plain" } });
  try {
    const limitRule = wholeNumber("limit", 1, LIMITS.pageSize);
    const langRule: ParamRule = { check: (value) => LANGUAGE_TAG.test(value), why: "lang must be a language tag such as en or de-CH." };
    if (kind === "comments") {
      const params = readParams(url, {
        org: slugRule("org"),
        post: slugRule("post"),
        limit: limitRule,
        sort: { check: (value) => SORTS.includes(value), why: `sort must be one of ${SORTS.join(", ")}.` },
        lang: langRule,
      });
      const found = await ctx.runQuery(internal.snapshots.thread, {
        organizationSlug: params.org!,
        postSlug: params.post!,
        limit: Number(params.limit ?? DEFAULT_COMMENTS),
        sort: (params.sort ?? "oldest") as ThreadSort,
      });
      if (!found) return notFound(kind);
      const { post, page } = found;
      const dates = page.flatMap((c) => [c, ...c.replies]).map((c) => c.editedAt ?? c.createdAt);
      return await conditionalResponse(
        request,
        commentsSnapshot(snapshotLocale(params.lang ?? "en"), post, page),
        Math.max(post.updatedAt ?? post.createdAt, ...dates),
        { ...HTML_HEADERS, "Cache-Control": CACHE_CONTROL },
      );
    }
    const params = readParams(url, {
      org: slugRule("org"),
      limit: limitRule,
      href: { check: (value) => value.length <= MAX_HREF_TEMPLATE, why: `href must be at most ${MAX_HREF_TEMPLATE} characters.` },
      level: wholeNumber("level", 1, 6),
      lang: langRule,
    });
    const found = await ctx.runQuery(internal.snapshots.feed, {
      organizationSlug: params.org!,
      limit: Number(params.limit ?? DEFAULT_POSTS),
    });
    if (!found) return notFound(kind);
    const body = postsSnapshot(snapshotLocale(params.lang ?? "en"), found.posts, {
      hrefTemplate: params.href ?? "/{slug}",
      headingLevel: Number(params.level ?? 3),
    });
    return await conditionalResponse(
      request,
      body,
      Math.max(found.createdAt, ...found.posts.map((post) => post.publishedAt ?? 0)),
      { ...HTML_HEADERS, "Cache-Control": CACHE_CONTROL },
    );
  } catch (error) {
    if (error instanceof BadRequest) {
      return new Response(error.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
});
