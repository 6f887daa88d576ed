/**
 * Live latency and fan-out on the local backend: 1 to 1,000 Node ConvexClients (200 for "own
 * thread", the data set's count), spread over child processes, subscribed to the
 * same thread page, or each to its own thread; a signed-in writer edits a comment (or reacts to
 * one), and every subscriber that should see the change records when it arrived. Baseline: the
 * edit's round trip with nobody subscribed. The backend's own counters (GET /local/metrics) split
 * its work per edit into executing the stale results and sending them, with the bytes sent; the
 * subscriber processes report their CPU time.
 */
import { fork, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { ConvexClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { PASSWORD, signIn, signUp, siteAt } from "../support/auth";
import { signedInClient } from "../support/convex-client";
import { startBackendProcess, type BenchBackend } from "./lib/backend-process";
import { ADMIN, ORG, OWN_POSTS, ownThread, preparedDataset, SHARED_THREAD } from "./lib/dataset";
import type { ReaderMessage, ReaderReport, ReactionWatch } from "./lib/live-readers";
import type { SyncMetrics } from "../local-backend/sync-metrics";
import { sectionResult, type SectionResult } from "../support/report";
import { fmtSummary, ratio, summarize, type Summary } from "./lib/stats";

const CLIENTS = [1, 10, 100, 200, 1000];
const WARMUP = 2;
const MUTATIONS = 15;
const GOAL_P95_MS = 50;
/** Where the p95 goal is checked: 1,000 readers of one thread; as many own threads as the data set has. */
const GOAL_CLIENTS: Record<Mode, number> = { "same thread": 1000, "own thread": 200, reaction: 1000 };

type Mode = "same thread" | "own thread" | "reaction";
const threadArgs = (postSlug: string) => ({ organizationSlug: ORG, postSlug, paginationOpts: { numItems: 20, cursor: null } });
type Run = {
  mode: Mode;
  clients: number;
  latency: Summary;
  roundTrip: Summary;
  cpuToDeliver: Summary;
  cpu: Summary;
  /** Per edit, from the backend's counters. */
  executions: Summary;
  framesEncoded: Summary;
  executeCpu: Summary;
  fanOutCpuPerFrame: Summary;
  bytes: Summary;
  /** The subscriber processes' CPU per update a subscriber received, ms. */
  readerCpuPerUpdate: Summary;
};

async function syncMetrics(backend: BenchBackend): Promise<SyncMetrics> {
  return (await fetch(`${backend.url}/local/metrics`)).json() as Promise<SyncMetrics>;
}


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

/** Subscriber processes: enough that no one process decodes more than a few hundred updates per edit. */
const PROCESSES = 4;
const readersScript = fileURLToPath(new URL("./lib/live-readers.ts", import.meta.url));

/** A child process holding some of the subscribers (lib/live-readers.ts). */
class Readers {
  readonly child: ChildProcess;
  readonly #listeners = new Set<(report: ReaderReport) => void>();

  constructor(url: string, readonly slugs: string[], reactions: ReactionWatch | null) {
    this.child = fork(readersScript, [url, ORG, JSON.stringify(slugs), JSON.stringify(reactions)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (report: ReaderReport) => this.#listeners.forEach((listener) => listener(report)));
  }

  /** Resolves with the first report that `pick` accepts. */
  next<T>(pick: (report: ReaderReport) => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const listener = (report: ReaderReport) => {
        const value = pick(report);
        if (value === undefined) return;
        this.#listeners.delete(listener);
        resolve(value);
      };
      this.#listeners.add(listener);
    });
  }

  /**
   * Tells the clients at `indexes` the text of the next edit; once they know, gives their arrival
   * times (epoch ms) to come and the process's CPU time so far.
   */
  async expect(content: string, indexes: number[]): Promise<{ arrivals: Promise<number[]>; cpuMs: number }> {
    const arrivals: number[] = [];
    const all = new Promise<number[]>((resolve) => {
      if (!indexes.length) return resolve(arrivals);
      const listener = (report: ReaderReport) => {
        if (!("arrived" in report)) return;
        arrivals.push(report.at);
        if (arrivals.length === indexes.length) {
          this.#listeners.delete(listener);
          resolve(arrivals);
        }
      };
      this.#listeners.add(listener);
    });
    const told = this.next((report) => ("expecting" in report ? report.cpuMs : undefined));
    this.child.send({ expect: content, clients: indexes } satisfies ReaderMessage);
    const cpuMs = await told;
    // Wrapped: an async function would wait for a promise it returns.
    return { arrivals: all, cpuMs };
  }

  close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.send({ close: true } satisfies ReaderMessage);
    return exited;
  }
}

const now = () => performance.timeOrigin + performance.now();

async function measure(
  backend: BenchBackend,
  writer: ConvexClient,
  commentIds: Record<string, string>,
  mode: Mode,
  count: number,
): Promise<Run> {
  const slugs = Array.from({ length: count }, (_, i) => (mode === "own thread" ? ownThread(i) : SHARED_THREAD));
  // Reactions: each subscriber also holds the page's counts, as <post-comments> does, and waits for the ❤️ count.
  const reactions: ReactionWatch | null =
    mode === "reaction"
      ? {
          commentIds: (await writer.query(api.comments.list, threadArgs(SHARED_THREAD))).page.flatMap((c) => [
            c._id,
            ...c.replies.map((r) => r._id),
          ]),
          targetId: commentIds[SHARED_THREAD]!,
        }
      : null;
  const processes = Math.min(PROCESSES, count);
  const groups = Array.from({ length: processes }, (_, p) => slugs.filter((_, i) => i % processes === p));
  const readers = groups.map((group) => new Readers(backend.url, group, reactions));
  await Promise.all(readers.map((r) => r.next((report) => ("ready" in report ? true : undefined))));
  await settled(backend);

  const latencies: number[] = [];
  const roundTrips: number[] = [];
  const cpuToDeliver: number[] = [];
  const cpu: number[] = [];
  const counters: Record<"executions" | "framesEncoded" | "executeCpu" | "fanOutCpuPerFrame" | "bytes", number[]> = {
    executions: [],
    framesEncoded: [],
    executeCpu: [],
    fanOutCpuPerFrame: [],
    bytes: [],
  };
  const readerCpuPerUpdate: number[] = [];
  /** The subscriber processes' CPU time when told of the edit before: the difference is the last edit's decoding. */
  let readersCpuBefore: number | null = null;
  let arrivedBefore = 0;
  const readersCpu = (told: { cpuMs: number }[]) => told.reduce((sum, t) => sum + t.cpuMs, 0);
  for (let m = 0; m < WARMUP + MUTATIONS; m++) {
    const target = mode === "own thread" ? m % count : -1;
    const slug = target === -1 ? SHARED_THREAD : ownThread(target);
    // A reaction's subscribers wait for the ❤️ count it leaves: 1 after giving it, 0 after taking it back.
    const content = mode === "reaction" ? String(1 - (m % 2)) : `Edited for the benchmark: ${mode}, ${count} clients, #${m}`;
    // Subscriber i lives in process i % processes, as its index i / processes there.
    const arrivals = await Promise.all(
      readers.map((r, p) =>
        r.expect(
          content,
          target === -1 ? r.slugs.map((_, i) => i) : target % processes === p ? [Math.floor(target / processes)] : [],
        ),
      ),
    );
    const readersCpuNow = readersCpu(arrivals);
    if (readersCpuBefore !== null && m > WARMUP) readerCpuPerUpdate.push((readersCpuNow - readersCpuBefore) / arrivedBefore);
    readersCpuBefore = readersCpuNow;
    const metricsBefore = await syncMetrics(backend);
    const cpuBefore = backend.cpuMs();
    const sent = now();
    if (mode === "reaction") {
      await writer.mutation(api.reactions.set, { targetId: commentIds[slug]!, kind: "heart", on: m % 2 === 0 });
    } else {
      await writer.mutation(api.comments.edit, { commentId: commentIds[slug] as any, content });
    }
    const roundTrip = now() - sent;
    const arrived = (await Promise.all(arrivals.map((a) => a.arrivals))).flat();
    const cpuDelivered = backend.cpuMs();
    const cpuAfter = await settled(backend);
    const metricsAfter = await syncMetrics(backend);
    arrivedBefore = arrived.length;
    if (m < WARMUP) continue;
    roundTrips.push(roundTrip);
    latencies.push(...arrived.map((at) => at - sent));
    cpuToDeliver.push(cpuDelivered - cpuBefore);
    cpu.push(cpuAfter - cpuBefore);
    const delta = (field: keyof SyncMetrics) => metricsAfter[field] - metricsBefore[field];
    counters.executions.push(delta("executions"));
    counters.framesEncoded.push(delta("framesEncoded"));
    counters.executeCpu.push(delta("executeCpuMs"));
    counters.fanOutCpuPerFrame.push(delta("fanOutCpuMs") / Math.max(1, delta("transitions")));
    counters.bytes.push(delta("transitionBytes"));
  }
  // The last edit's decoding: the processes' CPU time once it has arrived everywhere.
  const told = await Promise.all(readers.map((r) => r.expect("", [])));
  readerCpuPerUpdate.push((readersCpu(told) - readersCpuBefore!) / arrivedBefore);
  // The next row counts from no ❤️ again.
  if (mode === "reaction") await writer.mutation(api.reactions.set, { targetId: commentIds[SHARED_THREAD]!, kind: "heart", on: false });
  await Promise.all(readers.map((r) => r.close()));
  return {
    mode,
    clients: count,
    latency: summarize(latencies),
    roundTrip: summarize(roundTrips),
    cpuToDeliver: summarize(cpuToDeliver),
    cpu: summarize(cpu),
    executions: summarize(counters.executions),
    framesEncoded: summarize(counters.framesEncoded),
    executeCpu: summarize(counters.executeCpu),
    fanOutCpuPerFrame: summarize(counters.fanOutCpuPerFrame),
    bytes: summarize(counters.bytes),
    readerCpuPerUpdate: summarize(readerCpuPerUpdate),
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
      // The data set has OWN_POSTS threads: "own thread" stops there.
      for (const count of CLIENTS.filter((n) => mode !== "own thread" || n <= OWN_POSTS)) {
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
    const worst = runs.filter((r) => r.clients === GOAL_CLIENTS[r.mode]);
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
            `Subscribers are spread over ${PROCESSES} child processes (round robin), each client its own WebSocket; arrival times are on the machine's clock, so each process's decoding of its share is part of the latency, not one process's of all.`,
          ],
        },
        {
          title: "Work per edit: the backend's counters and the subscribers' CPU (median / p95)",
          columns: [
            "subscribers",
            "query executions",
            "frames encoded",
            "backend CPU executing, ms",
            "backend CPU sending, µs per frame",
            "bytes sent, KB",
            "subscribers' CPU per update, ms",
          ],
          rows: runs.map((r) => [
            r.mode === "reaction"
              ? `${r.clients} on the same thread: a reaction`
              : `${r.clients} on the ${r.mode === "same thread" ? "same thread" : "own thread each"}`,
            fmtSummary(r.executions, 0),
            fmtSummary(r.framesEncoded, 0),
            fmtSummary(r.executeCpu),
            `${(r.fanOutCpuPerFrame.median * 1000).toFixed(0)} / ${(r.fanOutCpuPerFrame.p95 * 1000).toFixed(0)}`,
            `${(r.bytes.median / 1024).toFixed(1)} / ${(r.bytes.p95 / 1024).toFixed(1)}`,
            fmtSummary(r.readerCpuPerUpdate, 2),
          ]),
          notes: [
            "From GET /local/metrics before and after each edit (counters since start; differences): subscription queries executed; distinct Transition frames encoded (subscribers in the same state share one, the writer's own is another); the backend process's CPU (process.cpuUsage, µs resolution) while its refresh executed the stale shared results, and while it then sent the Transitions, per frame sent; the Transition bytes sent to all subscribers.",
            "Subscribers' CPU: the child processes' user + system time between being told of one edit and of the next (decoding the Transition, the client's update, our check), divided by the updates they received.",
          ],
        },
      ],
      goals: worst.map((r) => ({
        goal: `update p95 ≤ ${GOAL_P95_MS} ms at ${r.clients} clients (${r.mode})`,
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
