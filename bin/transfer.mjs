/**
 * The `export` and `import native` commands over a deployment's HTTP API (`/api/v1/export`,
 * `/api/v1/import/native`), authorised by an organization API key. Node only: nothing in src/ imports it.
 */

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
