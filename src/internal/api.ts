import type { FunctionArgs, FunctionReturnType, PaginationOptions } from "convex/server";
import type { GenericId } from "convex/values";
import type { api as backend } from "../../convex/_generated/api.js";
import { functionRef } from "./function-ref.js";

/**
 * References to the backend's public functions that the elements call (convex/README.md), and the shapes
 * they carry, typed from the backend's own function types. The import is type-only: `tsc` writes these
 * types resolved into the published typings, which so name no backend module (scripts/prune-types.mjs).
 */
const ref = functionRef<typeof backend>();

export const api = {
  posts: {
    listPublished: ref("posts:listPublished"),
    getBySlug: ref("posts:getBySlug"),
    search: ref("posts:search"),
    listAuthors: ref("posts:listAuthors"),
  },
  comments: {
    list: ref("comments:list"),
    viewerPending: ref("comments:viewerPending"),
    viewerPermissions: ref("comments:viewerPermissions"),
    countsForPosts: ref("comments:countsForPosts"),
    countForPost: ref("comments:countForPost"),
    permalinkPosition: ref("comments:permalinkPosition"),
    create: ref("comments:create"),
    edit: ref("comments:edit"),
    remove: ref("comments:remove"),
    moderate: ref("comments:moderate"),
  },
  pins: {
    pin: ref("pins:pin"),
    unpin: ref("pins:unpin"),
  },
  reports: {
    create: ref("reports:create"),
  },
  reactions: {
    counts: ref("reactions:counts"),
    viewerReactions: ref("reactions:viewerReactions"),
    set: ref("reactions:set"),
  },
  users: {
    viewer: ref("users:viewer"),
    ensureViewer: ref("users:ensureViewer"),
  },
};

/** What `paginationOptsValidator` accepts: `PaginationOptions` plus the id reactive clients send. */
export type PageOptions = PaginationOptions & { id?: number };

export type PostId = GenericId<"posts">;
export type UserId = GenericId<"users">;
export type CommentId = GenericId<"comments">;

export type PostSummary = FunctionReturnType<typeof api.posts.search>[number];
export type Post = NonNullable<FunctionReturnType<typeof api.posts.getBySlug>>;
export type Author = FunctionReturnType<typeof api.posts.listAuthors>[number];
/** A comment; `deleted` marks a tombstone: deleted by its author, kept for its replies (no author, empty content). */
export type Comment = FunctionReturnType<typeof api.comments.viewerPending>[number];
/** The orders of a thread's top-level comments (`<post-comments sort>`). */
export type ThreadSort = NonNullable<FunctionArgs<typeof api.comments.list>["sort"]>;
export type CommentThread = FunctionReturnType<typeof api.comments.list>["page"][number];
export type Viewer = FunctionReturnType<typeof api.users.ensureViewer>;
export type ViewerPermissions = FunctionReturnType<typeof api.comments.viewerPermissions>;
/** One target's reactions (a comment or the post), by kind; a kind absent has none. */
export type ReactionCounts = FunctionReturnType<typeof api.reactions.counts>[number]["counts"];
export type ReactionKind = FunctionReturnType<typeof api.reactions.viewerReactions>[number]["kind"];
