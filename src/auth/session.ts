/**
 * Email and password accounts for the elements (Better Auth on the Convex site). This module is loaded
 * with a dynamic import only once a reader starts to sign in or already holds a session, so readers who
 * never sign in do not download it.
 */
import { convexClient, crossDomainClient } from "@convex-dev/better-auth/client/plugins";
import { createAuthClient } from "better-auth/client";
import type { api as backend } from "../../convex/_generated/api.js";
import type { Viewer } from "../internal/api.js";
import type { FunctionRef } from "../internal/function-ref.js";
import type { LiveClient } from "../internal/live-client.js";

/** Why a sign-in or sign-up failed, in terms the form can explain. */
export type AuthFailure =
  | "invalidCredentials"
  | "emailTaken"
  | "weakPassword"
  | "invalidEmail"
  | "network"
  | "originNotTrusted"
  | "unknown";

export class AuthError extends Error {
  constructor(readonly reason: AuthFailure, message: string) {
    super(message);
  }
}

function makeAuthClient(siteUrl: string) {
  return createAuthClient({ baseURL: siteUrl, plugins: [convexClient(), crossDomainClient()] });
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

/**
 * A name cast to its reference type, not `api.users.ensureViewer`: importing the elements' `api` at
 * runtime would tie this chunk to the read-only path's modules, and bundlers then split those into an
 * extra shared chunk that every reader downloads.
 */
const ensureViewer = "users:ensureViewer" as unknown as FunctionRef<typeof backend, "users:ensureViewer">;

/** The viewer each shared Convex client is authenticated as, so elements on one page agree. */
const sessions = new WeakMap<LiveClient, Promise<Viewer | null>>();

function connect(convex: LiveClient, siteUrl: string): Promise<Viewer | null> {
  const session = authenticate(convex, authClientFor(siteUrl)).then((ok) =>
    ok ? convex.mutation(ensureViewer, {}) : null,
  );
  sessions.set(convex, session);
  session.catch(() => sessions.get(convex) === session && sessions.delete(convex));
  return session;
}

/** Authenticates the Convex client with a session this browser already holds; null when it has expired. */
export function resume(convex: LiveClient, siteUrl: string): Promise<Viewer | null> {
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

/** Ends the session on the server (best effort) and drops the Convex client's identity. */
export async function signOut(convex: LiveClient, siteUrl: string): Promise<void> {
  sessions.delete(convex);
  convex.client.clearAuth();
  await authClientFor(siteUrl)
    .signOut()
    .catch(() => undefined);
}
