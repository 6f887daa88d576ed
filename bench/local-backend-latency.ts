/**
 * `npx tsx bench/local-backend-latency.ts`: time from sending a mutation to another client's
 * subscription update, on loopback. One client watches a thread page; another posts 100 comments one
 * at a time, switching between 20 signed-up authors (the per-user rate limit allows 5 a minute).
 * Also prints the lines of code of local-backend/ (without tests).
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConvexClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { startLocalBackend } from "../local-backend/server";
import { PASSWORD, signUp, siteAt } from "../support/auth";
import { nodeClient } from "../support/convex-client";

const COMMENTS = 100;
const AUTHORS = 20;

/** Switches an open client to another author. */
function setAuth(convex: ConvexClient, token: string): Promise<void> {
  return new Promise((resolve, reject) =>
    convex.setAuth(async () => token, (ok) => (ok ? resolve() : reject(new Error("token refused")))),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function linesOfCode(): number {
  const dir = fileURLToPath(new URL("../local-backend/", import.meta.url));
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts"))
    .reduce((sum, name) => sum + readFileSync(join(dir, name), "utf8").split("\n").filter((l) => l.trim()).length, 0);
}

const backend = await startLocalBackend({
  port: 0,
  sitePort: 0,
  dataDir: mkdtempSync(join(tmpdir(), "local-backend-latency-")),
  seed: false,
  quiet: true,
});
const tokens: string[] = [];
for (let i = 0; i < AUTHORS; i++) {
  const account = { email: `author${i}@example.com`, name: `author${i}`, password: PASSWORD };
  tokens.push((await signUp(siteAt(backend.siteUrl), account)).token);
}

const poster = nodeClient(backend.url);
await setAuth(poster, tokens[0]!);
await poster.mutation(api.organizations.create, { name: "Latency", slug: "latency" });

const watcher = nodeClient(backend.url);
const args = { organizationSlug: "latency", postSlug: "thread", paginationOpts: { numItems: COMMENTS, cursor: null } };
const seenAt = new Map<string, number>();
const waiting = new Map<string, () => void>();
watcher.onUpdate(api.comments.list, args, (thread) => {
  const now = performance.now();
  for (const comment of thread.page) {
    if (seenAt.has(comment.content)) continue;
    seenAt.set(comment.content, now);
    waiting.get(comment.content)?.();
  }
});

const latencies: number[] = [];
for (let i = 0; i < COMMENTS; i++) {
  if (i > 0 && i % (COMMENTS / AUTHORS) === 0) await setAuth(poster, tokens[i / (COMMENTS / AUTHORS)]!);
  const content = `comment ${i}`;
  const seen = new Promise<void>((resolve) => waiting.set(content, resolve));
  const sentAt = performance.now();
  await poster.mutation(api.comments.create, { organizationSlug: "latency", postSlug: "thread", content, clientRequestId: `r${i}` });
  await seen;
  latencies.push(seenAt.get(content)! - sentAt);
}

latencies.sort((a, b) => a - b);
console.log(`${COMMENTS} comments, mutation sent → other client's update (loopback):`);
console.log(`  median ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
console.log(`local-backend/ lines of code (non-blank, without tests): ${linesOfCode()}`);
await poster.close();
await watcher.close();
await backend.close();
process.exit(0);
