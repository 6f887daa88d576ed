/**
 * Validators for a GET (RFC 9110 §8.8, §13): an `ETag` from the body's hash and a `Last-Modified`, and
 * a 304 when the client's copy is current. `If-None-Match` wins over `If-Modified-Since` when both come,
 * so a deletion (which moves no date) is still seen by a client that sends the ETag.
 */
import { sha256Hex } from "./crypto";

function matchesEtag(header: string, etag: string): boolean {
  // Weak comparison: a `W/` prefix (some proxies add it) does not change which body is meant.
  const wanted = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const candidate = tag.trim();
    return candidate === "*" || candidate.replace(/^W\//, "") === wanted;
  });
}

/** True when a client that sent these headers already holds a body with `etag`, last changed at `lastModified`. */
function isNotModified(request: Request, etag: string, lastModified: number): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) return matchesEtag(ifNoneMatch, etag);
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  // HTTP dates have whole seconds.
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}

/** 200 with `body`, or 304 without it; both carry the validators and `headers`. */
export async function conditionalResponse(
  request: Request,
  body: string,
  lastModified: number,
  headers: Record<string, string>,
): Promise<Response> {
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
  const validators = { ETag: etag, "Last-Modified": new Date(lastModified).toUTCString() };
  if (isNotModified(request, etag, lastModified)) {
    return new Response(null, { status: 304, headers: { ...headers, ...validators } });
  }
  return new Response(body, { status: 200, headers: { ...headers, ...validators } });
}
