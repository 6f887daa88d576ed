/**
 * Accounts for the elements (Better Auth on the Convex site): e-mail and password, a sign-in link by
 * e-mail, a provider, a passkey. This module is loaded
 * with a dynamic import only once a reader starts to sign in or already holds a session, so readers who
 * never sign in do not download it.
 */
import { passkeyClient } from "@better-auth/passkey/client";
import { convexClient, crossDomainClient } from "@convex-dev/better-auth/client/plugins";
import { createAuthClient } from "better-auth/client";
import { genericOAuthClient, magicLinkClient } from "better-auth/client/plugins";
import type { PostId, Viewer } from "../internal/api.js";
import type { LiveClient } from "../internal/live-client.js";
import { readerApi } from "./reader-api.js";

/** Why a sign-in or sign-up failed, in terms the form can explain. */
export type AuthFailure =
  | "invalidCredentials"
  | "emailTaken"
  | "weakPassword"
  | "invalidEmail"
  | "network"
  | "originNotTrusted"
  | "linkFailed"
  | "providerDown"
  | "accountNotLinked"
  | "passkeyCancelled"
  | "passkeyTaken"
  | "unknown";

export class AuthError extends Error {
  constructor(readonly reason: AuthFailure, message: string) {
    super(message);
  }
}

function makeAuthClient(siteUrl: string) {
  return createAuthClient({ baseURL: siteUrl, plugins: [convexClient(), crossDomainClient(), magicLinkClient(), genericOAuthClient(), passkeyClient()] });
}
type AuthClient = ReturnType<typeof makeAuthClient>;

const authClients = new Map<string, AuthClient>();

function authClientFor(siteUrl: string): AuthClient {
  let client = authClients.get(siteUrl);
  if (!client) authClients.set(siteUrl, (client = makeAuthClient(siteUrl)));
  return client;
}

const REASONS: Record<string, AuthFailure> = {
  INVALID_EMAIL_OR_PASSWORD: "invalidCredentials",
  INVALID_PASSWORD: "invalidCredentials",
  USER_NOT_FOUND: "invalidCredentials",
  USER_ALREADY_EXISTS: "emailTaken",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "emailTaken",
  PASSWORD_TOO_SHORT: "weakPassword",
  PASSWORD_TOO_LONG: "weakPassword",
  INVALID_EMAIL: "invalidEmail",
  PROVIDER_UNAVAILABLE: "providerDown",
  // A provider whose discovery document does not load.
  INVALID_OAUTH_CONFIGURATION: "providerDown",
  // Back from a provider (`?error=`): the address has an account that the provider may not join.
  account_not_linked: "accountNotLinked",
  // The browser's passkey dialog closed, or no passkey of this site was chosen.
  AUTH_CANCELLED: "passkeyCancelled",
  ERROR_CEREMONY_ABORTED: "passkeyCancelled",
  // The browser's NotAllowedError: dismissed, timed out, or no passkey for this site on the device.
  ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY: "passkeyCancelled",
  PASSKEY_NOT_FOUND: "passkeyCancelled",
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: "passkeyTaken",
};

function check(result: { error: { code?: string; message?: string; status: number } | null }): void {
  const { error } = result;
  if (!error) return;
  const reason = REASONS[error.code ?? ""] ?? (error.status === 0 ? "network" : "unknown");
  throw new AuthError(reason, error.message ?? error.code ?? "Authentication failed");
}

/** Hands the Convex client a token source and resolves once the deployment accepted (or refused) it. */
function authenticate(convex: LiveClient, auth: AuthClient): Promise<boolean> {
  return new Promise((resolve) =>
    convex.setAuth(async () => (await auth.convex.token()).data?.token ?? null, resolve),
  );
}

/** The viewer each shared Convex client is authenticated as, so elements on one page agree. */
const sessions = new WeakMap<LiveClient, Promise<Viewer | null>>();

function connect(convex: LiveClient, siteUrl: string): Promise<Viewer | null> {
  const session = authenticate(convex, authClientFor(siteUrl)).then((ok) =>
    ok ? convex.mutation(readerApi.users.ensureViewer, {}) : null,
  );
  sessions.set(convex, session);
  session.catch(() => sessions.get(convex) === session && sessions.delete(convex));
  return session;
}

/**
 * The query parameter that marks a page a sign-in link or a provider sent the reader back to; read by
 * stored-session.ts, which keeps its own copy so that readers' code exports nothing for this one.
 */
const RETURN_MARK = "lp-auth";
/** Parameters a sign-in link or a provider adds to the page it sends the reader back to. */
const RETURN_PARAMS = [RETURN_MARK, "ott", "error"];

/** This page as the place to come back to, marked so the elements finish signing in there. */
function returnUrl(): string {
  const url = new URL(location.href);
  for (const name of RETURN_PARAMS) url.searchParams.delete(name);
  url.searchParams.set(RETURN_MARK, "1");
  return url.href;
}

let returned: Promise<void> | undefined;

/**
 * On a page a link or a provider sent the reader back to: trades the one-time token for a session
 * (once per page load, for every element on it) and takes the parameters out of the address.
 */
function finishReturn(siteUrl: string): Promise<void> {
  return (returned ??= (async () => {
    const url = new URL(location.href);
    if (!url.searchParams.has(RETURN_MARK)) return;
    const token = url.searchParams.get("ott");
    const error = url.searchParams.get("error");
    for (const name of RETURN_PARAMS) url.searchParams.delete(name);
    history.replaceState(history.state, "", url.href);
    if (token) check(await authClientFor(siteUrl).crossDomain.oneTimeToken.verify({ token }));
    else if (error) throw new AuthError(REASONS[error] ?? "linkFailed", error);
  })());
}

/**
 * Authenticates the Convex client with a session this browser already holds (or one a link or a
 * provider just started); null when it has expired.
 */
export async function resume(convex: LiveClient, siteUrl: string): Promise<Viewer | null> {
  await finishReturn(siteUrl);
  return sessions.get(convex) ?? connect(convex, siteUrl);
}

async function signedIn(convex: LiveClient, siteUrl: string): Promise<Viewer> {
  const viewer = await connect(convex, siteUrl);
  if (!viewer) throw new AuthError("unknown", "The server did not accept the session.");
  return viewer;
}

/**
 * A sign-in request that never got an answer: the browser hides whether the network failed or the
 * deployment refused this page's origin (CORS). A no-cors request tells them apart — it reaches a
 * server that is up whatever the origin — so the site owner learns what to fix.
 */
async function failure(siteUrl: string, err: unknown): Promise<AuthError> {
  if (err instanceof AuthError && err.reason !== "network") return err;
  const reachable = await fetch(new URL("/api/auth/ok", siteUrl), { mode: "no-cors", credentials: "omit" }).then(
    () => true,
    () => false,
  );
  if (!reachable) return err instanceof AuthError ? err : new AuthError("network", String(err));
  console.error(
    `live-post-elements: ${siteUrl} refused sign-in from ${location.origin}. ` +
      `Add it to the deployment's TRUSTED_ORIGINS (npx convex env set --prod TRUSTED_ORIGINS "…,${location.origin}").`,
  );
  return new AuthError("originNotTrusted", `${location.origin} is not in TRUSTED_ORIGINS`);
}

export async function signIn(
  convex: LiveClient,
  siteUrl: string,
  input: { email: string; password: string },
): Promise<Viewer> {
  try {
    check(await authClientFor(siteUrl).signIn.email(input));
  } catch (err) {
    throw await failure(siteUrl, err);
  }
  return signedIn(convex, siteUrl);
}

/**
 * Creates the account, then signs in: sign-up answers every address alike and starts no session. A
 * sign-in refused right after means the address already had an account with another password.
 */
export async function signUp(
  convex: LiveClient,
  siteUrl: string,
  input: { name: string; email: string; password: string },
): Promise<Viewer> {
  const auth = authClientFor(siteUrl);
  try {
    check(await auth.signUp.email(input));
    check(await auth.signIn.email({ email: input.email, password: input.password }));
  } catch (err) {
    const taken = err instanceof AuthError && err.reason === "invalidCredentials";
    throw await failure(siteUrl, taken ? new AuthError("emailTaken", err.message) : err);
  }
  return signedIn(convex, siteUrl);
}

/** Mails a sign-in link for `email` that leads back to this page; `name` names a new account. */
export async function sendLink(siteUrl: string, input: { email: string; name?: string }): Promise<void> {
  try {
    check(await authClientFor(siteUrl).signIn.magicLink({ ...input, callbackURL: returnUrl() }));
  } catch (err) {
    throw await failure(siteUrl, err);
  }
}

/** Signs in with a passkey of this browser or device (the browser asks which). */
export async function signInWithPasskey(convex: LiveClient, siteUrl: string): Promise<Viewer> {
  try {
    check(await authClientFor(siteUrl).signIn.passkey());
  } catch (err) {
    throw await failure(siteUrl, err);
  }
  return signedIn(convex, siteUrl);
}

/** Adds a passkey to the signed-in reader's account, for signing in next time without a password. */
export async function addPasskey(siteUrl: string): Promise<void> {
  try {
    check(await authClientFor(siteUrl).passkey.addPasskey());
  } catch (err) {
    throw await failure(siteUrl, err);
  }
}

export type Provider = "github" | "google";

/** The providers the deployment offers (the form shows a button for each). */
export function providers(convex: LiveClient): Promise<Provider[]> {
  return convex.query(readerApi.signIn.providers, {});
}

/**
 * Sends the reader to `provider`, which sends them back to this page, where `resume` finishes. The
 * whole page goes (no popup to block), and drafts live in sessionStorage, so the comment being written
 * is there on return. Resolves only when the provider cannot be reached: the reader stays here.
 */
export async function signInWith(siteUrl: string, provider: Provider): Promise<void> {
  try {
    const back = returnUrl();
    const result = await authClientFor(siteUrl).signIn.oauth2({
      providerId: provider,
      callbackURL: back,
      errorCallbackURL: back,
      disableRedirect: true,
    });
    check(result);
    location.assign(result.data!.url);
  } catch (err) {
    throw await failure(siteUrl, err);
  }
}

/** "follow": every new comment e-mailed; "mute": none; null: the default (replies to the reader). */
export type ThreadChoice = "follow" | "mute" | null;
export type EmailSettings = { commentEmails: boolean; thread?: ThreadChoice };

/** The signed-in reader's e-mail settings, with this thread's choice when the thread exists. */
export async function emailSettings(convex: LiveClient, postId: string | undefined): Promise<EmailSettings> {
  const [commentEmails, thread] = await Promise.all([
    convex.query(readerApi.users.viewerCommentEmails, {}),
    postId ? convex.query(readerApi.threadSubscriptions.viewerChoice, { postId: postId as PostId }) : undefined,
  ]);
  return thread === undefined ? { commentEmails } : { commentEmails, thread };
}

export async function setCommentEmails(convex: LiveClient, enabled: boolean): Promise<void> {
  await convex.mutation(readerApi.users.setCommentEmails, { enabled });
}

export async function setThreadChoice(convex: LiveClient, postId: string, choice: ThreadChoice): Promise<void> {
  await convex.mutation(readerApi.threadSubscriptions.setChoice, { postId: postId as PostId, choice });
}

/** Ends the session on the server (best effort) and drops the Convex client's identity. */
export async function signOut(convex: LiveClient, siteUrl: string): Promise<void> {
  sessions.delete(convex);
  convex.client.clearAuth();
  await authClientFor(siteUrl)
    .signOut()
    .catch(() => undefined);
}
