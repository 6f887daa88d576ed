import type { FunctionReference, PaginationOptions, PaginationResult } from "convex/server";
import type { GenericId } from "convex/values";

/**
 * References to the backend's public functions (convex/README.md), typed by hand so the browser bundle
 * needs neither `convex/server` nor the generated api at runtime: the Convex client accepts a function's
 * name as its reference. tests/unit/api-contract.test.ts checks these types against the generated api.
 */
function query<Args extends Record<string, unknown>, Result>(name: string) {
  return name as unknown as FunctionReference<"query", "public", Args, Result>;
}
function mutation<Args extends Record<string, unknown>, Result>(name: string) {
  return name as unknown as FunctionReference<"mutation", "public", Args, Result>;
}

/** What `paginationOptsValidator` accepts: `PaginationOptions` plus the id reactive clients send. */
export type PageOptions = PaginationOptions & { id?: number };

export type PostId = GenericId<"posts">;
export type UserId = GenericId<"users">;
export type CommentId = GenericId<"comments">;

export interface PostSummary {
  _id: PostId;
  slug: string;
  title: string;
  excerpt: string;
  authorId: UserId;
  authorName: string;
  publishedAt?: number;
  commentCount: number;
}

export interface Post {
  _id: PostId;
  _creationTime: number;
  title: string;
  content: string;
  slug: string;
  kind: "article" | "thread";
  authorId: UserId;
  authorName: string;
  organizationId: GenericId<"organizations">;
  status: "draft" | "published";
  publishedAt?: number;
  createdAt: number;
  updatedAt?: number;
  commentCount: number;
}

export interface Author {
  _id: UserId;
  name: string;
}

export interface Comment {
  _id: CommentId;
  _creationTime: number;
  postId: PostId;
  parentId?: CommentId;
  authorId?: UserId;
  authorName: string;
  content: string;
  createdAt: number;
  editedAt?: number;
  status: "visible" | "pending" | "removed";
  /** A tombstone: deleted by its author, kept for its replies (no author, empty content). */
  deleted?: boolean;
}

export interface CommentThread extends Comment {
  replies: Comment[];
}

export interface Viewer {
  _id: UserId;
  name: string;
  email: string;
  role: "admin" | "user";
  organizationId?: GenericId<"organizations">;
  organizationSlug?: string;
}

export interface ViewerPermissions {
  signedIn: boolean;
  canComment: boolean;
  canModerate: boolean;
  userId?: UserId;
}

export const api = {
  posts: {
    listPublished: query<
      { organizationSlug: string; paginationOpts: PageOptions },
      PaginationResult<PostSummary>
    >("posts:listPublished"),
    getBySlug: query<{ organizationSlug: string; slug: string }, Post | null>("posts:getBySlug"),
    search: query<
      { organizationSlug: string; query: string; authorId?: UserId; limit?: number },
      PostSummary[]
    >("posts:search"),
    listAuthors: query<{ organizationSlug: string }, Author[]>("posts:listAuthors"),
  },
  comments: {
    list: query<
      { organizationSlug: string; postSlug: string; paginationOpts: PageOptions },
      PaginationResult<CommentThread>
    >("comments:list"),
    viewerPending: query<{ organizationSlug: string; postSlug: string }, Comment[]>(
      "comments:viewerPending",
    ),
    viewerPermissions: query<{ organizationSlug: string }, ViewerPermissions>(
      "comments:viewerPermissions",
    ),
    countsForPosts: query<{ postIds: PostId[] }, { postId: PostId; commentCount: number }[]>(
      "comments:countsForPosts",
    ),
    create: mutation<
      {
        organizationSlug: string;
        postSlug: string;
        postTitle?: string;
        content: string;
        parentId?: CommentId;
        clientRequestId: string;
        guestName?: string;
        guestKey?: string;
      },
      { commentId: CommentId; status: Comment["status"] }
    >("comments:create"),
    edit: mutation<{ commentId: CommentId; content: string }, null>("comments:edit"),
    remove: mutation<{ commentId: CommentId }, null>("comments:remove"),
    moderate: mutation<{ commentId: CommentId; action: "approve" | "remove" }, null>("comments:moderate"),
  },
  users: {
    viewer: query<{}, Viewer | null>("users:viewer"),
    ensureViewer: mutation<{}, Viewer>("users:ensureViewer"),
  },
};
