import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { betterAuth } from "better-auth/minimal";
import { components, internal } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";
import { config } from "./lib/config";
import { LIMITS } from "./lib/limits";
import { emailProblem, normaliseEmail, textProblem } from "./lib/text";

/** The Better Auth component: its tables hold accounts and sessions; our `users` table links by `authId`. */
export const authComponent = createClient<DataModel>(components.betterAuth);

/**
 * The same rules as our functions' (`lib/text.ts`), applied where Better Auth writes a user, so a name or
 * address that a function would refuse never reaches a cookie or a token.
 */
function checkedUserFields<T extends { name?: unknown; email?: unknown }>(data: T): T {
  const out = { ...data };
  if (typeof data.name === "string") {
    const name = data.name.trim();
    const problem = textProblem("Name", name, LIMITS.nameLength);
    if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "INVALID_ARGUMENT" });
    out.name = name;
  }
  if (typeof data.email === "string") {
    const email = normaliseEmail(data.email);
    const problem = emailProblem(email);
    if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "INVALID_ARGUMENT" });
    out.email = email;
  }
  return out;
}

export const createAuth = (ctx: GenericCtx<DataModel>) =>
  betterAuth({
    baseURL: config.convexSiteUrl(),
    secret: config.betterAuthSecret(),
    trustedOrigins: config.trustedOrigins(),
    database: authComponent.adapter(ctx),
    emailAndPassword: {
      enabled: true,
      // Signing in works before verification, so a reader can comment at once (and where no e-mail
      // is sent, as locally); an address counts as proven (e.g. to accept an invitation) only once
      // `emailVerified` is set by the link below.
      requireEmailVerification: false,
      // Sign-up starts no session and does not fail for an address that has an account (see `hooks`
      // for the reply); the client signs in next.
      autoSignIn: false,
      minPasswordLength: 8,
      maxPasswordLength: 128,
    },
    emailVerification: {
      sendOnSignUp: true,
      sendVerificationEmail: async ({ user, url }) => {
        if (!("scheduler" in ctx)) return;
        await ctx.scheduler.runAfter(0, internal.notificationsNode.sendAccountEmail, {
          to: user.email,
          subject: "Confirm your email address",
          text: `Open this link to confirm your email address:\n\n${url}\n\nIf you did not sign up, ignore this email.\n`,
        });
      },
    },
    // Sign-up answers the same whether or not the address has an account. For an existing one Better
    // Auth skips the user hooks below and replies with a stand-in user whose id and fields differ from
    // a stored one; so every sign-up reply is only what was sent, checked by the same rules.
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-up/email" || isAPIError(ctx.context.returned)) return;
        const { name, email } = checkedUserFields({ name: ctx.body.name, email: ctx.body.email });
        return ctx.json({ token: null, user: { name, email } });
      }),
    },
    databaseHooks: {
      user: {
        create: { before: async (user) => ({ data: checkedUserFields(user) }) },
        update: { before: async (user) => ({ data: checkedUserFields(user) }) },
      },
    },
    plugins: [
      // The elements live on the embedding site's origin, not on the Convex site.
      crossDomain({ siteUrl: config.siteUrl() }),
      // The token carries the subject (Better Auth user id), the session and the display name: no e-mail.
      convex({ authConfig, jwt: { definePayload: ({ user }) => ({ name: user.name }) } }),
    ],
  });
