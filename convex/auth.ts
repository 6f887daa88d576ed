import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { betterAuth } from "better-auth/minimal";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { magicLink } from "better-auth/plugins/magic-link";
import { passkey } from "@better-auth/passkey";
import { components, internal } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";
import { config } from "./lib/config";
import { LIMITS } from "./lib/limits";
import { oauthProviders, probeUrl } from "./lib/oauthProviders";
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

/** Whether `url` is a page on an origin the elements may sign in from (`SITE_URL`, `TRUSTED_ORIGINS`). */
function isTrustedPage(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    return config.trustedOrigins().includes(new URL(url).origin);
  } catch {
    return false;
  }
}

/** Whether anything answers at `url` (any status): a provider that is down fails here, before the reader leaves the page. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/** Paths that send the reader away and back to a page they name. */
const RETURNING_PATHS = new Set(["/sign-in/magic-link", "/sign-in/oauth2"]);

/** Minutes a sign-in link works (once). */
export const MAGIC_LINK_MINUTES = 15;
/** Where a sign-in link that is unknown, used or expired lands (`http.ts`). */
export const LINK_INVALID_PATH = "/auth/link-invalid";
/** The name of an account a link or a provider created without one; never derived from the address, which stays private. */
export const DEFAULT_NAME = "Reader";

/** The component's table that holds passkeys (see the passkey plugin below). */
export const PASSKEY_MODEL = "oauthApplication";

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
    // One person, one account: a provider's sign-in joins the account of the same address only when
    // the provider says it verified the address and the account has proven it too (an e-mail link, a
    // verified sign-up). Otherwise whoever registered an address first, or a provider that hands out
    // unverified addresses, could take over someone else's comments.
    account: {
      accountLinking: { enabled: true, trustedProviders: [], requireLocalEmailVerified: true, allowDifferentEmails: false },
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
      // A link that fails lands on our own page (`http.ts`), whatever the request said.
      // A link is mailed, and a provider visited, only for a page on a trusted origin: no sign-in
      // that leads elsewhere.
      before: createAuthMiddleware(async (ctx) => {
        if (!RETURNING_PATHS.has(ctx.path) || !ctx.body) return;
        const body = ctx.body as Record<string, unknown>;
        for (const url of [body.callbackURL, body.errorCallbackURL ?? body.callbackURL]) {
          if (!isTrustedPage(url)) {
            throw new APIError("FORBIDDEN", { message: "The page is not on a trusted origin.", code: "ORIGIN_NOT_TRUSTED" });
          }
        }
        if (ctx.path === "/sign-in/magic-link") {
          body.errorCallbackURL = `${config.convexSiteUrl()}${LINK_INVALID_PATH}`;
          return;
        }
        const provider = oauthProviders().find((p) => p.providerId === body.providerId);
        const probe = provider && probeUrl(provider);
        if (probe && !(await answers(probe))) {
          throw new APIError("SERVICE_UNAVAILABLE", { message: "The sign-in provider does not answer.", code: "PROVIDER_UNAVAILABLE" });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-up/email" || isAPIError(ctx.context.returned)) return;
        const { name, email } = checkedUserFields({ name: ctx.body.name, email: ctx.body.email });
        return ctx.json({ token: null, user: { name, email } });
      }),
    },
    databaseHooks: {
      user: {
        create: {
          // E-mail sign-up asks for a name; a sign-in link for a new address may come without one.
          before: async (user, endpoint) => ({
            data: checkedUserFields(
              user.name?.trim() || endpoint?.path === "/sign-up/email" ? user : { ...user, name: DEFAULT_NAME },
            ),
          }),
        },
        update: { before: async (user) => ({ data: checkedUserFields(user) }) },
      },
    },
    plugins: [
      // The elements live on the embedding site's origin, not on the Convex site.
      crossDomain({ siteUrl: config.siteUrl() }),
      // GitHub and Google, each where its credentials are set (`lib/oauthProviders.ts`).
      genericOAuth({ config: oauthProviders() }),
      // "E-mail me a link": the link works once, for 15 minutes, and lands on the page it was asked
      // from (a trusted origin, checked by the plugin) where the elements finish signing in.
      magicLink({
        expiresIn: MAGIC_LINK_MINUTES * 60,
        sendMagicLink: async ({ email, url }) => {
          if (!("scheduler" in ctx)) return;
          await ctx.scheduler.runAfter(0, internal.notificationsNode.sendAccountEmail, {
            to: email,
            subject: "Your sign-in link",
            text: `Open this link to sign in:\n\n${url}\n\nIt works once, within ${MAGIC_LINK_MINUTES} minutes. If you did not ask for it, ignore this email.\n`,
          });
        },
      }),
      // Passkeys, added once signed in. The component's fixed schema has no passkey table; its OAuth
      // provider table (a plugin we do not use) has a field of each passkey field's type, indexes on
      // the credential id and the user, so passkeys are stored there under mapped names.
      passkey({
        rpID: config.passkeyRpId(),
        rpName: config.passkeyRpId(),
        origin: config.trustedOrigins(),
        schema: {
          passkey: {
            modelName: PASSKEY_MODEL,
            fields: {
              credentialID: "clientId",
              publicKey: "clientSecret",
              counter: "updatedAt",
              deviceType: "type",
              backedUp: "disabled",
              transports: "redirectUrls",
              aaguid: "metadata",
            },
          },
        },
      }),
      // The token carries the subject (Better Auth user id), the session and the display name: no e-mail.
      convex({ authConfig, jwt: { definePayload: ({ user }) => ({ name: user.name }) } }),
    ],
  });
