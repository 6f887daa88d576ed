import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { UserIdentity } from "convex/server";
import { authComponent } from "../auth";
import { fail } from "./errors";
import { LIMITS } from "./limits";
import { normaliseEmail, textProblem } from "./text";

/**
 * Whether the caller's Better Auth session still exists. Every token Better Auth issues carries its
 * `sessionId` (the convex plugin adds it), so a deleted account or a signed-out session stops working at
 * once, not when its JWT expires.
 */
async function sessionIsLive(ctx: QueryCtx, identity: UserIdentity): Promise<boolean> {
  if (identity.sessionId === undefined) return true;
  return (await authComponent.safeGetAuthUser(ctx)) !== undefined;
}

/** The Better Auth user behind the caller's session, when the token names one. */
export async function authUserOf(ctx: QueryCtx) {
  return (await authComponent.safeGetAuthUser(ctx)) ?? null;
}

/** The signed-in user's row, or null for readers without an account (or before their first write). */
export async function getViewer(ctx: QueryCtx): Promise<Doc<"users"> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  const user = await ctx.db
    .query("users")
    .withIndex("by_authId", (q) => q.eq("authId", identity.subject))
    .unique();
  if (!user || user.deletedAt !== undefined) return null;
  return (await sessionIsLive(ctx, identity)) ? user : null;
}

/**
 * The signed-in user's row, created on first use (`authId` = Better Auth user id, the JWT subject).
 * Name and e-mail come from the Better Auth user (the JWT carries neither). Nobody joins an organization
 * here: membership comes only from an accepted invitation or from founding one.
 */
export async function ensureViewer(ctx: MutationCtx): Promise<Doc<"users">> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) fail("UNAUTHENTICATED", "Sign in to continue.");
  const existing = await ctx.db
    .query("users")
    .withIndex("by_authId", (q) => q.eq("authId", identity.subject))
    .unique();
  if (existing?.deletedAt !== undefined) fail("UNAUTHENTICATED", "This account has been deleted.");
  const authUser = identity.sessionId === undefined ? null : await authUserOf(ctx);
  if (identity.sessionId !== undefined && !authUser) fail("UNAUTHENTICATED", "Sign in to continue.");
  if (existing) return existing;

  const email = normaliseEmail(authUser?.email ?? identity.email ?? "");
  const rawName = (authUser?.name ?? identity.name ?? "").trim();
  const name = (rawName && !textProblem("Name", rawName, LIMITS.nameLength) ? rawName : "") ||
    email.split("@")[0]!.slice(0, LIMITS.nameLength) || "Reader";
  if (email) {
    // One row per address: Better Auth keeps addresses unique, and so does this table.
    const sameEmail = await ctx.db
      .query("users")
      .withIndex("by_email", (q) => q.eq("email", email))
      .first();
    if (sameEmail) fail("CONFLICT", "Another account already uses this email address.");
  }
  const id = await ctx.db.insert("users", {
    authId: identity.subject,
    name,
    email,
    role: "user",
    createdAt: Date.now(),
  });
  return (await ctx.db.get("users", id))!;
}

export async function requireViewer(ctx: QueryCtx): Promise<Doc<"users">> {
  const viewer = await getViewer(ctx);
  if (!viewer) fail("UNAUTHENTICATED", "Sign in to continue.");
  return viewer;
}

/** The viewer, who must be an admin of `organizationId` (or of their own organization when omitted). */
export async function requireOrgAdmin(
  ctx: QueryCtx,
  organizationId?: Id<"organizations">,
): Promise<Doc<"users"> & { organizationId: Id<"organizations"> }> {
  const viewer = await requireViewer(ctx);
  const orgId = organizationId ?? viewer.organizationId;
  if (!orgId || viewer.organizationId !== orgId || viewer.role !== "admin") {
    fail("FORBIDDEN", "Only an administrator of this organization can do that.");
  }
  return { ...viewer, organizationId: orgId };
}

/** The viewer, who must belong to `organizationId`. */
export async function requireOrgMember(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
): Promise<Doc<"users">> {
  const viewer = await requireViewer(ctx);
  if (viewer.organizationId !== organizationId) {
    fail("FORBIDDEN", "Only members of this organization can do that.");
  }
  return viewer;
}
