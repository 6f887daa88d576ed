import type { FunctionArgs, FunctionReturnType, PaginationOptions } from "convex/server";
import type { GenericId } from "convex/values";
import type { api as backend } from "../../convex/_generated/api.js";
import { functionRefs } from "./function-ref.js";

/**
 * References to the backend's public functions that the elements call (convex/README.md), and the shapes
 * they carry, typed from the backend's own function types. The import is type-only: `tsc` writes these
 * types resolved into the published typings, which so name no backend module (scripts/prune-types.mjs).
 * At runtime each reference is the function's name, made on access (src/internal/function-ref.ts).
 */
export const api = functionRefs<
  typeof backend,
  {
    posts: "listPublished" | "getBySlug" | "search" | "listAuthors";
    comments:
      | "list"
      | "viewerPending"
      | "viewerPermissions"
      | "countsForPosts"
      | "countForPost"
      | "permalinkPosition"
      | "create"
      | "edit"
      | "remove"
      | "moderate";
    pins: "pin" | "unpin";
    reports: "create";
    reactions: "counts" | "viewerReactions" | "set";
    users: "viewer" | "ensureViewer";
  }
>();

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
