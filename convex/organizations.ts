import { v } from "convex/values";
import { internal } from "./_generated/api";
import { mutation, query } from "./_generated/server";
import { config } from "./lib/config";
import { randomToken, sha256Hex } from "./lib/crypto";
import { fail } from "./lib/errors";
import { organizationBySlug } from "./lib/posts";
import { LIMITS } from "./lib/limits";
import { checkSlug, cleanEmail, cleanText, normaliseEmail } from "./lib/text";
import { authUserOf, ensureViewer, requireOrgAdmin } from "./lib/viewer";
import { checkCount, cleanBlockedWords, SPAM_LIMITS } from "./lib/spam";
import {
  invitationValidator,
  organizationSettingsValidator,
  publicOrganizationValidator,
  roleValidator,
  type OrganizationSettings,
} from "./validators";

const WEBHOOK_SECRET_LENGTH = 48;
const MAX_ALLOWED_ORIGINS = 50;
const INVITATION_TOKEN_LENGTH = 43;
const INVITATION_LIFETIME = 7 * 24 * 60 * 60 * 1000;
const INVITATION_LIST_LIMIT = 200;
const INVALID_INVITATION = "This invitation is not valid: it may have expired, been used or been revoked.";

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
    await ctx.db.patch("users", owner._id, { organizationId, role: "admin" });
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
    autoCreateThreadsBy: v.optional(v.union(v.literal("members"), v.literal("signedIn"))),
    allowedOrigins: v.optional(v.array(v.string())),
    guestHoneypot: v.optional(v.boolean()),
    guestMinSubmitSeconds: v.optional(v.number()),
    /** null: no limit. */
    maxLinks: v.optional(v.union(v.number(), v.null())),
    blockedWords: v.optional(v.array(v.string())),
    trustAfterApproved: v.optional(v.number()),
    hideAfterReports: v.optional(v.number()),
    queueEmailMinutes: v.optional(v.number()),
  },
  returns: v.null(),
  handler: async (ctx, changes) => {
    const admin = await requireOrgAdmin(ctx);
    const spam: Partial<OrganizationSettings> = {};
    if (changes.guestHoneypot !== undefined) spam.guestHoneypot = changes.guestHoneypot;
    if (changes.guestMinSubmitSeconds !== undefined) {
      spam.guestMinSubmitSeconds = checkCount(
        "The minimum time to submit",
        changes.guestMinSubmitSeconds,
        SPAM_LIMITS.minSubmitSeconds,
      );
    }
    if (changes.maxLinks !== undefined) {
      spam.maxLinks =
        changes.maxLinks === null ? undefined : checkCount("The most links", changes.maxLinks, SPAM_LIMITS.maxLinks);
    }
    if (changes.hideAfterReports !== undefined) {
      spam.hideAfterReports = checkCount("Reports before hiding", changes.hideAfterReports, SPAM_LIMITS.hideAfterReports);
    }
    if (changes.queueEmailMinutes !== undefined) {
      spam.queueEmailMinutes = checkCount("Minutes between queue e-mails", changes.queueEmailMinutes, SPAM_LIMITS.queueEmailMinutes);
    }
    if (changes.blockedWords !== undefined) spam.blockedWords = cleanBlockedWords(changes.blockedWords);
    if (changes.trustAfterApproved !== undefined) {
      spam.trustAfterApproved = checkCount(
        "Approved comments before trust",
        changes.trustAfterApproved,
        SPAM_LIMITS.trustAfterApproved,
      );
    }
    if (changes.allowedOrigins && changes.allowedOrigins.length > MAX_ALLOWED_ORIGINS) {
      fail("INVALID_ARGUMENT", `At most ${MAX_ALLOWED_ORIGINS} allowed origins.`);
    }
    const allowedOrigins = changes.allowedOrigins?.map(checkOrigin);
    const organization = (await ctx.db.get("organizations", admin.organizationId))!;
    const settings = { ...organization.settings };
    if (changes.allowGuestComments !== undefined) settings.allowGuestComments = changes.allowGuestComments;
    if (changes.preModeration !== undefined) settings.preModeration = changes.preModeration;
    if (changes.autoCreateThreads !== undefined) settings.autoCreateThreads = changes.autoCreateThreads;
    if (changes.autoCreateThreadsBy !== undefined) settings.autoCreateThreadsBy = changes.autoCreateThreadsBy;
    if (allowedOrigins !== undefined) settings.allowedOrigins = [...new Set(allowedOrigins)];
    Object.assign(settings, spam);
    await ctx.db.patch("organizations", organization._id, { settings });
    return null;
  },
});

/** Every setting of the admin's organization, spam rules included (kept from `getBySlug`'s readers). */
export const adminSettings = query({
  args: {},
  returns: organizationSettingsValidator,
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    return (await ctx.db.get("organizations", admin.organizationId))!.settings;
  },
});

/**
 * Invites `email` to the admin's organization: a single-use token, mailed through the e-mail action,
 * that only the account with that verified address can accept (`acceptInvitation`). Nobody joins here,
 * and the answer is the same whatever the address (unknown, a member elsewhere, already invited).
 * A new invitation to the same address replaces the pending one.
 */
export const addMember = mutation({
  args: { email: v.string(), role: roleValidator },
  returns: v.null(),
  handler: async (ctx, args) => {
    const admin = await requireOrgAdmin(ctx);
    const email = cleanEmail(args.email);
    const organization = (await ctx.db.get("organizations", admin.organizationId))!;
    const now = Date.now();
    for await (const pending of ctx.db
      .query("invitations")
      .withIndex("by_organizationId_email", (q) => q.eq("organizationId", organization._id).eq("email", email))) {
      if (pending.acceptedAt === undefined && pending.revokedAt === undefined) {
        await ctx.db.patch("invitations", pending._id, { revokedAt: now });
      }
    }
    const token = randomToken(INVITATION_TOKEN_LENGTH);
    await ctx.db.insert("invitations", {
      organizationId: organization._id,
      email,
      role: args.role,
      tokenHash: await sha256Hex(token),
      invitedBy: admin._id,
      createdAt: now,
      expiresAt: now + INVITATION_LIFETIME,
    });
    const link = `${config.siteUrl()}/dashboard.html#invitation=${token}`;
    await ctx.scheduler.runAfter(0, internal.notificationsNode.sendAccountEmail, {
      to: email,
      subject: `Invitation to ${organization.name}`,
      text:
        `${admin.name} invites you to join ${organization.name} as ${args.role === "admin" ? "an administrator" : "a member"}.\n\n` +
        `Sign in with this address (confirmed) and open:\n${link}\n\nThe link works once, for 7 days.\n`,
    });
    return null;
  },
});

/** The organization's invitations, newest first (pending, accepted, revoked and expired). */
export const listInvitations = query({
  args: {},
  returns: v.array(invitationValidator),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    const invitations = await ctx.db
      .query("invitations")
      .withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", admin.organizationId))
      .order("desc")
      .take(INVITATION_LIST_LIMIT);
    return invitations.map(({ _id, email, role, createdAt, expiresAt, acceptedAt, revokedAt }) => ({
      _id,
      email,
      role,
      createdAt,
      expiresAt,
      ...(acceptedAt !== undefined ? { acceptedAt } : {}),
      ...(revokedAt !== undefined ? { revokedAt } : {}),
    }));
  },
});

export const revokeInvitation = mutation({
  args: { invitationId: v.id("invitations") },
  returns: v.null(),
  handler: async (ctx, { invitationId }) => {
    const admin = await requireOrgAdmin(ctx);
    const invitation = await ctx.db.get("invitations", invitationId);
    if (!invitation || invitation.organizationId !== admin.organizationId) {
      fail("NOT_FOUND", "This invitation does not exist.");
    }
    if (invitation.acceptedAt !== undefined) fail("CONFLICT", "This invitation has already been accepted.");
    if (invitation.revokedAt === undefined) await ctx.db.patch("invitations", invitationId, { revokedAt: Date.now() });
    return null;
  },
});

/**
 * Joins the organization of the invitation `token`. The caller must be signed in with a Better Auth
 * session whose e-mail address is verified and is the invited one; the token works once, until it
 * expires or is revoked. Every refusal of the token itself is the same NOT_FOUND.
 */
export const acceptInvitation = mutation({
  args: { token: v.string() },
  returns: v.object({ organizationId: v.id("organizations"), organizationSlug: v.string() }),
  handler: async (ctx, { token }) => {
    const authUser = await authUserOf(ctx);
    if (!authUser) fail("UNAUTHENTICATED", "Sign in to accept the invitation.");
    if (token.length !== INVITATION_TOKEN_LENGTH) fail("NOT_FOUND", INVALID_INVITATION);
    const tokenHash = await sha256Hex(token);
    const invitation = await ctx.db
      .query("invitations")
      .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
      .unique();
    if (
      !invitation ||
      invitation.acceptedAt !== undefined ||
      invitation.revokedAt !== undefined ||
      invitation.expiresAt <= Date.now()
    ) {
      fail("NOT_FOUND", INVALID_INVITATION);
    }
    if (!authUser.emailVerified) {
      fail("FORBIDDEN", "Confirm your email address first: open the link in the email we sent you.");
    }
    if (normaliseEmail(authUser.email) !== invitation.email) {
      fail("FORBIDDEN", "This invitation was sent to another email address.");
    }
    const viewer = await ensureViewer(ctx);
    if (viewer.organizationId !== undefined) {
      fail("CONFLICT", viewer.organizationId === invitation.organizationId
        ? "You are already a member of this organization."
        : "You already belong to another organization.");
    }
    const organization = await ctx.db.get("organizations", invitation.organizationId);
    if (!organization) fail("NOT_FOUND", INVALID_INVITATION);
    await ctx.db.patch("invitations", invitation._id, { acceptedAt: Date.now() });
    await ctx.db.patch("users", viewer._id, { organizationId: organization._id, role: invitation.role });
    return { organizationId: organization._id, organizationSlug: organization.slug };
  },
});

export const webhookSecret = query({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    return (await ctx.db.get("organizations", admin.organizationId))!.webhookSecret;
  },
});

export const rotateWebhookSecret = mutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    const admin = await requireOrgAdmin(ctx);
    const webhookSecret = randomToken(WEBHOOK_SECRET_LENGTH);
    await ctx.db.patch("organizations", admin.organizationId, { webhookSecret });
    return webhookSecret;
  },
});
