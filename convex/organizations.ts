import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { randomToken } from "./lib/crypto";
import { fail } from "./lib/errors";
import { organizationBySlug } from "./lib/posts";
import { checkSlug, cleanText, LIMITS } from "./lib/text";
import { ensureViewer, requireOrgAdmin } from "./lib/viewer";
import { publicOrganizationValidator, roleValidator } from "./validators";

const WEBHOOK_SECRET_LENGTH = 48;
const MAX_ALLOWED_ORIGINS = 50;
const EMAIL_LENGTH = 254;
// Deliberately loose: the address is only a key to link an account on its first sign-in.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `https://example.com` or `http://localhost:5173`: scheme, host and port only, as browsers send it. */
function checkOrigin(value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== value) {
    fail("INVALID_ARGUMENT", `"${value}" is not an origin like https://example.com.`);
  }
  return value;
}

export const create = mutation({
  args: { name: v.string(), slug: v.string() },
  returns: v.id("organizations"),
  handler: async (ctx, args) => {
    const owner = await ensureViewer(ctx);
    const name = cleanText("Name", args.name, LIMITS.nameLength);
    const slug = checkSlug("Slug", args.slug);
    if (owner.organizationId) fail("CONFLICT", "You already belong to an organization.");
    if (await organizationBySlug(ctx, slug)) fail("CONFLICT", `The slug "${slug}" is taken.`);
    const organizationId = await ctx.db.insert("organizations", {
      name,
      slug,
      ownerId: owner._id,
      createdAt: Date.now(),
      settings: { allowGuestComments: false, preModeration: false, autoCreateThreads: true, allowedOrigins: [] },
      webhookSecret: randomToken(WEBHOOK_SECRET_LENGTH),
    });
    await ctx.db.patch(owner._id, { organizationId, role: "admin" });
    return organizationId;
  },
});

export const getBySlug = query({
  args: { slug: v.string() },
  returns: v.union(publicOrganizationValidator, v.null()),
  handler: async (ctx, { slug }) => {
    const organization = await organizationBySlug(ctx, slug);
    if (!organization) return null;
    const { allowGuestComments, preModeration, autoCreateThreads } = organization.settings;
    return {
      _id: organization._id,
      name: organization.name,
      slug: organization.slug,
      settings: { allowGuestComments, preModeration, autoCreateThreads },
    };
  },
});

export const updateSettings = mutation({
  args: {
    allowGuestComments: v.optional(v.boolean()),
    preModeration: v.optional(v.boolean()),
    autoCreateThreads: v.optional(v.boolean()),
    allowedOrigins: v.optional(v.array(v.string())),
  },
  returns: v.null(),
  handler: async (ctx, changes) => {
    const admin = await requireOrgAdmin(ctx);
    if (changes.allowedOrigins && changes.allowedOrigins.length > MAX_ALLOWED_ORIGINS) {
      fail("INVALID_ARGUMENT", `At most ${MAX_ALLOWED_ORIGINS} allowed origins.`);
    }
    const allowedOrigins = changes.allowedOrigins?.map(checkOrigin);
    const organization = (await ctx.db.get(admin.organizationId))!;
    const settings = { ...organization.settings };
    if (changes.allowGuestComments !== undefined) settings.allowGuestComments = changes.allowGuestComments;
    if (changes.preModeration !== undefined) settings.preModeration = changes.preModeration;
    if (changes.autoCreateThreads !== undefined) settings.autoCreateThreads = changes.autoCreateThreads;
    if (allowedOrigins !== undefined) settings.allowedOrigins = [...new Set(allowedOrigins)];
    await ctx.db.patch(organization._id, { settings });
    return null;
  },
});

export const addMember = mutation({
  args: { email: v.string(), role: roleValidator },
  returns: v.id("users"),
  handler: async (ctx, args) => {
    const admin = await requireOrgAdmin(ctx);
    const email = args.email.trim().toLowerCase();
    if (email.length > EMAIL_LENGTH || !EMAIL.test(email)) fail("INVALID_ARGUMENT", "Enter a valid email address.");
    const existing = await ctx.db
      .query("users")
      .withIndex("by_email", (q) => q.eq("email", email))
      .unique();
    if (existing) {
      if (existing.organizationId) fail("CONFLICT", "This person already belongs to an organization.");
      await ctx.db.patch(existing._id, { organizationId: admin.organizationId, role: args.role });
      return existing._id;
    }
    // Linked to the real account by `ensureViewer` on the first sign-in with this email.
    return await ctx.db.insert("users", {
      authId: `invited:${email}`,
      name: email.split("@")[0]!.slice(0, LIMITS.nameLength),
      email,
      role: args.role,
      organizationId: admin.organizationId,
      createdAt: Date.now(),
    });
  },
});

export const webhookSecret = query({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    return (await ctx.db.get(admin.organizationId))!.webhookSecret;
  },
});

export const rotateWebhookSecret = mutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    const webhookSecret = randomToken(WEBHOOK_SECRET_LENGTH);
    await ctx.db.patch(admin.organizationId, { webhookSecret });
    return webhookSecret;
  },
});
