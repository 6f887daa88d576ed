/**
 * The web-test-runner side of the browser tests' backend: starts the local backend for the run in its
 * own process (fresh data directory, free ports, so its work never stalls the test server), serves its
 * URLs at `/__backend.json`, and runs commands the page cannot: signing up through Better Auth (needs an
 * Origin header) and calling functions as another reader from Node, so the page's own WebSocket count
 * stays the elements' alone.
 */
import { createServer as createNetServer, connect, type Server as NetServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConvexHttpClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import type { TestRunnerPlugin } from "@web/test-runner";
import { signUp, siteAt, type NewAccount } from "../../../support/auth";
import { spawnBackend, type BackendProcess } from "../../../support/backend-process";
import { mailTo, startMailbox, type Mail, type Mailbox } from "../../../support/mailbox";

interface LocalBackend {
  url: string;
  siteUrl: string;
  /** A page origin Better Auth trusts, for requests made from Node. */
  origin: string;
}

export type SignUpPayload = NewAccount;
export type JoinPayload = { adminToken: string; memberToken: string; email: string; role: "admin" | "user" };


/**
 * Makes the signed-up person `email` a member the real way: the admin invites them, they open the
 * verification link and the invitation from their mailbox, and accept it while signed in.
 */
async function joinOrganization(backend: LocalBackend, mails: Mail[], { adminToken, memberToken, email, role }: JoinPayload) {
  await call(backend, { token: adminToken, kind: "mutation", name: "organizations:addMember", args: { email, role } });
  const verify = await mailTo(() => mails, email, /https?:\/\/\S+\/verify-email\?\S+/);
  const res = await fetch(verify[0], { redirect: "manual", headers: { origin: backend.origin } });
  if (res.status >= 400) throw new Error(`verification failed: ${res.status}`);
  const token = (await mailTo(() => mails, email, /#invitation=([A-Za-z0-9_-]+)/))[1]!;
  return await call(backend, {
    token: memberToken,
    kind: "mutation",
    name: "organizations:acceptInvitation",
    args: { token },
  });
}
export type CallPayload = {
  token?: string;
  kind: "query" | "mutation";
  name: string;
  args: Record<string, unknown>;
};

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

/**
 * A deployment address that is unreachable until the test opens it: a free port with nothing on it,
 * which `openGate` later turns into a TCP proxy to the backend. Lets a test see an element recover.
 */
const gates = new Map<number, NetServer>();

async function reserveGate(backend: LocalBackend) {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return { port, url: `http://127.0.0.1:${port}`, backend: backend.url };
}

async function openGate(backend: LocalBackend, { port }: { port: number }) {
  const target = new URL(backend.url);
  const server = createNetServer((socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  gates.set(port, server);
  return { open: true };
}

export function localBackendPlugin(opts: { pageOrigins: string[] }): TestRunnerPlugin {
  let backend: LocalBackend | undefined;
  let child: BackendProcess | undefined;
  let dataDir: string | undefined;
  let mailbox: Mailbox | undefined;
  return {
    name: "local-backend",
    async serverStart() {
      dataDir = mkdtempSync(join(tmpdir(), "lp-browser-tests-"));
      mailbox = await startMailbox();
      child = await spawnBackend({
        dataDir,
        args: ["--reset"],
        env: {
          TRUSTED_ORIGINS: opts.pageOrigins.join(","),
          // The backend's e-mails (verification links, invitations) land in the mailbox.
          EMAIL_API_URL: mailbox.url,
          RESEND_API_KEY: "re_browser_tests",
        },
        echoErrors: true,
      });
      backend = { url: child.url, siteUrl: child.siteUrl, origin: opts.pageOrigins[0]! };
    },
    async serverStop() {
      for (const gate of gates.values()) gate.close();
      await child?.kill();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await mailbox?.close();
    },
    serve(context) {
      if (context.path !== "/__backend.json" || !backend) return undefined;
      return { body: JSON.stringify({ url: backend.url, siteUrl: backend.siteUrl }), type: "json" };
    },
    async executeCommand({ command, payload }) {
      if (!backend) return undefined;
      if (command === "lp-sign-up") {
        return { token: (await signUp(siteAt(backend.siteUrl, backend.origin), payload as SignUpPayload)).token };
      }
      if (command === "lp-call") return await call(backend, payload as CallPayload);
      if (command === "lp-join") return await joinOrganization(backend, mailbox!.mails, payload as JoinPayload);
      if (command === "lp-reserve-gate") return await reserveGate(backend);
      if (command === "lp-open-gate") return await openGate(backend, payload as { port: number });
      return undefined;
    },
  };
}
