import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { betterAuth } from "better-auth/minimal";
import { components } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";

/** The Better Auth component: its tables hold accounts and sessions; our `users` table links by `authId`. */
export const authComponent = createClient<DataModel>(components.betterAuth);

/**
 * Pages allowed to sign in through the elements: `SITE_URL` (the demo or main site) plus the
 * comma-separated `TRUSTED_ORIGINS` of every site that embeds them.
 */
function trustedOrigins(): string[] {
  const extra = (process.env.TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  return [process.env.SITE_URL, ...extra].filter((origin): origin is string => !!origin);
}

export const createAuth = (ctx: GenericCtx<DataModel>) =>
  betterAuth({
    baseURL: process.env.CONVEX_SITE_URL,
    secret: process.env.BETTER_AUTH_SECRET,
    trustedOrigins: trustedOrigins(),
    database: authComponent.adapter(ctx),
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: false,
      minPasswordLength: 8,
    },
    plugins: [
      // The elements live on the embedding site's origin, not on the Convex site.
      crossDomain({ siteUrl: process.env.SITE_URL ?? "http://localhost:5173" }),
      convex({ authConfig }),
    ],
  });
