/**
 * The deployment's HTTP API (what ConvexHttpClient speaks): POST /api/query, /api/mutation,
 * /api/action, /api/function, /api/query_ts and /api/query_at_ts with `convex_encoded_json` bodies;
 * `GET /local/metrics` (this backend's own) answers the sync server's counters (sync-metrics.ts).
 * Success is 200 `{ status: "success", value, logLines }`; a failing function is 560
 * `{ status: "error", errorMessage, errorData?, logLines }`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { AuthFailure, type TokenVerifier } from "./auth";
import { encodeTs, type Clock } from "./clock";
import type { Engine, FunctionKind, Outcome } from "./engine";
import { ENVELOPE_BYTES, MAX_ARGUMENTS_BYTES } from "./limits";
import type { SyncMetrics } from "./sync-metrics";

const STATUS_UDF_FAILED = 560;
const FUNCTION_ROUTES: Record<string, FunctionKind | "any"> = {
  "/api/query": "query",
  "/api/query_at_ts": "query",
  "/api/mutation": "mutation",
  "/api/action": "action",
  "/api/function": "any",
};
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, authorization, convex-client",
  "access-control-max-age": "86400",
};

export type HttpApiContext = {
  engine: Engine;
  clock: Clock;
  verifier: TokenVerifier;
  settle: () => Promise<void>;
  syncMetrics: () => SyncMetrics;
};

/** A request body over the limit: answered with 413 before it is read whole. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes`);
  }
}

/** Reads the body, throwing BodyTooLarge as soon as it (or its Content-Length) passes `limit`. */
export async function readBody(req: IncomingMessage, limit = Infinity): Promise<Buffer> {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new BodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Bytes of an over-size body discarded (never kept) so the client reads the 413; past that, the socket goes. */
const MAX_DISCARD_BYTES = 256 * 1024 * 1024;

/**
 * Answers 413 once the rest of the body has been read and thrown away, up to MAX_DISCARD_BYTES (past
 * that, the socket goes). Answering earlier with `connection: close` would close the socket under a
 * client still sending, which then sees EPIPE instead of the 413.
 */
export function replyTooLarge(res: ServerResponse, error: BodyTooLarge) {
  const req = res.req;
  const answer = () => {
    if (res.headersSent) return;
    res.writeHead(413, { "content-type": "application/json", connection: "close", ...CORS_HEADERS });
    res.end(JSON.stringify({ code: "PayloadTooLarge", message: `${error.message}. This is a Convex limit: https://docs.convex.dev/production/state/limits` }));
  };
  if (req.complete || req.destroyed) return answer();
  let discarded = 0;
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded <= MAX_DISCARD_BYTES) return;
    answer();
    req.socket.destroy();
  });
  req.on("end", answer);
  req.resume();
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", ...CORS_HEADERS });
  res.end(JSON.stringify(body));
}

/** `/api/function` names no kind: the function's own decides. */
async function kindOf(engine: Engine, path: string): Promise<FunctionKind> {
  for (const kind of ["query", "mutation", "action"] as const) {
    if (await engine.isPublic(path, kind)) return kind;
  }
  return "query";
}

export function httpApi(ctx: HttpApiContext) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    if (pathname === "/local/metrics" && req.method === "GET") {
      return reply(res, 200, ctx.syncMetrics());
    }
    if (pathname === "/api/query_ts" && req.method === "POST") {
      return reply(res, 200, { ts: encodeTs(ctx.clock.current()) });
    }
    const route = FUNCTION_ROUTES[pathname];
    if (!route || req.method !== "POST") {
      return reply(res, 404, { code: "NotFound", message: `No route for ${req.method} ${pathname}` });
    }
    let body: { path?: unknown; args?: JSONValue; componentPath?: unknown };
    try {
      body = JSON.parse((await readBody(req, MAX_ARGUMENTS_BYTES + ENVELOPE_BYTES)).toString("utf8"));
    } catch (error) {
      if (error instanceof BodyTooLarge) return replyTooLarge(res, error);
      return reply(res, 400, { code: "BadJsonBody", message: "The request body is not valid JSON" });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return reply(res, 400, { code: "BadJsonBody", message: "The request body must be a JSON object" });
    }
    if (typeof body.path !== "string") {
      return reply(res, 400, { code: "BadJsonBody", message: "Missing the `path` of the function" });
    }
    if (body.componentPath) {
      return reply(res, 401, { code: "Unauthorized", message: "Only admin auth can call functions of a component" });
    }
    let identity: UserIdentity | null = null;
    const authorization = req.headers.authorization ?? "";
    if (authorization.startsWith("Convex ")) {
      return reply(res, 401, { code: "Unauthorized", message: "The local backend does not accept admin keys" });
    }
    if (authorization.startsWith("Bearer ")) {
      try {
        identity = (await ctx.verifier.verify(authorization.slice("Bearer ".length))).identity;
      } catch (error) {
        if (!(error instanceof AuthFailure)) throw error;
        return reply(res, 401, { code: "Unauthenticated", message: error.message });
      }
    }
    // /api/function takes the args object itself; the others take a one-element array.
    if (route !== "any" && body.args !== undefined && !Array.isArray(body.args)) {
      return reply(res, 400, { code: "BadJsonBody", message: "`args` must be an array holding the arguments object" });
    }
    const argsJson = route === "any" ? body.args : (body.args as JSONValue[] | undefined)?.[0];
    let args: Record<string, Value>;
    try {
      args = (jsonToConvex(argsJson ?? {}) ?? {}) as Record<string, Value>;
    } catch (error) {
      return reply(res, 400, { code: "BadConvexValue", message: `Invalid arguments: ${(error as Error).message}` });
    }
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      return reply(res, 400, { code: "BadConvexValue", message: "The arguments must be an object" });
    }
    const kind = route === "any" ? await kindOf(ctx.engine, body.path) : route;
    // A query does not show writes that are not durable yet (a crash now would take them back).
    if (kind === "query") await ctx.settle().catch(() => {});
    const outcome: Outcome = await ctx.engine.call(kind, body.path, args, identity);
    // Answered only once what the function wrote is durable.
    if (kind !== "query") {
      try {
        await ctx.settle();
      } catch {
        return reply(res, 500, { code: "NotDurable", message: "The local backend could not make the write durable (see its log)" });
      }
    }
    if (outcome.success) {
      return reply(res, 200, { status: "success", value: convexToJson(outcome.value), logLines: [] });
    }
    const { errorMessage, errorData } = outcome;
    return reply(res, STATUS_UDF_FAILED, {
      status: "error",
      errorMessage,
      ...(errorData === undefined ? {} : { errorData }),
      logLines: [],
    });
  };
}
