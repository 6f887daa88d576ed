import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { APIError } from "better-auth/api";
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
      // Signing in works before verification; an address counts as proven (e.g. to accept an
      // invitation) only once `emailVerified` is set by the link below.
      requireEmailVerification: false,
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
