import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { internalMutation, internalQuery, mutation, query, type MutationCtx } from "./_generated/server";
import { fail } from "./lib/errors";
import { checkPagination, paginateChecked } from "./lib/pagination";
import {
  assertSlugFree,
  deletePostBatch,
  organizationBySlug,
  postBySlug,
  publishedArticles,
  removePost,
  summaryOf,
} from "./lib/posts";
import { LIMITS } from "./lib/limits";
import { checkSlug, cleanText, slugify } from "./lib/text";
import { getViewer, requireViewer } from "./lib/viewer";
import { postSummaryValidator, postValidator } from "./validators";

const SEARCH_DEFAULT_LIMIT = 10;
const SEARCH_MAX_LIMIT = 20;
const SEARCH_QUERY_LENGTH = 200;
/** Members checked when listing authors; organizations are small teams. */
const AUTHOR_CANDIDATES = 200;
/** Posts returned by the HTTP API per request. */
const API_POSTS_LIMIT = 100;

const emptyPage = { page: [], isDone: true, continueCursor: "" };

/** The post and the caller, who must be its author (still a member) or an admin of its organization. */
async function requireEditor(ctx: MutationCtx, postId: Id<"posts">) {
  const viewer = await requireViewer(ctx);
  const post = await ctx.db.get("posts", postId);
  if (!post) fail("NOT_FOUND", "This post does not exist.");
  const member = viewer.organizationId === post.organizationId;
  if (!member || (viewer.role !== "admin" && viewer._id !== post.authorId)) {
    fail("FORBIDDEN", "Only the author or an administrator can change this post.");
  }
  return { post, viewer };
}

function editableFields(args: { title?: string; content?: string; slug?: string }) {
  return {
    ...(args.title !== undefined && { title: cleanText("Title", args.title, LIMITS.titleLength) }),
    ...(args.content !== undefined && { content: cleanText("Content", args.content, LIMITS.postLength) }),
    ...(args.slug !== undefined && { slug: checkSlug("Slug", args.slug) }),
  };
}

export const listPublished = query({
  args: { organizationSlug: v.string(), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(postSummaryValidator),
  handler: async (ctx, { organizationSlug, paginationOpts }) => {
    checkPagination(paginationOpts);
    const organization = await organizationBySlug(ctx, organizationSlug);
    if (!organization) return emptyPage;
    const result = await paginateChecked(publishedArticles(ctx, organization._id), paginationOpts);
    return { ...result, page: result.page.map(summaryOf) };
  },
});

export const getBySlug = query({
  args: { organizationSlug: v.string(), slug: v.string() },
  returns: v.union(postValidator, v.null()),
  handler: async (ctx, { organizationSlug, slug }) => {
    const organization = await organizationBySlug(ctx, organizationSlug);
    if (!organization) return null;
    const post = await postBySlug(ctx, organization._id, slug);
    return post?.status === "published" ? post : null;
  },
});

export const search = query({
  args: {
    organizationSlug: v.string(),
    query: v.string(),
    authorId: v.optional(v.id("users")),
    limit: v.optional(v.number()),
  },
  returns: v.array(postSummaryValidator),
  handler: async (ctx, args) => {
    const limit = args.limit ?? SEARCH_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
      fail("INVALID_ARGUMENT", `limit must be a whole number from 1 to ${SEARCH_MAX_LIMIT}.`);
    }
    const text = args.query.trim();
    if (text.length > SEARCH_QUERY_LENGTH) {
      fail("INVALID_ARGUMENT", `The search must be at most ${SEARCH_QUERY_LENGTH} characters.`);
    }
    const organization = await organizationBySlug(ctx, args.organizationSlug);
    if (!organization || !text) return [];

    const hits = async (index: "search_title" | "search_content", field: "title" | "content") =>
      await ctx.db
        .query("posts")
        .withSearchIndex(index, (q) => {
          const scoped = q
            .search(field, text)
            .eq("organizationId", organization._id)
            .eq("status", "published")
            .eq("kind", "article");
          return args.authorId ? scoped.eq("authorId", args.authorId) : scoped;
        })
        .take(limit);
    const byTitle = await hits("search_title", "title");
    const byContent = await hits("search_content", "content");
    const seen = new Set<Id<"posts">>();
    const merged: Doc<"posts">[] = [];
    for (const post of [...byTitle, ...byContent]) {
      if (seen.has(post._id)) continue;
      seen.add(post._id);
      merged.push(post);
    }
    return merged.slice(0, limit).map(summaryOf);
  },
});

export const listAuthors = query({
  args: { organizationSlug: v.string() },
  returns: v.array(v.object({ _id: v.id("users"), name: v.string() })),
  handler: async (ctx, { organizationSlug }) => {
    const organization = await organizationBySlug(ctx, organizationSlug);
    if (!organization) return [];
    const members = await ctx.db
      .query("users")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organization._id))
      .take(AUTHOR_CANDIDATES);
    const authors = [];
    for (const member of members) {
      const published = await ctx.db
        .query("posts")
        .withIndex("by_authorId_kind_status", (q) =>
          q.eq("authorId", member._id).eq("kind", "article").eq("status", "published"),
        )
        .first();
      if (published) authors.push({ _id: member._id, name: member.name });
    }
    return authors.sort((a, b) => a.name.localeCompare(b.name));
  },
});

export const listForDashboard = query({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(postValidator),
  handler: async (ctx, { paginationOpts }) => {
    const viewer = await requireViewer(ctx);
    const organizationId = viewer.organizationId;
    if (!organizationId) fail("FORBIDDEN", "Only members of an organization have a dashboard.");
    return await paginateChecked(
      ctx.db
        .query("posts")
        .withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", organizationId))
        .order("desc"),
      paginationOpts,
    );
  },
});

export const get = query({
  args: { postId: v.id("posts") },
  returns: v.union(postValidator, v.null()),
  handler: async (ctx, { postId }) => {
    const post = await ctx.db.get("posts", postId);
    if (!post) return null;
    if (post.status === "published") return post;
    const viewer = await getViewer(ctx);
    return viewer?.organizationId === post.organizationId ? post : null;
  },
});

export const create = mutation({
  args: { title: v.string(), content: v.string(), slug: v.optional(v.string()) },
  returns: v.id("posts"),
  handler: async (ctx, args) => {
    const viewer = await requireViewer(ctx);
    const organizationId = viewer.organizationId;
    if (!organizationId) fail("FORBIDDEN", "Only members of an organization can write posts.");
    const title = cleanText("Title", args.title, LIMITS.titleLength);
    const content = cleanText("Content", args.content, LIMITS.postLength);
    const slug = args.slug === undefined ? slugify(title) : checkSlug("Slug", args.slug);
    await assertSlugFree(ctx, organizationId, slug);
    return await ctx.db.insert("posts", {
      title,
      content,
      slug,
      kind: "article",
      authorId: viewer._id,
      authorName: viewer.name,
      organizationId,
      status: "draft",
      createdAt: Date.now(),
      commentCount: 0,
    });
  },
});

export const update = mutation({
  args: {
    postId: v.id("posts"),
    title: v.optional(v.string()),
    content: v.optional(v.string()),
    slug: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { postId, ...fields }) => {
    const { post } = await requireEditor(ctx, postId);
    const patch = editableFields(fields);
    if (Object.keys(patch).length === 0) return null;
    if (patch.slug !== undefined) await assertSlugFree(ctx, post.organizationId, patch.slug, post._id);
    await ctx.db.patch("posts", post._id, { ...patch, updatedAt: Date.now() });
    return null;
  },
});

export const replace = mutation({
  args: { postId: v.id("posts"), title: v.string(), content: v.string(), slug: v.string() },
  returns: v.null(),
  handler: async (ctx, { postId, ...fields }) => {
    const { post } = await requireEditor(ctx, postId);
    const edited = editableFields(fields);
    await assertSlugFree(ctx, post.organizationId, fields.slug, post._id);
    // The whole document is written again: what the editor sends replaces the editable fields,
    // the rest (organization, author, status, counts) is carried over from the stored post.
    const { _id, _creationTime, ...stored } = post;
    await ctx.db.replace("posts", _id, { ...stored, ...edited, updatedAt: Date.now() });
    return null;
  },
});

export const publish = mutation({
  args: { postId: v.id("posts") },
  returns: v.null(),
  handler: async (ctx, { postId }) => {
    const { post } = await requireEditor(ctx, postId);
    // Publishing twice keeps the first date, so the feed order does not change.
    if (post.status === "published") return null;
    await ctx.db.patch("posts", post._id, { status: "published", publishedAt: Date.now() });
    return null;
  },
});

export const unpublish = mutation({
  args: { postId: v.id("posts") },
  returns: v.null(),
  handler: async (ctx, { postId }) => {
    const { post } = await requireEditor(ctx, postId);
    await ctx.db.patch("posts", post._id, { status: "draft", publishedAt: undefined });
    return null;
  },
});

export const remove = mutation({
  args: { postId: v.id("posts") },
  returns: v.null(),
  handler: async (ctx, { postId }) => {
    const { post } = await requireEditor(ctx, postId);
    await removePost(ctx, post._id);
    return null;
  },
});

export const removeBatch = internalMutation({
  args: { postId: v.id("posts") },
  returns: v.null(),
  handler: async (ctx, { postId }) => {
    if (!(await deletePostBatch(ctx, postId))) {
      await ctx.scheduler.runAfter(0, internal.posts.removeBatch, { postId });
    }
    return null;
  },
});

/** The organization's newest posts, every status, for `GET /api/v1/posts`. */
export const listForApi = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.array(postValidator),
  handler: async (ctx, { organizationId }) =>
    await ctx.db
      .query("posts")
      .withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", organizationId))
      .order("desc")
      .take(API_POSTS_LIMIT),
});
