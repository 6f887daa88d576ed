/**
 * RSS 2.0 and Atom feeds of an organization's published articles and of a published post's visible
 * comments, on the site origin:
 *
 *   /feeds/<organization>/posts.rss · /feeds/<organization>/posts.atom
 *   /feeds/<organization>/<post>/comments.rss · /feeds/<organization>/<post>/comments.atom
 *
 * Drafts, pending and removed comments and deleted comments' tombstones never appear.
 */
import { pick } from "convex-helpers";
import { v, type Infer } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { httpAction, internalQuery } from "./_generated/server";
import { config } from "./lib/config";
import { conditionalResponse } from "./lib/conditionalGet";
import { FEED_CONTENT_TYPES, renderFeed, type Feed, type FeedFormat } from "./lib/feedFormats";
import { organizationBySlug, postBySlug, publishedArticles } from "./lib/posts";
import { commentFields, organizationFields, postFields } from "./validators";

/** Newest articles in the posts feed (whole bodies, so fewer than a page of the list). */
const FEED_POSTS = 20;
/** Newest comments in a post's comment feed. */
const FEED_COMMENTS = 100;
const CACHE_CONTROL = "public, max-age=60";

const ORGANIZATION_FIELDS = ["name", "slug", "createdAt"] satisfies (keyof typeof organizationFields)[];
const POST_FIELDS = [
  "title",
  "slug",
  "content",
  "authorName",
  "publishedAt",
  "updatedAt",
  "createdAt",
] satisfies (keyof typeof postFields)[];
const COMMENT_FIELDS = [
  "authorName",
  "content",
  "createdAt",
  "editedAt",
  "parentId",
] satisfies (keyof typeof commentFields)[];

const feedOrganizationValidator = v.object(pick(organizationFields, ORGANIZATION_FIELDS));
const feedPostValidator = v.object({ _id: v.id("posts"), ...pick(postFields, POST_FIELDS) });
const feedCommentValidator = v.object({ _id: v.id("comments"), ...pick(commentFields, COMMENT_FIELDS) });
type FeedOrganization = Infer<typeof feedOrganizationValidator>;
type FeedPost = Infer<typeof feedPostValidator>;

const feedPost = (post: Doc<"posts">): FeedPost => pick(post, ["_id", ...POST_FIELDS]);

export const publishedPosts = internalQuery({
  args: { organizationSlug: v.string() },
  returns: v.union(v.object({ organization: feedOrganizationValidator, posts: v.array(feedPostValidator) }), v.null()),
  handler: async (ctx, { organizationSlug }) => {
    const organization = await organizationBySlug(ctx, organizationSlug);
    if (!organization) return null;
    const posts = await publishedArticles(ctx, organization._id).take(FEED_POSTS);
    return { organization: pick(organization, ORGANIZATION_FIELDS), posts: posts.map(feedPost) };
  },
});

export const visibleComments = internalQuery({
  args: { organizationSlug: v.string(), postSlug: v.string() },
  returns: v.union(
    v.object({
      organization: feedOrganizationValidator,
      post: feedPostValidator,
      comments: v.array(feedCommentValidator),
    }),
    v.null(),
  ),
  handler: async (ctx, { organizationSlug, postSlug }) => {
    const organization = await organizationBySlug(ctx, organizationSlug);
    const post = organization && (await postBySlug(ctx, organization._id, postSlug));
    if (!organization || post?.status !== "published") return null;
    const comments = await ctx.db
      .query("comments")
      .withIndex("by_postId_status_createdAt", (q) => q.eq("postId", post._id).eq("status", "visible"))
      .order("desc")
      .take(FEED_COMMENTS);
    return {
      organization: pick(organization, ORGANIZATION_FIELDS),
      post: feedPost(post),
      comments: comments
        .filter((comment) => comment.deletedAt === undefined)
        .map((comment) => pick(comment, ["_id", ...COMMENT_FIELDS])),
    };
  },
});

/** `tag:` URIs (RFC 4151) under the deployment's host, dated by the organization's creation. */
function tagFor(siteOrigin: URL, organization: FeedOrganization, specific: string): string {
  return `tag:${siteOrigin.hostname},${new Date(organization.createdAt).toISOString().slice(0, 10)}:${specific}`;
}

const postDate = (post: FeedPost) => post.publishedAt ?? post.createdAt;
const postUpdated = (post: FeedPost) => Math.max(postDate(post), post.updatedAt ?? 0);

const FEED_PATH = /^\/feeds\/([a-z0-9-]+)\/(?:posts|([a-z0-9-]+)\/comments)\.(rss|atom)$/;

/** `GET /feeds/…`: one of the four feeds, with `ETag` / `Last-Modified`; 404 for anything unknown. */
export const serve = httpAction(async (ctx, request) => {
  const requested = new URL(request.url);
  // The deployment's own name for its site origin; the request's, where the platform sets none.
  const url = new URL(requested.pathname, config.convexSiteUrl() ?? requested.origin);
  const match = FEED_PATH.exec(url.pathname);
  const notFound = () => new Response("No such feed.", { status: 404, headers: { "Content-Type": "text/plain" } });
  if (!match) return notFound();
  const [, organizationSlug, postSlug, format] = match as unknown as [string, string, string | undefined, FeedFormat];
  const base = {
    selfUrl: url.origin + url.pathname,
    siteUrl: config.siteUrl(),
  };
  let feed: Feed;
  if (postSlug === undefined) {
    const found = await ctx.runQuery(internal.feeds.publishedPosts, { organizationSlug });
    if (!found) return notFound();
    const { organization, posts } = found;
    feed = {
      ...base,
      id: tagFor(url, organization, `${organization.slug}/posts`),
      title: organization.name,
      description: `Posts of ${organization.name}`,
      authorName: organization.name,
      updated: Math.max(organization.createdAt, ...posts.map(postUpdated)),
      entries: posts.map((post) => ({
        id: tagFor(url, organization, `posts/${post._id}`),
        title: post.title,
        text: post.content,
        authorName: post.authorName,
        published: postDate(post),
        updated: postUpdated(post),
      })),
    };
  } else {
    const found = await ctx.runQuery(internal.feeds.visibleComments, { organizationSlug, postSlug });
    if (!found) return notFound();
    const { organization, post, comments } = found;
    feed = {
      ...base,
      id: tagFor(url, organization, `${organization.slug}/${post.slug}/comments`),
      title: `Comments on ${post.title}`,
      description: `Comments on “${post.title}” (${organization.name})`,
      authorName: organization.name,
      updated: Math.max(postUpdated(post), ...comments.map((c) => c.editedAt ?? c.createdAt)),
      entries: comments.map((comment) => ({
        id: tagFor(url, organization, `comments/${comment._id}`),
        title: `${comment.parentId === undefined ? "Comment" : "Reply"} by ${comment.authorName}`,
        text: comment.content,
        authorName: comment.authorName,
        published: comment.createdAt,
        updated: comment.editedAt ?? comment.createdAt,
      })),
    };
  }
  return await conditionalResponse(request, renderFeed(feed, format), feed.updated, {
    "Content-Type": FEED_CONTENT_TYPES[format],
    "Cache-Control": CACHE_CONTROL,
    // Served as XML, never sniffed into HTML.
    "X-Content-Type-Options": "nosniff",
  });
});
