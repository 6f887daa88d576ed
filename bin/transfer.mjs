/**
 * The `export` and `import <format>` commands over a deployment's HTTP API (`/api/v1/export`,
 * `/api/v1/import/<format>`), authorised by an organization API key. Node only: nothing in src/ imports it.
 */
import { createReadStream, statSync } from "node:fs";
import { FormatError } from "./sources/errors.mjs";
import { UNWANTED } from "./sources/html.mjs";
import { SOURCES } from "./sources/index.mjs";
import { slugRule, timeOf } from "./sources/pages.mjs";

/** The native document's header (convex/nativeFormat.ts), which every import batch carries. */
const NATIVE_FORMAT = "live-post-elements.export";
const NATIVE_VERSION = 1;

/** Entries sent per request, so a large file never travels (or is held by the server) whole. */
export const BATCH = 500;
/** Posts per request: a post may hold 100,000 characters, and a request's body must stay small. */
const POST_BATCH = 50;

/** A failure to show as one line, without a stack. */
export class CommandError extends Error {}

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

function client({ siteUrl, apiKey, org, fetch: send = fetch }) {
  return async (path, init = {}) => {
    const url = new URL(path, siteUrl);
    url.searchParams.set("organization", org);
    let response;
    try {
      response = await send(url.href, { ...init, headers: { Authorization: `Bearer ${apiKey}`, ...init.headers } });
    } catch (error) {
      throw new CommandError(`Cannot reach ${url.origin}: ${error.message}`);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new CommandError(body?.error ?? `${url.pathname} answered ${response.status}.`);
    return body;
  };
}

/** The organization's native export (see convex/nativeFormat.ts). */
export async function exportOrganization(options) {
  return await client(options)("/api/v1/export");
}

function batchesOf(entries, size) {
  const batches = [];
  for (let start = 0; start < entries.length; start += size) batches.push(entries.slice(start, start + size));
  return batches;
}

/**
 * Imports a parsed native export in batches: posts, then top-level comments, then replies, so what an
 * entry names is always sent before it. Returns the server's report summed over the batches, with each
 * skipped entry's `index` its place in the file. `onProgress({ done, total })` follows each batch of
 * `batchSize` entries.
 */
export async function importNative({ document, onProgress = () => {}, batchSize = BATCH, ...options }) {
  const call = client(options);
  const send = (body) =>
    call("/api/v1/import/native", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  if (!isRecord(document) || !Array.isArray(document.posts) || !Array.isArray(document.comments)) {
    // Not ours to split: the server names what it expected.
    return await send(document);
  }
  const { posts, comments, ...header } = document;
  const at = (entries) => entries.map((entry, index) => ({ entry, index }));
  const isReply = ({ entry }) => isRecord(entry) && entry.parentId !== undefined;
  const commentsInOrder = [...at(comments).filter((c) => !isReply(c)), ...at(comments).filter(isReply)];
  const batches = [
    ...batchesOf(at(posts), Math.min(batchSize, POST_BATCH)).map((batch) => ({ kind: "posts", batch })),
    ...batchesOf(commentsInOrder, batchSize).map((batch) => ({ kind: "comments", batch })),
  ];
  const report = { imported: { posts: 0, comments: 0 }, alreadyPresent: { posts: 0, comments: 0 }, skipped: [] };
  const total = posts.length + comments.length;
  let done = 0;
  for (const { kind, batch } of batches) {
    const entries = batch.map(({ entry }) => entry);
    const result = await send({
      ...header,
      posts: kind === "posts" ? entries : [],
      comments: kind === "comments" ? entries : [],
    });
    for (const counted of ["posts", "comments"]) {
      report.imported[counted] += result.imported[counted];
      report.alreadyPresent[counted] += result.alreadyPresent[counted];
    }
    for (const skipped of result.skipped) {
      report.skipped.push(skipped.index === undefined ? skipped : { ...skipped, index: batch[skipped.index].index });
    }
    done += batch.length;
    onProgress({ done, total });
  }
  return report;
}

const plain = (text, max) => (text ?? "").replace(UNWANTED, "").replace(/\s+/g, " ").trim().slice(0, max).trim();
const NAME_LENGTH = 80;
const TITLE_LENGTH = 200;
/** A guest whose name the source does not have. */
const NO_NAME = "Anonymous";

function emptyReport() {
  return {
    imported: { posts: 0, comments: 0 },
    alreadyPresent: { posts: 0, comments: 0 },
    skipped: [],
    counted: { deleted: 0, spam: 0, unapproved: 0, pingback: 0 },
  };
}

/**
 * Imports another system's export file (`format`: a key of bin/sources/index.mjs), read as a stream:
 * pages become threads (slug by bin/sources/pages.mjs, or `map`, a mapping file), comments guest comments
 * under them, sent in batches of `batchSize` to `POST /api/v1/import/<format>`. Deleted, spam, unapproved
 * comments and pingbacks are counted in `counted`; a reply to one of those answers what it answered. A
 * malformed entry is a line in `skipped`. A reply that came before the comment it answers is sent again
 * once the rest of the file is in. `onProgress({ comments, bytes, totalBytes })` follows each batch.
 */
export async function importSource({ format, file, map, onProgress = () => {}, batchSize = BATCH, ...options }) {
  const source = SOURCES[format];
  const call = client(options);
  const send = (posts, comments) =>
    call(`/api/v1/import/${format}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        format: NATIVE_FORMAT,
        version: NATIVE_VERSION,
        exportedAt: new Date().toISOString(),
        organization: { slug: options.org, name: options.org },
        posts,
        comments,
      }),
    });
  // The key first: with a revoked key nothing is read, nothing written.
  await send([], []);
  let slugFor;
  let totalBytes;
  try {
    slugFor = slugRule(map);
    totalBytes = statSync(file).size * source.passes;
  } catch (error) {
    throw new CommandError(error.code === "ENOENT" ? `Cannot read ${file}: no such file.` : error.message);
  }
  const report = emptyReport();
  const skip = (entry) => report.skipped.push(entry);
  /** Source id → the thread as sent, once a comment of it is kept (pages without comments stay out). */
  const threads = new Map();
  /** Source ids of comments left out → the comment each answered, so their replies move up. */
  const dropped = new Map();
  let batch = { posts: [], comments: [] };
  let waiting = [];
  let count = 0;
  const streams = [];
  const open = () => {
    const stream = createReadStream(file);
    streams.push(stream);
    return stream;
  };
  /** The comment a reply to `parentId` answers here: `parentId`, unless that one was left out. */
  const answered = (parentId) => {
    while (parentId !== undefined && dropped.has(parentId)) parentId = dropped.get(parentId);
    return parentId;
  };
  const bytes = () => streams.reduce((sum, stream) => sum + stream.bytesRead, 0);

  const flush = async () => {
    const { posts, comments } = batch;
    batch = { posts: [], comments: [] };
    if (posts.length + comments.length === 0) return 0;
    const result = await send(posts, comments);
    for (const counted of ["posts", "comments"]) {
      report.imported[counted] += result.imported[counted];
      report.alreadyPresent[counted] += result.alreadyPresent[counted];
    }
    const sent = new Map(comments.map((comment) => [comment.id, comment]));
    for (const { kind, sourceId, reason } of result.skipped) {
      skip({ kind, sourceId, reason });
      if (kind === "comment") dropped.set(sourceId, sent.get(sourceId)?.parentId);
    }
    const held = new Set(result.waiting);
    waiting.push(...comments.filter((comment) => held.has(comment.id)));
    return result.imported.comments;
  };
  const add = async (kind, entry) => {
    batch[kind].push(entry);
    if (batch.posts.length + batch.comments.length >= batchSize) await flush();
  };

  try {
    for await (const record of source.read(open)) {
      if (record.malformed) {
        skip({ kind: "file", reason: record.malformed.reason });
      } else if (record.thread) {
        const { id, url, title, date } = record.thread;
        if (!id || threads.has(id)) continue;
        threads.set(id, {
          sent: false,
          post: {
            id,
            kind: "thread",
            status: "published",
            slug: slugFor(url),
            title: plain(title, TITLE_LENGTH) || plain(url, TITLE_LENGTH) || id,
            content: "",
            authorName: options.org,
            createdAt: timeOf(date),
            url,
          },
        });
      } else {
        count++;
        const comment = record.comment;
        const where = { kind: "comment", ...(comment.id && { sourceId: comment.id }), ...(comment.line && { line: comment.line }) };
        if (!comment.id) {
          skip({ ...where, reason: "it has no id." });
          continue;
        }
        if (comment.state !== "visible") {
          report.counted[comment.state]++;
          dropped.set(comment.id, comment.parentId);
          continue;
        }
        const createdAt = timeOf(comment.date);
        const thread = threads.get(comment.threadId);
        const problem =
          createdAt === null
            ? `its date, ${JSON.stringify(comment.date)}, is not a time.`
            : !thread
              ? `its page${comment.threadId ? `, ${comment.threadId},` : ""} is not in the file.`
              : !comment.content
                ? "no text of it is left in our format."
                : null;
        if (problem) {
          skip({ ...where, reason: problem });
          dropped.set(comment.id, comment.parentId);
          continue;
        }
        const parentId = answered(comment.parentId);
        if (!thread.sent) {
          thread.sent = true;
          await add("posts", { ...thread.post, createdAt: thread.post.createdAt ?? createdAt });
        }
        const authorEmail = comment.authorEmail?.trim();
        await add("comments", {
          id: comment.id,
          postId: comment.threadId,
          ...(parentId !== undefined && { parentId }),
          status: "visible",
          authorName: plain(comment.authorName, NAME_LENGTH) || NO_NAME,
          content: comment.content,
          createdAt,
          ...(authorEmail && { authorEmail }),
        });
        if (batch.comments.length === 0) onProgress({ comments: count, bytes: bytes(), totalBytes });
      }
    }
  } catch (error) {
    if (error instanceof FormatError) throw new CommandError(error.message);
    throw error;
  }
  await flush();
  // Replies read before what they answer, round after round while a round brings some in.
  while (waiting.length > 0) {
    // A reply whose parent the server refused answers what that one answered.
    const round = waiting.map(({ parentId, ...comment }) => {
      const answers = answered(parentId);
      return answers === undefined ? comment : { ...comment, parentId: answers };
    });
    waiting = [];
    let progress = 0;
    for (let start = 0; start < round.length; start += batchSize) {
      batch.comments = round.slice(start, start + batchSize);
      progress += await flush();
    }
    if (progress === 0) {
      for (const comment of waiting) {
        const reason = `the comment it answers, ${comment.parentId}, is not in the file.`;
        skip({ kind: "comment", sourceId: comment.id, reason });
      }
      break;
    }
  }
  onProgress({ comments: count, bytes: totalBytes, totalBytes });
  return report;
}
