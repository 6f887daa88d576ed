/** The `Authorization: Bearer sk_…` check shared by the `/api/v1/*` routes. */
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { sha256Hex } from "./crypto";

const BEARER = /^Bearer (sk_[A-Za-z0-9_-]+)$/;

export type AuthorizedKey = { keyId: Id<"apiKeys">; organizationId: Id<"organizations"> };

/**
 * The request's key, or the response that refuses it: 401 without a valid, unrevoked key; 403 from a
 * browser origin the organization does not allow, or, when `adminOnly`, for a key whose creator is no
 * longer an admin. Nothing is read from the body before this passes.
 */
export async function authorizeApiKey(
  ctx: ActionCtx,
  request: Request,
  { adminOnly = false } = {},
): Promise<{ key: AuthorizedKey } | { refused: Response }> {
  const key = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
  const found = key ? await ctx.runQuery(internal.apiKeys.findActiveByHash, { hashedKey: await sha256Hex(key) }) : null;
  if (!found) return { refused: Response.json({ error: "A valid API key is required." }, { status: 401 }) };
  const origin = request.headers.get("origin");
  if (origin && found.allowedOrigins.length > 0 && !found.allowedOrigins.includes(origin)) {
    return { refused: Response.json({ error: "This origin may not use this API key." }, { status: 403 }) };
  }
  if (adminOnly && !found.createdByAdmin) {
    return {
      refused: Response.json(
        { error: "This needs a key created by an administrator of the organization." },
        { status: 403 },
      ),
    };
  }
  await ctx.runMutation(internal.apiKeys.touchLastUsed, { keyId: found.keyId });
  return { key: { keyId: found.keyId, organizationId: found.organizationId } };
}
