/**
 * The deployment's site origin: every request goes to the HTTP actions of convex/http.ts through
 * convex-test's router (`t.fetch`), and the response comes back unchanged — status, every header
 * (each Set-Cookie separately) and body. A valid `Authorization: Bearer <JWT>` sets the identity
 * `ctx.auth` sees; any other Authorization value (API keys) is left for the action to read.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AuthFailure, type TokenVerifier } from "./auth";
import type { Engine } from "./engine";
import { BodyTooLarge, readBody, replyTooLarge } from "./http-api";
import { MAX_HTTP_ACTION_BODY_BYTES } from "./limits";

export type SiteContext = { engine: Engine; verifier: () => TokenVerifier | null; settle: () => Promise<void> };

async function identityFor(ctx: SiteContext, authorization: string | undefined) {
  const verifier = ctx.verifier();
  if (!verifier || !authorization?.startsWith("Bearer ")) return null;
  try {
    return (await verifier.verify(authorization.slice("Bearer ".length))).identity;
  } catch (error) {
    if (error instanceof AuthFailure) return null;
    throw error;
  }
}

export function siteHandler(ctx: SiteContext) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    let body: Uint8Array<ArrayBuffer> | undefined;
    try {
      body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req, MAX_HTTP_ACTION_BODY_BYTES));
    } catch (error) {
      if (error instanceof BodyTooLarge) return replyTooLarge(res, error);
      throw error;
    }
    const identity = await identityFor(ctx, req.headers.authorization);
    const response: Response = await ctx.engine.as(identity).fetch(req.url ?? "/", { method, headers, body });
    // What the action wrote (accounts, sessions) is durable before the answer goes out.
    await ctx.settle();
    const outgoing: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") outgoing[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) outgoing["set-cookie"] = cookies;
    if (response.statusText) res.statusMessage = response.statusText;
    res.writeHead(response.status, outgoing);
    res.end(method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
  };
}
