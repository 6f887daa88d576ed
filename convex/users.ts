import { v, type Infer } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { mutation, query, type QueryCtx } from "./_generated/server";
import { fail } from "./lib/errors";
import { ensureViewer as ensureViewerRow, getViewer, requireOrgAdmin, requireViewer } from "./lib/viewer";
import { memberValidator, roleValidator, viewerValidator } from "./validators";

/** Members listed at once; organizations are small teams. */
const MEMBER_LIST_LIMIT = 500;

async function viewerOf(ctx: QueryCtx, user: Doc<"users">): Promise<Infer<typeof viewerValidator>> {
  const organization = user.organizationId ? await ctx.db.get("organizations", user.organizationId) : null;
  return {
    _id: user._id,
    name: user.name,
    email: user.email,
    role: user.role,
    organizationId: user.organizationId,
    organizationSlug: organization?.slug,
  };
}

export const viewer = query({
  args: {},
  returns: v.union(viewerValidator, v.null()),
  handler: async (ctx) => {
    const user = await getViewer(ctx);
    return user ? await viewerOf(ctx, user) : null;
  },
});

export const ensureViewer = mutation({
  args: {},
  returns: viewerValidator,
  handler: async (ctx) => await viewerOf(ctx, await ensureViewerRow(ctx)),
});

/** Whether the caller gets e-mails about comments (replies, their posts, threads they follow); on by default. */
export const viewerCommentEmails = query({
  args: {},
  returns: v.boolean(),
  handler: async (ctx) => (await requireViewer(ctx)).commentEmails !== false,
});

export const setCommentEmails = mutation({
  args: { enabled: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { enabled }) => {
    const viewer = await requireViewer(ctx);
    await ctx.db.patch("users", viewer._id, { commentEmails: enabled });
    return null;
  },
});

export const listMembers = query({
  args: {},
  returns: v.array(memberValidator),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    const members = await ctx.db
      .query("users")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", admin.organizationId))
      .take(MEMBER_LIST_LIMIT);
    return members.map(({ _id, name, email, role }) => ({ _id, name, email, role }));
  },
});

export const setRole = mutation({
  args: { userId: v.id("users"), role: roleValidator },
  returns: v.null(),
  handler: async (ctx, { userId, role }) => {
    const admin = await requireOrgAdmin(ctx);
    const member = await ctx.db.get("users", userId);
    if (!member || member.organizationId !== admin.organizationId) {
      fail("NOT_FOUND", "This person is not a member of your organization.");
    }
    const organization = await ctx.db.get("organizations", admin.organizationId);
    if (organization?.ownerId === userId && role !== "admin") {
      fail("FORBIDDEN", "The owner of the organization stays an administrator.");
    }
    await ctx.db.patch("users", userId, { role });
    return null;
  },
});
