/**
 * The native export format, version 1: an organization's posts and comments as `GET /api/v1/export`
 * writes them and `POST /api/v1/import/native` reads them back.
 *
 *   { format: "live-post-elements.export", version: 1, exportedAt, organization: { slug, name },
 *     posts: NativePost[], comments: NativeComment[] }
 *
 * Ids are the source deployment's; a comment names its post and the comment it answers by them. Times are
 * milliseconds since 1970. Authors travel by name only: accounts (and their addresses) stay in their
 * deployment. The importers of other systems' files (bin/sources/) send their entries in this shape too,
 * with the two import-only fields below.
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
  /** Import only: the page the thread was on, kept with the import record. */
  url: v.optional(v.string()),
});

export const nativeCommentValidator = v.object({
  id: v.string(),
  postId: v.string(),
  /**
   * The comment it answers. Replies are one level deep here: an answer to a reply goes under that reply's
   * top-level comment, naming the reply it answers.
   */
  parentId: v.optional(v.string()),
  /** `visible`, `pending` (awaiting moderation) or `removed` (by a moderator). */
  status: commentStatusValidator,
  authorName: v.string(),
  content: v.string(),
  createdAt: v.number(),
  editedAt: v.optional(v.number()),
  /** The author deleted it and its replies kept it as a tombstone: no author, no text. */
  deletedAt: v.optional(v.number()),
  /** Import only: the author's address, kept private with the import record for linking a future account. */
  authorEmail: v.optional(v.string()),
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

/** Which source's ids an imported row came from: our own export, or the system a site moves from. */
export const importSourceValidator = v.union(
  v.literal("native"),
  v.literal("disqus"),
  v.literal("wordpress"),
  v.literal("remark42"),
  v.literal("commento"),
);
export type ImportSource = Infer<typeof importSourceValidator>;

/** One imported row and the source id it came from, so a rerun finds it instead of writing it again. */
export const importedItemFields = {
  organizationId: v.id("organizations"),
  source: importSourceValidator,
  kind: v.union(v.literal("post"), v.literal("comment")),
  sourceId: v.string(),
  postId: v.optional(v.id("posts")),
  commentId: v.optional(v.id("comments")),
  /** A thread's original page. */
  url: v.optional(v.string()),
  /** A comment author's address: never shown, for linking the account they may create later. */
  authorEmail: v.optional(v.string()),
};
