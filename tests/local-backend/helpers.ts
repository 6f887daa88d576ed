import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConvexClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackendOptions } from "../../local-backend/server";
import { cookieHeader } from "../convex/auth-helpers";

export const ORIGIN = "http://localhost:5173";
export const PASSWORD = "correct horse battery";

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "local-backend-test-"));
}

/** A backend on free ports with an empty data directory and no seed. */
export function startTestBackend(opts: LocalBackendOptions = {}) {
  return startLocalBackend({ port: 0, sitePort: 0, dataDir: tempDataDir(), seed: false, quiet: true, ...opts });
}

export function newClient(url: string): ConvexClient {
  return new ConvexClient(url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, logger: false });
}

/** Signs up through the site's Better Auth routes (cross-domain cookie dance) and returns a Convex JWT. */
export async function signUp(siteUrl: string, email: string, name: string): Promise<string> {
  const res = await fetch(`${siteUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, "better-auth-cookie": "" },
    body: JSON.stringify({ email, name, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return tokenFor(siteUrl, cookieHeader(res.headers.get("set-better-auth-cookie") ?? ""));
}

export async function signIn(siteUrl: string, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${siteUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, "better-auth-cookie": "" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return tokenFor(siteUrl, cookieHeader(res.headers.get("set-better-auth-cookie") ?? ""));
}

async function tokenFor(siteUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${siteUrl}/api/auth/convex/token`, { headers: { origin: ORIGIN, "better-auth-cookie": cookie } });
  if (res.status !== 200) throw new Error(`token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A client signed in with `token`; resolves once the server confirmed the token. */
export async function signedInClient(url: string, token: string): Promise<ConvexClient> {
  const client = newClient(url);
  await new Promise<void>((resolve, reject) =>
    client.setAuth(
      async () => token,
      (ok) => (ok ? resolve() : reject(new Error("token refused"))),
    ),
  );
  return client;
}

/** The first value of a subscription that satisfies `accept`. */
export function waitFor<Q extends FunctionReference<"query">>(
  client: ConvexClient,
  query: Q,
  args: Q["_args"],
  accept: (value: Q["_returnType"]) => boolean,
  timeoutMs = 10_000,
): Promise<Q["_returnType"]> {
  return new Promise((resolve, reject) => {
    let last: unknown;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; last value: ${JSON.stringify(last)}`));
    }, timeoutMs);
    const unsubscribe = client.onUpdate(query, args, (value) => {
      last = value;
      if (!accept(value)) return;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(value);
    });
  });
}
