import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "./errors";

/** The signed-in user's row, or null for readers without an account (or before their first write). */
export async function getViewer(ctx: QueryCtx): Promise<Doc<"users"> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return await ctx.db
    .query("users")
    .withIndex("by_authId", (q) => q.eq("authId", identity.subject))
    .unique();
}

/**
 * The signed-in user's row, created on first use (`authId` = Better Auth user id, the JWT subject).
 * A row made earlier for the same email (an invitation or seed) is linked instead of duplicated.
 */
export async function ensureViewer(ctx: MutationCtx): Promise<Doc<"users">> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) fail("UNAUTHENTICATED", "Sign in to continue.");
  const existing = await ctx.db
    .query("users")
    .withIndex("by_authId", (q) => q.eq("authId", identity.subject))
    .unique();
  if (existing) return existing;

  const email = (identity.email ?? "").toLowerCase();
  const name = (identity.name ?? "").trim() || email.split("@")[0] || "Reader";
  if (email) {
    const invited = await ctx.db
      .query("users")
      .withIndex("by_email", (q) => q.eq("email", email))
      .unique();
    if (invited && invited.authId.startsWith("invited:")) {
      await ctx.db.patch(invited._id, { authId: identity.subject, name });
      return (await ctx.db.get(invited._id))!;
    }
  }
  const id = await ctx.db.insert("users", {
    authId: identity.subject,
    name: name.slice(0, 80),
    email,
    role: "user",
    createdAt: Date.now(),
  });
  return (await ctx.db.get(id))!;
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
