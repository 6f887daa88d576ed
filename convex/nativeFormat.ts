/**
 * The native export format, version 1: an organization's posts and comments as `GET /api/v1/export`
 * writes them and `POST /api/v1/import/native` reads them back.
 *
 *   { format: "live-post-elements.export", version: 1, exportedAt, organization: { slug, name },
 *     posts: NativePost[], comments: NativeComment[] }
 *
 * Ids are the source deployment's; a comment names its post and parent by them. Times are milliseconds
 * since 1970. Authors travel by name only: accounts (and their addresses) stay in their deployment.
 */
import { v, type Infer } from "convex/values";
import { commentStatusValidator, postKindValidator, postStatusValidator } from "./validators";

export const NATIVE_FORMAT = "live-post-elements.export";
export const NATIVE_VERSION = 1;

export const nativePostValidator = v.object({
  id: v.string(),
  kind: postKindValidator,
  status: postStatusValidator,
  slug: v.string(),
  title: v.string(),
  content: v.string(),
  authorName: v.string(),
  createdAt: v.number(),
  publishedAt: v.optional(v.number()),
  updatedAt: v.optional(v.number()),
});

export const nativeCommentValidator = v.object({
  id: v.string(),
  postId: v.string(),
  parentId: v.optional(v.string()),
  /** `visible`, `pending` (awaiting moderation) or `removed` (by a moderator). */
  status: commentStatusValidator,
  authorName: v.string(),
  content: v.string(),
  createdAt: v.number(),
  editedAt: v.optional(v.number()),
  /** The author deleted it and its replies kept it as a tombstone: no author, no text. */
  deletedAt: v.optional(v.number()),
});

export type NativePost = Infer<typeof nativePostValidator>;
export type NativeComment = Infer<typeof nativeCommentValidator>;

export type NativeExport = {
  format: typeof NATIVE_FORMAT;
  version: typeof NATIVE_VERSION;
  exportedAt: string;
  organization: { slug: string; name: string };
  posts: NativePost[];
  comments: NativeComment[];
};

/** Which source's ids an imported row came from. */
export const importSourceValidator = v.literal("native");

/** One imported row and the source id it came from, so a rerun finds it instead of writing it again. */
export const importedItemFields = {
  organizationId: v.id("organizations"),
  source: importSourceValidator,
  kind: v.union(v.literal("post"), v.literal("comment")),
  sourceId: v.string(),
  postId: v.optional(v.id("posts")),
  commentId: v.optional(v.id("comments")),
};
