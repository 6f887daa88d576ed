/**
 * Convex's deployment limits hold locally, and memory stays bounded under large distinct arguments.
 * The backend runs as a child process so its memory is its own.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { BackendProcess } from "../../support/backend-process";
import { nodeClient } from "../../support/convex-client";
import { spawnTestBackend } from "./helpers";

let backend: BackendProcess;
beforeAll(async () => {
  backend = await spawnTestBackend();
});
afterAll(async () => {
  await backend?.kill();
});

const MiB = 1024 * 1024;

function rssMiB(): number {
  const status = readFileSync(`/proc/${backend.child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

test("arguments over 16 MiB are refused with Convex's message, over sync and over HTTP", async () => {
  const slug = "x".repeat(16 * MiB + 1024);
  const client = nodeClient(backend.url);
  await expect(client.query(api.organizations.getBySlug, { slug })).rejects.toThrow(
    /Arguments for organizations:getBySlug are too large \(actual: \d+ bytes, maximum size: 16777216 bytes\)/,
  );
  await client.close();
  const res = await fetch(`${backend.url}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: "organizations:getBySlug", format: "convex_encoded_json", args: [{ slug }] }),
  });
  expect(res.status).toBe(560);
  expect((await res.json()).errorMessage).toContain("are too large");
});

const ROUNDS = 20;

test(`RSS stays bounded under ${ROUNDS} subscriptions with distinct 10 MB arguments`, { timeout: 120_000 }, async () => {
  const warm = nodeClient(backend.url);
  expect(await warm.query(api.organizations.getBySlug, { slug: "warm" })).toBeNull();
  await warm.close();
  const before = rssMiB();
  let peak = before;
  for (let round = 0; round < ROUNDS; round++) {
    const client = nodeClient(backend.url);
    const slug = `${round}`.padEnd(10 * MiB, "y");
    expect(await client.query(api.organizations.getBySlug, { slug })).toBeNull();
    await client.close();
    peak = Math.max(peak, rssMiB());
  }
  // Let the closed sockets' state go and the collector run.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = rssMiB();
  console.log(`backend RSS: ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB, ${after.toFixed(0)} MiB after ${ROUNDS} × 10 MB`);
  // Unbounded caches kept every argument: 20 × 10 MB, several copies each (≈ +1.2 GB measured).
  // Bounded, the growth measured 220–410 MiB depending on load (the heap is not handed back at once):
  // the limit sits between the two.
  expect(after - before).toBeLessThan(700);
  // And the backend still answers.
  const client = nodeClient(backend.url);
  expect(await client.query(api.organizations.getBySlug, { slug: "after" })).toBeNull();
  await client.close();
});
