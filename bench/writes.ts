/**
 * Write durability's cost: mutation throughput and acknowledgement latency (request sent → promise
 * resolved) with 1 and 20 concurrent writers, on the local backend as shipped (a write is
 * acknowledged once it is in the fsync'd write-ahead log, group commit) beside the old behaviour as
 * the baseline (`--no-durable`: acknowledged at once, snapshot written ~250 ms later), same run,
 * same machine. Each writer is its own ConvexClient (own socket) signed in as the admin, creating
 * draft posts one after the other.
 */
import type { ConvexClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { signIn, siteAt } from "../support/auth";
import { signedInClient } from "../support/convex-client";
import { startBackendProcess } from "./lib/backend-process";
import { ADMIN, preparedDataset } from "./lib/dataset";
import { sectionResult, type SectionResult } from "../support/report";
import { summarize, type Summary } from "./lib/stats";

const WRITERS = [1, 20];
/** Mutations per run, split across the writers. */
const MUTATIONS = 400;
const TARGET_SHARE = 0.5;

type Run = { mode: "durable" | "baseline"; writers: number; perSecond: number; latency: Summary };

async function measure(mode: Run["mode"], writers: number, dataDir: string): Promise<Run> {
  const backend = await startBackendProcess(dataDir, mode === "baseline" ? ["--no-durable"] : []);
  const clients: ConvexClient[] = [];
  try {
    const token = (await signIn(siteAt(backend.siteUrl), ADMIN)).token;
    for (let i = 0; i < writers; i++) clients.push(await signedInClient(backend.url, token));
    // Warm-up: module loading and the first executions are not what is measured.
    await Promise.all(clients.map((client, i) => client.mutation(api.posts.create, { title: `warm ${i}`, content: "x" })));
    const latencies: number[] = [];
    const per = Math.ceil(MUTATIONS / writers);
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, w) => {
        for (let n = 0; n < per; n++) {
          const sent = performance.now();
          await client.mutation(api.posts.create, { title: `bench ${mode} ${w}-${n}`, content: "Durability benchmark." });
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { mode, writers, perSecond: latencies.length / seconds, latency: summarize(latencies) };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await backend.close();
  }
}

export async function runWrites(): Promise<SectionResult> {
  const started = Date.now();
  const { dataDir } = preparedDataset();
  const runs: Run[] = [];
  for (const writers of WRITERS) {
    // Alternate, so that a noisy moment of the machine does not land on one mode only.
    runs.push(await measure("baseline", writers, dataDir));
    runs.push(await measure("durable", writers, dataDir));
  }
  const find = (mode: Run["mode"], writers: number) => runs.find((r) => r.mode === mode && r.writers === writers)!;
  return sectionResult("writes", "Write durability: mutation throughput and acknowledgement latency", started, {
    tables: [
      {
        title: `${MUTATIONS} posts.create per run, writers in parallel, each waiting for its acknowledgement`,
        columns: ["writers", "mode", "mutations / s", "ack latency median / p95 (ms)", "× baseline throughput"],
        rows: runs.map((r) => [
          r.writers,
          r.mode === "durable" ? "durable (WAL + fsync before ack)" : "baseline (ack at once, async snapshot)",
          r.perSecond.toFixed(0),
          `${r.latency.median.toFixed(1)} / ${r.latency.p95.toFixed(1)}`,
          `×${(r.perSecond / find("baseline", r.writers).perSecond).toFixed(2)}`,
        ]),
        notes: [
          "The backend runs in its own process from the benchmark data set; clients are ConvexClients over loopback. Latency: mutation sent → promise resolved (the client waits for the Transition that covers the write).",
        ],
      },
    ],
    goals: [
      {
        goal: "20 writers: durable throughput ≥ 50 % of the baseline",
        actual: `${((find("durable", 20).perSecond / find("baseline", 20).perSecond) * 100).toFixed(0)} %`,
        met: find("durable", 20).perSecond >= TARGET_SHARE * find("baseline", 20).perSecond,
      },
    ],
    data: { runs },
  });
}
