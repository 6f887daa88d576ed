import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConvexClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackendOptions } from "../../local-backend/server";
import { PASSWORD, signIn as signInAt, signUp as signUpAt, siteAt } from "../../support/auth";
import { spawnBackend } from "../../support/backend-process";
import type { SyncMetrics } from "../../local-backend/sync-metrics";

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "local-backend-test-"));
}

/** A backend in this process on free ports with an empty data directory and no seed. */
export function startTestBackend(opts: LocalBackendOptions = {}) {
  return startLocalBackend({ port: 0, sitePort: 0, dataDir: tempDataDir(), seed: false, quiet: true, ...opts });
}

/** The same in a child process (free ports unless given), for tests that crash or kill it. */
export function spawnTestBackend(dataDir = tempDataDir(), ports: { port?: number; sitePort?: number } = {}) {
  return spawnBackend({ dataDir, ...ports, args: ["--no-seed"] });
}

/** A new account on the backend at `siteUrl`, signed in: its Convex JWT. */
export async function signUp(siteUrl: string, email: string, name: string): Promise<string> {
  return (await signUpAt(siteAt(siteUrl), { email, name, password: PASSWORD })).token;
}

export async function signIn(siteUrl: string, email: string, password = PASSWORD): Promise<string> {
  return (await signInAt(siteAt(siteUrl), { email, password })).token;
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

/** A raw sync socket: sends frames and waits for the first message after the last wait that matches. */
export async function syncSocket(url: string) {
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/1.48.0/sync`);
  const messages: any[] = [];
  let read = 0;
  const waiters: (() => void)[] = [];
  ws.on("message", (data) => {
    messages.push(JSON.parse(data.toString()));
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  return {
    send: (message: object) => ws.send(JSON.stringify(message)),
    async next(type: string): Promise<any> {
      for (;;) {
        while (read < messages.length) {
          const message = messages[read++];
          if (message.type === type) return message;
        }
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    close: () => ws.close(),
  };
}

/** The sync server's counters (GET /local/metrics). */
export async function syncMetrics(url: string): Promise<SyncMetrics> {
  const response = await fetch(`${url}/local/metrics`);
  if (!response.ok) throw new Error(`/local/metrics answered ${response.status}`);
  return (await response.json()) as SyncMetrics;
}
