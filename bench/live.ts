/**
 * Live latency and fan-out on the local backend: 1 to 200 Node ConvexClients subscribed to the
 * same thread page, or each to its own thread; a signed-in writer edits a comment (or reacts to
 * one), and every subscriber that should see the change records when it arrived. Baseline: the
 * edit's round trip with nobody subscribed.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ConvexClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { PASSWORD, signIn, signUp, siteAt } from "../support/auth";
import { nodeClient, signedInClient } from "../support/convex-client";
import { startBackendProcess, type BenchBackend } from "./lib/backend-process";
import { ADMIN, ORG, ownThread, preparedDataset, SHARED_THREAD } from "./lib/dataset";
import { sectionResult, type SectionResult } from "../support/report";
import { fmtSummary, ratio, summarize, type Summary } from "./lib/stats";

const CLIENTS = [1, 10, 100, 200];
const WARMUP = 2;
const MUTATIONS = 15;
const GOAL_P95_MS = 50;

type Mode = "same thread" | "own thread" | "reaction";
type Run = { mode: Mode; clients: number; latency: Summary; roundTrip: Summary; cpuToDeliver: Summary; cpu: Summary };

const threadArgs = (postSlug: string) => ({ organizationSlug: ORG, postSlug, paginationOpts: { numItems: 20, cursor: null } });

/** Waits until the backend's CPU time stops moving: the re-runs a write caused are finished. */
async function settled(backend: BenchBackend) {
  let last = backend.cpuMs();
  for (let quiet = 0; quiet < 2; ) {
    await sleep(25);
    const now = backend.cpuMs();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

async function measure(
  backend: BenchBackend,
  writer: ConvexClient,
  commentIds: Record<string, string>,
  mode: Mode,
  count: number,
): Promise<Run> {
  const reactionArgs =
    mode === "reaction"
      ? {
          organizationSlug: ORG,
          postSlug: SHARED_THREAD,
          commentIds: (await writer.query(api.comments.list, threadArgs(SHARED_THREAD))).page.flatMap((c) => [
            c._id,
            ...c.replies.map((r) => r._id),
          ]),
        }
      : undefined!;
  const readers: ConvexClient[] = [];
  const waiting = new Map<number, { content: string; resolve: (at: number) => void }>();
  const ready: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const client = nodeClient(backend.url);
    readers.push(client);
    const slug = mode === "own thread" ? ownThread(i) : SHARED_THREAD;
    ready.push(
      new Promise((first) =>
        client.onUpdate(api.comments.list, threadArgs(slug), (page) => {
          first();
          const wait = waiting.get(i);
          if (wait && page.page[0]?.content === wait.content) {
            waiting.delete(i);
            wait.resolve(performance.now());
          }
        }),
      ),
    );
    // Reactions: the thread page and its counts, as <post-comments> subscribes to them.
    if (mode === "reaction") {
      ready.push(
        new Promise((first) =>
          client.onUpdate(api.reactions.counts, reactionArgs, (counts) => {
            first();
            const wait = waiting.get(i);
            const hearts = counts.find((c) => c.targetId === commentIds[SHARED_THREAD])?.counts.heart ?? 0;
            if (wait && String(hearts) === wait.content) {
              waiting.delete(i);
              wait.resolve(performance.now());
            }
          }),
        ),
      );
    }
  }
  await Promise.all(ready);
  await settled(backend);

  const latencies: number[] = [];
  const roundTrips: number[] = [];
  const cpuToDeliver: number[] = [];
  const cpu: number[] = [];
  for (let m = 0; m < WARMUP + MUTATIONS; m++) {
    const target = mode === "own thread" ? m % count : -1;
    const slug = target === -1 ? SHARED_THREAD : ownThread(target);
    // A reaction's subscribers wait for the heart count it leaves: 1 after giving it, 0 after taking it back.
    const content = mode === "reaction" ? String(1 - (m % 2)) : `Edited for the benchmark: ${mode}, ${count} clients, #${m}`;
    const watchers = target === -1 ? readers.map((_, i) => i) : [target];
    const arrivals = watchers.map((i) => new Promise<number>((resolve) => waiting.set(i, { content, resolve })));
    const cpuBefore = backend.cpuMs();
    const sent = performance.now();
    if (mode === "reaction") {
      await writer.mutation(api.reactions.set, { targetId: commentIds[slug]!, kind: "heart", on: m % 2 === 0 });
    } else {
      await writer.mutation(api.comments.edit, { commentId: commentIds[slug] as any, content });
    }
    const roundTrip = performance.now() - sent;
    const arrived = await Promise.all(arrivals);
    const cpuDelivered = backend.cpuMs();
    const cpuAfter = await settled(backend);
    if (m < WARMUP) continue;
    roundTrips.push(roundTrip);
    latencies.push(...arrived.map((at) => at - sent));
    cpuToDeliver.push(cpuDelivered - cpuBefore);
    cpu.push(cpuAfter - cpuBefore);
  }
  // The next row counts from no ❤️ again.
  if (mode === "reaction") await writer.mutation(api.reactions.set, { targetId: commentIds[SHARED_THREAD]!, kind: "heart", on: false });
  await Promise.all(readers.map((client) => client.close()));
  return {
    mode,
    clients: count,
    latency: summarize(latencies),
    roundTrip: summarize(roundTrips),
    cpuToDeliver: summarize(cpuToDeliver),
    cpu: summarize(cpu),
  };
}

export async function runLive(): Promise<SectionResult> {
  const started = Date.now();
  const { dataDir, ids } = preparedDataset();
  const backend = await startBackendProcess(dataDir);
  try {
    const writer = await signedInClient(backend.url, (await signIn(siteAt(backend.siteUrl), ADMIN)).token);
    const runs: Run[] = [];
    const alone = await measureAlone(backend, writer, ids.firstComment[SHARED_THREAD]!);
    for (const mode of ["same thread", "own thread", "reaction"] as Mode[]) {
      for (const count of CLIENTS) {
        if (mode !== "reaction") {
          runs.push(await measure(backend, writer, ids.firstComment, mode, count));
          continue;
        }
        // A reader of their own per row: reactions are rate limited per account (20 back to back).
        const email = `reactor-${count}-${Date.now()}@example.test`;
        const reactor = await signedInClient(
          backend.url,
          (await signUp(siteAt(backend.siteUrl), { email, name: `Reactor ${count}`, password: PASSWORD })).token,
        );
        runs.push(await measure(backend, reactor, ids.firstComment, mode, count));
        await reactor.close();
      }
    }
    await writer.close();
    const worst = runs.filter((r) => r.clients === 200);
    return sectionResult("live", "Live latency and fan-out (local backend)", started, {
      tables: [
        {
          title: "Mutation sent → update received, ms (median / p95, max)",
          columns: ["subscribers", "latency", "max", "× baseline", "writer's round trip", "backend CPU until delivered, ms", "backend CPU until idle, ms"],
          rows: [
            ["baseline: round trip, nobody subscribed", fmtSummary(alone.roundTrip), alone.roundTrip.max.toFixed(1), "×1.00", fmtSummary(alone.roundTrip), fmtSummary(alone.cpuToDeliver, 0), fmtSummary(alone.cpu, 0)],
            ...runs.map((r) => [
              r.mode === "reaction"
                ? `${r.clients} on the same thread: a reaction`
                : `${r.clients} on the ${r.mode === "same thread" ? "same thread" : "own thread each"}`,
              fmtSummary(r.latency),
              r.latency.max.toFixed(1),
              ratio(r.latency.median, alone.roundTrip.median),
              fmtSummary(r.roundTrip),
              fmtSummary(r.cpuToDeliver, 0),
              fmtSummary(r.cpu, 0),
            ]),
          ],
          notes: [
            `${MUTATIONS} edits of a comment on the thread's first page per row (after ${WARMUP} warm-up edits); "same thread": every subscriber waits for each edit; "own thread": only the edited thread's subscriber does; "a reaction": each subscriber also holds the page's reactions.counts, the writer gives and takes back ❤️ on the first comment (reactions.set) and every subscriber waits for the new count.`,
            "Backend CPU: the local backend process's user + system time (/proc, 10 ms ticks) from the send until the last subscriber had the update, and until the process is idle again (no tick for 50 ms). Its snapshot file is written asynchronously ~250 ms after writes stop and at most 2 s after the first, so up to once per row, inside whichever edit it falls.",
            "The local backend runs our functions on convex-test: after a write only the subscriptions whose read set it touched re-run (read sets coarser than a deployment's), identical subscriptions share one execution and its serialised result, and a query's index reads are replayed from memory until a write touches their range (convex-test itself scans and sorts the table for each).",
            "All clients share this one Node process, so their own decoding is part of the latency.",
          ],
        },
      ],
      goals: worst.map((r) => ({
        goal: `update p95 ≤ ${GOAL_P95_MS} ms at 200 clients (${r.mode})`,
        actual: `${r.latency.p95.toFixed(1)} ms`,
        met: r.latency.p95 <= GOAL_P95_MS,
      })),
      data: { baseline: alone, runs, mutationsPerRow: MUTATIONS },
    });
  } finally {
    await backend.close();
  }
}

/** The edit's round trip with no subscriber but the writer. */
async function measureAlone(backend: BenchBackend, writer: ConvexClient, commentId: string) {
  const roundTrips: number[] = [];
  const cpuToDeliver: number[] = [];
  const cpu: number[] = [];
  for (let m = 0; m < WARMUP + MUTATIONS; m++) {
    const cpuBefore = backend.cpuMs();
    const sent = performance.now();
    await writer.mutation(api.comments.edit, { commentId: commentId as any, content: `Baseline edit #${m}` });
    const roundTrip = performance.now() - sent;
    const cpuDelivered = backend.cpuMs();
    const cpuAfter = await settled(backend);
    if (m < WARMUP) continue;
    roundTrips.push(roundTrip);
    cpuToDeliver.push(cpuDelivered - cpuBefore);
    cpu.push(cpuAfter - cpuBefore);
  }
  return { roundTrip: summarize(roundTrips), cpuToDeliver: summarize(cpuToDeliver), cpu: summarize(cpu) };
}
