/**
 * Reads an uploaded native export (see nativeFormat.ts) into entries the import can write, checking each
 * entry on its own: a malformed one is skipped with a line naming it, the rest still go in.
 */
import { parse, ValidationError } from "convex-helpers/validators";
import { ConvexError, type Validator } from "convex/values";
import {
  NATIVE_FORMAT,
  NATIVE_VERSION,
  nativeCommentValidator,
  nativePostValidator,
  type NativeComment,
  type NativePost,
} from "../nativeFormat";
import { LIMITS } from "./limits";
import { checkSlug, textProblem } from "./text";

export type SkippedEntry = { kind: "post" | "comment"; index: number; sourceId?: string; reason: string };

export type NativeDocument = { posts: NativePost[]; comments: NativeComment[]; skipped: SkippedEntry[] };

const EXPECTED = `a live-post-elements export: a JSON object with "format": "${NATIVE_FORMAT}", "version": ${NATIVE_VERSION}, "posts" and "comments" arrays`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The message of what `check` throws (our ConvexError or a validator's error), or null. */
function problemOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof ConvexError) return (error.data as { message: string }).message;
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
}

const timeProblem = (field: string, value: number | undefined) =>
  value === undefined || (Number.isFinite(value) && value >= 0) ? null : `${field} must be a time in milliseconds.`;

function postProblem(post: NativePost): string | null {
  return (
    problemOf(() => checkSlug("slug", post.slug)) ??
    textProblem("title", post.title, LIMITS.titleLength) ??
    // A static page's thread has no body.
    (post.content === "" ? null : textProblem("content", post.content, LIMITS.postLength)) ??
    textProblem("authorName", post.authorName, LIMITS.nameLength) ??
    timeProblem("createdAt", post.createdAt) ??
    timeProblem("publishedAt", post.publishedAt) ??
    timeProblem("updatedAt", post.updatedAt)
  );
}

function commentProblem(comment: NativeComment): string | null {
  const textProblems =
    comment.deletedAt === undefined
      ? (textProblem("content", comment.content, LIMITS.commentLength) ??
        textProblem("authorName", comment.authorName, LIMITS.nameLength))
      : comment.content || comment.authorName
        ? "a deleted comment keeps no author and no text."
        : null;
  return (
    textProblems ??
    timeProblem("createdAt", comment.createdAt) ??
    timeProblem("editedAt", comment.editedAt) ??
    timeProblem("deletedAt", comment.deletedAt)
  );
}

function readEntries<T extends { id: string }>(
  kind: SkippedEntry["kind"],
  values: unknown[],
  validator: Validator<T, "required", string>,
  problem: (entry: T) => string | null,
  skipped: SkippedEntry[],
): T[] {
  const entries: T[] = [];
  values.forEach((value, index) => {
    const sourceId = isRecord(value) && typeof value.id === "string" ? value.id : undefined;
    let entry: T | undefined;
    const reason = problemOf(() => (entry = parse(validator, value))) ?? problem(entry!);
    if (reason === null) entries.push(entry!);
    else skipped.push({ kind, index, ...(sourceId !== undefined && { sourceId }), reason });
  });
  return entries;
}

/** The document's valid entries and a line for each skipped one; or, when it is not a native export, why. */
export function readNativeDocument(value: unknown): NativeDocument | { error: string } {
  if (
    !isRecord(value) ||
    value.format !== NATIVE_FORMAT ||
    !Array.isArray(value.posts) ||
    !Array.isArray(value.comments)
  ) {
    return { error: `Expected ${EXPECTED}.` };
  }
  if (value.version !== NATIVE_VERSION) {
    return { error: `Expected version ${NATIVE_VERSION} of the export format, got ${JSON.stringify(value.version)}.` };
  }
  const skipped: SkippedEntry[] = [];
  const posts = readEntries("post", value.posts, nativePostValidator, postProblem, skipped);
  const comments = readEntries("comment", value.comments, nativeCommentValidator, commentProblem, skipped);
  return { posts, comments, skipped };
}
