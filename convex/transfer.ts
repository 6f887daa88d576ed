/**
 * Moving an organization's posts and comments out and back in, in the native format (nativeFormat.ts):
 * `GET /api/v1/export` and `POST /api/v1/import/<source>`, both with an admin's API key. `native` takes
 * an export; the other sources (`disqus`, `wordpress`, `remark42`, `commento`) take batches the command
 * read from those systems' files (bin/sources/), in the same shape.
 *
 * An import is idempotent: every row it writes is recorded with its source and source id
 * (`importedItems`), and an entry whose source id is recorded — or is a row of this organization already,
 * as when a backup comes home — is counted as already present. A post whose slug the organization
 * already uses takes the imported comments instead of being written twice.
 */
import { paginationOptsValidator, paginationResultValidator, type PaginationResult } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { httpAction, internalMutation, internalQuery, type ActionCtx, type MutationCtx } from "./_generated/server";
import { authorizeApiKey } from "./lib/apiKeyRequest";
import { insertComment } from "./lib/comments";
import { readNativeDocument, type SkippedEntry } from "./lib/nativeDocument";
import { postBySlug } from "./lib/posts";
import { emailProblem, normaliseEmail } from "./lib/text";
import {
  NATIVE_FORMAT,
  NATIVE_VERSION,
  importSourceValidator,
  nativeCommentValidator,
  nativePostValidator,
  type ImportSource,
  type NativeComment,
  type NativeExport,
  type NativePost,
} from "./nativeFormat";

/** Rows read per query while exporting. */
const EXPORT_PAGE = 500;
/** Comments written per transaction while importing. */
const IMPORT_BATCH = 200;
/** Posts per transaction: up to 100,000 characters each, so a batch stays well inside a transaction's writes. */
const POST_IMPORT_BATCH = 20;

const toNativePost = (post: Doc<"posts">): NativePost => ({
  id: post._id,
  kind: post.kind,
  status: post.status,
  slug: post.slug,
  title: post.title,
  content: post.content,
  authorName: post.authorName,
  createdAt: post.createdAt,
  publishedAt: post.publishedAt,
  updatedAt: post.updatedAt,
});

const toNativeComment = (comment: Doc<"comments">): NativeComment => ({
  id: comment._id,
  postId: comment.postId,
  parentId: comment.replyToId ?? comment.parentId,
  status: comment.status,
  authorName: comment.authorName,
  content: comment.content,
  createdAt: comment.createdAt,
  editedAt: comment.editedAt,
  deletedAt: comment.deletedAt,
});

export const exportPostsPage = internalQuery({
  args: { organizationId: v.id("organizations"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(nativePostValidator),
  handler: async (ctx, { organizationId, paginationOpts }) => {
    const page = await ctx.db
      .query("posts")
      .withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", organizationId))
      .paginate(paginationOpts);
    return { ...page, page: page.page.map(toNativePost) };
  },
});

export const exportCommentsPage = internalQuery({
  args: { organizationId: v.id("organizations"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(nativeCommentValidator),
  handler: async (ctx, { organizationId, paginationOpts }) => {
    const page = await ctx.db
      .query("comments")
      .withIndex("by_organizationId_status", (q) => q.eq("organizationId", organizationId))
      .paginate(paginationOpts);
    return { ...page, page: page.page.map(toNativeComment) };
  },
});

export const organizationHeader = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.object({ slug: v.string(), name: v.string() }),
  handler: async (ctx, { organizationId }) => {
    const organization = (await ctx.db.get("organizations", organizationId))!;
    return { slug: organization.slug, name: organization.name };
  },
});

const countsValidator = v.object({ posts: v.number(), comments: v.number() });
const batchResultValidator = v.object({
  imported: countsValidator,
  alreadyPresent: countsValidator,
  skipped: v.array(
    v.object({ kind: v.union(v.literal("post"), v.literal("comment")), sourceId: v.string(), reason: v.string() }),
  ),
  /** Source ids of comments whose parent is not (yet) in the organization: nothing was written for them. */
  waiting: v.array(v.string()),
});
type BatchResult = typeof batchResultValidator.type;

/**
 * Where one batch writes: the organization, whose ids its entries carry, and the import records it has
 * read or written, so a thread named by every comment and a parent written just before are read once.
 */
type Target = {
  organizationId: Id<"organizations">;
  source: ImportSource;
  records: Map<string, Doc<"importedItems"> | null>;
};

async function importedRow(ctx: MutationCtx, target: Target, kind: "post" | "comment", sourceId: string) {
  const key = `${kind}:${sourceId}`;
  const known = target.records.get(key);
  if (known !== undefined) return known;
  const { organizationId, source } = target;
  const row = await ctx.db
    .query("importedItems")
    .withIndex("by_organizationId_source_kind_sourceId", (q) =>
      q.eq("organizationId", organizationId).eq("source", source).eq("kind", kind).eq("sourceId", sourceId),
    )
    .unique();
  target.records.set(key, row);
  return row;
}

/** Rows a batch's look-ahead may read per entry before it gives up for lookups one by one. */
const LOOKAHEAD_ROWS_PER_ENTRY = 4;
const ASCII = /^[\x20-\x7e]*$/;

/**
 * Reads the import records of a batch's own source ids in one index range (from the least to the
 * greatest id) instead of one lookup each; unless other records crowd that range, then each entry is
 * looked up alone. Only for ASCII ids, whose order in the index is the order compared here.
 */
async function readAhead(ctx: MutationCtx, target: Target, kind: "post" | "comment", sourceIds: string[]) {
  if (sourceIds.length < 2 || !sourceIds.every((id) => ASCII.test(id))) return;
  const sorted = [...sourceIds].sort();
  const limit = sourceIds.length * LOOKAHEAD_ROWS_PER_ENTRY;
  const { organizationId, source } = target;
  const rows = await ctx.db
    .query("importedItems")
    .withIndex("by_organizationId_source_kind_sourceId", (q) =>
      q
        .eq("organizationId", organizationId)
        .eq("source", source)
        .eq("kind", kind)
        .gte("sourceId", sorted[0]!)
        .lte("sourceId", sorted.at(-1)!),
    )
    .take(limit + 1);
  if (rows.length > limit) return;
  for (const sourceId of sourceIds) target.records.set(`${kind}:${sourceId}`, null);
  for (const row of rows) target.records.set(`${kind}:${row.sourceId}`, row);
}

/** Records where source id `sourceId` went; a record left by a row since deleted is moved, not doubled. */
async function recordImport(
  ctx: MutationCtx,
  target: Target,
  row: ({ kind: "post"; postId: Id<"posts"> } | { kind: "comment"; commentId: Id<"comments"> }) & {
    url?: string;
    authorEmail?: string;
  },
  sourceId: string,
) {
  const existing = await importedRow(ctx, target, row.kind, sourceId);
  const { organizationId, source } = target;
  const id = existing?._id ?? (await ctx.db.insert("importedItems", { organizationId, source, sourceId, ...row }));
  if (existing) await ctx.db.patch("importedItems", id, row);
  target.records.set(`${row.kind}:${sourceId}`, await ctx.db.get("importedItems", id));
}

/** A native source id may be a row of this deployment: a backup coming home. */
const ownId = <T extends "posts" | "comments">(ctx: MutationCtx, target: Target, table: T, sourceId: string) =>
  target.source === "native" ? ctx.db.normalizeId(table, sourceId) : null;

/** The post of this organization that source id `sourceId` stands for: imported from it, or that very row. */
async function resolvePost(ctx: MutationCtx, target: Target, sourceId: string) {
  const row = await importedRow(ctx, target, "post", sourceId);
  const id = row?.postId ?? ownId(ctx, target, "posts", sourceId);
  const post = id ? await ctx.db.get("posts", id) : null;
  return post?.organizationId === target.organizationId ? post : null;
}

async function resolveComment(ctx: MutationCtx, target: Target, sourceId: string) {
  const row = await importedRow(ctx, target, "comment", sourceId);
  const id = row?.commentId ?? ownId(ctx, target, "comments", sourceId);
  const comment = id ? await ctx.db.get("comments", id) : null;
  return comment?.organizationId === target.organizationId ? comment : null;
}

/** The address, normalised, when it is one; a malformed address is dropped, not the comment. */
function privateEmail(email: string | undefined): string | undefined {
  const normalised = email === undefined ? undefined : normaliseEmail(email);
  return normalised && !emailProblem(normalised) ? normalised : undefined;
}

async function importPost(ctx: MutationCtx, organization: Doc<"organizations">, target: Target, post: NativePost, result: BatchResult) {
  const organizationId = organization._id;
  if (await resolvePost(ctx, target, post.id)) {
    result.alreadyPresent.posts++;
    return;
  }
  const sameSlug = await postBySlug(ctx, organizationId, post.slug);
  const postId =
    sameSlug?._id ??
    (await ctx.db.insert("posts", {
      kind: post.kind,
      status: post.status,
      slug: post.slug,
      title: post.title,
      content: post.content,
      // Accounts stay in their deployment: the owner holds the post, under its original author's name.
      // Another system's page thread is the organization's, as one created by its first comment.
      authorId: organization.ownerId,
      authorName: target.source === "native" ? post.authorName : organization.name,
      organizationId,
      createdAt: post.createdAt,
      publishedAt: post.status === "published" ? (post.publishedAt ?? post.createdAt) : post.publishedAt,
      updatedAt: post.updatedAt,
      commentCount: 0,
    }));
  await recordImport(ctx, target, { kind: "post", postId, ...(post.url !== undefined && { url: post.url }) }, post.id);
  if (sameSlug) result.alreadyPresent.posts++;
  else result.imported.posts++;
}

async function importComment(ctx: MutationCtx, target: Target, comment: NativeComment, result: BatchResult) {
  const skip = (reason: string) => result.skipped.push({ kind: "comment", sourceId: comment.id, reason });
  if (await resolveComment(ctx, target, comment.id)) {
    result.alreadyPresent.comments++;
    return;
  }
  const post = await resolvePost(ctx, target, comment.postId);
  if (!post) return skip(`its post ${comment.postId} is not in the organization.`);
  let parentId: Id<"comments"> | undefined;
  let replyToId: Id<"comments"> | undefined;
  if (comment.parentId !== undefined) {
    const parent = await resolveComment(ctx, target, comment.parentId);
    if (!parent) {
      result.waiting.push(comment.id);
      return;
    }
    if (parent.postId !== post._id) return skip(`the comment it answers is on another post.`);
    // Replies are one level deep: an answer to a reply goes under the reply's own top-level comment,
    // naming the reply it answers.
    parentId = parent.parentId ?? parent._id;
    replyToId = parent.parentId && parent._id;
  }
  const commentId = await insertComment(ctx, {
    postId: post._id,
    organizationId: target.organizationId,
    parentId,
    ...(replyToId && { replyToId }),
    status: comment.status,
    authorName: comment.authorName,
    content: comment.content,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    deletedAt: comment.deletedAt,
  });
  const authorEmail = privateEmail(comment.authorEmail);
  await recordImport(ctx, target, { kind: "comment", commentId, ...(authorEmail && { authorEmail }) }, comment.id);
  result.imported.comments++;
}

/** Writes one batch: posts first, then comments (whose posts and parents are in this or an earlier batch). */
export const importNativeBatch = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    source: importSourceValidator,
    posts: v.array(nativePostValidator),
    comments: v.array(nativeCommentValidator),
  },
  returns: batchResultValidator,
  handler: async (ctx, { organizationId, source, posts, comments }) => {
    const organization = (await ctx.db.get("organizations", organizationId))!;
    const target: Target = { organizationId, source, records: new Map() };
    await readAhead(ctx, target, "post", posts.map((post) => post.id));
    await readAhead(ctx, target, "comment", comments.map((comment) => comment.id));
    const result: BatchResult = {
      imported: { posts: 0, comments: 0 },
      alreadyPresent: { posts: 0, comments: 0 },
      skipped: [],
      waiting: [],
    };
    for (const post of posts) await importPost(ctx, organization, target, post, result);
    for (const comment of comments) await importComment(ctx, target, comment, result);
    return result;
  },
});

async function readAll<T>(read: (cursor: string | null) => Promise<PaginationResult<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: PaginationResult<T> = await read(cursor);
    rows.push(...page.page);
    if (page.isDone) return rows;
    cursor = page.continueCursor;
  }
}

const byCreation = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The key's organization, or the refusal: `?organization=<slug>`, when given, must name it, so a command
 * run with the wrong key stops before it reads or writes anything.
 */
async function keyOrganization(ctx: ActionCtx, request: Request) {
  const authorized = await authorizeApiKey(ctx, request, { adminOnly: true });
  if ("refused" in authorized) return authorized;
  const { organizationId } = authorized.key;
  const organization = await ctx.runQuery(internal.transfer.organizationHeader, { organizationId });
  const named = new URL(request.url).searchParams.get("organization");
  if (named !== null && named !== organization.slug) {
    const error = `This API key belongs to the organization "${organization.slug}", not "${named}".`;
    return { refused: Response.json({ error }, { status: 403 }) };
  }
  return { organizationId, organization };
}

/** `GET /api/v1/export[?organization=<slug>]`: every post and comment of the key's organization, oldest first. */
export const exportOrganization = httpAction(async (ctx, request) => {
  const authorized = await keyOrganization(ctx, request);
  if ("refused" in authorized) return authorized.refused;
  const { organizationId, organization } = authorized;
  const paginationOpts = (cursor: string | null) => ({ numItems: EXPORT_PAGE, cursor });
  const posts = await readAll((cursor) =>
    ctx.runQuery(internal.transfer.exportPostsPage, { organizationId, paginationOpts: paginationOpts(cursor) }),
  );
  const comments = await readAll((cursor) =>
    ctx.runQuery(internal.transfer.exportCommentsPage, { organizationId, paginationOpts: paginationOpts(cursor) }),
  );
  const document: NativeExport = {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exportedAt: new Date().toISOString(),
    organization,
    posts: posts.sort(byCreation),
    comments: comments.sort(byCreation),
  };
  return Response.json(document);
});

type ImportReport = Omit<BatchResult, "skipped"> & { skipped: (SkippedEntry | BatchResult["skipped"][number])[] };

async function importDocument(
  ctx: ActionCtx,
  target: Omit<Target, "records">,
  posts: NativePost[], comments: NativeComment[], report: ImportReport) {
  // Top-level comments before replies, so a reply's parent is always written first.
  const ordered = [...comments.filter((c) => c.parentId === undefined), ...comments.filter((c) => c.parentId)];
  const batches = [
    ...chunks(posts, POST_IMPORT_BATCH).map((batch) => ({ posts: batch, comments: [] })),
    ...chunks(ordered, IMPORT_BATCH).map((batch) => ({ posts: [], comments: batch })),
  ];
  for (const batch of batches) {
    const result = await ctx.runMutation(internal.transfer.importNativeBatch, { ...target, ...batch });
    for (const kind of ["posts", "comments"] as const) {
      report.imported[kind] += result.imported[kind];
      report.alreadyPresent[kind] += result.alreadyPresent[kind];
    }
    report.skipped.push(...result.skipped);
    report.waiting.push(...result.waiting);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const SOURCES = new Set<string>(importSourceValidator.members.map((member) => member.value));

/**
 * `POST /api/v1/import/<source>[?organization=<slug>]` with a native document as the body:
 * `{ imported, alreadyPresent, skipped, waiting }`. 400 when the body is not JSON, 422 when it is not a
 * native document, 404 for a source we do not read; the key (and the organization named) is checked
 * before any of these. An export (`native`) is whole, so a comment whose parent is missing is skipped;
 * another system's file comes in batches in its own order, so such a comment is `waiting`, for the
 * command to send again once the rest of the file is in.
 */
export const importEntries = httpAction(async (ctx, request) => {
  const authorized = await keyOrganization(ctx, request);
  if ("refused" in authorized) return authorized.refused;
  const source = new URL(request.url).pathname.split("/").pop()!;
  if (!SOURCES.has(source)) {
    return Response.json({ error: `There is no importer for "${source}".` }, { status: 404 });
  }
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return Response.json(
      { error: "Expected a live-post-elements export (JSON); the body is not JSON." },
      { status: 400 },
    );
  }
  const document = readNativeDocument(body);
  if ("error" in document) return Response.json({ error: document.error }, { status: 422 });
  const report: ImportReport = {
    imported: { posts: 0, comments: 0 },
    alreadyPresent: { posts: 0, comments: 0 },
    skipped: [...document.skipped],
    waiting: [],
  };
  const target = { organizationId: authorized.organizationId, source: source as ImportSource };
  await importDocument(ctx, target, document.posts, document.comments, report);
  if (source !== "native") return Response.json(report);
  const { waiting, ...whole } = report;
  const parentOf = new Map(document.comments.map((comment) => [comment.id, comment.parentId]));
  for (const sourceId of waiting) {
    const reason = `the comment it answers, ${parentOf.get(sourceId)}, is not in the organization.`;
    whole.skipped.push({ kind: "comment", sourceId, reason });
  }
  return Response.json(whole);
});
