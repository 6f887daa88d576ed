/**
 * The web-test-runner side of the browser tests' backend: starts the local backend for the run (fresh
 * data directory, free ports), serves its URLs at `/__backend.json`, and runs commands the page cannot:
 * signing up through Better Auth (needs an Origin header) and calling functions as another reader from
 * Node, so the page's own WebSocket count stays the elements' alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConvexHttpClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import type { TestRunnerPlugin } from "@web/test-runner";
import { startLocalBackend, type LocalBackend } from "../../../local-backend/server";

export type SignUpPayload = { name: string; email: string; password: string };
export type CallPayload = {
  token?: string;
  kind: "query" | "mutation";
  name: string;
  args: Record<string, unknown>;
};

function cookieHeader(setCookie: string): string {
  return setCookie
    .split(/,(?=\s*[\w.-]+=)/)
    .map((part) => part.split(";")[0]!.trim())
    .join("; ");
}

async function signUp(backend: LocalBackend, { name, email, password }: SignUpPayload) {
  const origin = process.env.SITE_URL!;
  const res = await fetch(`${backend.siteUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, "better-auth-cookie": "" },
    body: JSON.stringify({ name, email, password }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = cookieHeader(res.headers.get("set-better-auth-cookie") ?? "");
  const tokenRes = await fetch(`${backend.siteUrl}/api/auth/convex/token`, {
    headers: { origin, "better-auth-cookie": cookie },
  });
  if (!tokenRes.ok) throw new Error(`token failed: ${tokenRes.status} ${await tokenRes.text()}`);
  return { token: ((await tokenRes.json()) as { token: string }).token };
}

async function call(backend: LocalBackend, { token, kind, name, args }: CallPayload) {
  const client = new ConvexHttpClient(backend.url);
  if (token) client.setAuth(token);
  // Function names are valid references for the client (see src/internal/api.ts).
  const ref = name as unknown as FunctionReference<typeof kind, "public", Record<string, unknown>>;
  const result =
    kind === "query"
      ? await client.query(ref as FunctionReference<"query">, args)
      : await client.mutation(ref as FunctionReference<"mutation">, args);
  return { result: result ?? null };
}

export function localBackendPlugin(opts: { pageOrigins: string[] }): TestRunnerPlugin {
  let backend: LocalBackend | undefined;
  let dataDir: string | undefined;
  return {
    name: "local-backend",
    async serverStart() {
      dataDir = mkdtempSync(join(tmpdir(), "lp-browser-tests-"));
      backend = await startLocalBackend({
        port: 0,
        sitePort: 0,
        dataDir,
        reset: true,
        seed: true,
        quiet: true,
        env: { TRUSTED_ORIGINS: opts.pageOrigins.join(",") },
      });
    },
    async serverStop() {
      await backend?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    serve(context) {
      if (context.path !== "/__backend.json" || !backend) return undefined;
      return { body: JSON.stringify({ url: backend.url, siteUrl: backend.siteUrl }), type: "json" };
    },
    async executeCommand({ command, payload }) {
      if (!backend) return undefined;
      if (command === "lp-sign-up") return await signUp(backend, payload as SignUpPayload);
      if (command === "lp-call") return await call(backend, payload as CallPayload);
      return undefined;
    },
  };
}
