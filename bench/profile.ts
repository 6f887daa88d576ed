/**
 * Where the render section's time goes: the same measurement as render.ts (connection → content
 * painted, one-file CDN bundle, fresh context per run), with a devtools trace and a sampling CPU
 * profile of the page. Splits each run into waiting (socket, backend, nothing to do on the main thread)
 * and main-thread work by kind (scripting, style, layout, paint), and the scripting by source module
 * of the bundle (its source map), so a cause can be named before code changes.
 */
import type { Browser, CDPSession } from "playwright-core";
import { join, relative } from "node:path";
import { LIMITS } from "../convex/lib/limits";
import { startBackendProcess } from "./lib/backend-process";
import { launchChromium } from "./lib/browser";
import { ORG, preparedDataset, threadSlug } from "./lib/dataset";
import { libraryBuild, projectRoot } from "./lib/library-build";
import { startPageServer } from "./lib/page-server";
import { stretchesBySource } from "./lib/source-map-bytes";
import { sectionResult, type SectionResult } from "../support/report";

const RUNS = 3;
const SAMPLING_US = 100;

type Mode = "element" | "baseline";
type Case = { label: string; kind: "comments" | "feed"; count: number; attributes: Record<string, string> };
type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; args?: { name?: string } };
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** Kinds of main-thread work, by devtools timeline event (self time, so nested events count once). */
const KIND: Record<string, string> = {
  FunctionCall: "scripting",
  EvaluateScript: "scripting",
  "v8.evaluateModule": "scripting",
  RunMicrotasks: "scripting",
  TimerFire: "scripting",
  FireAnimationFrame: "scripting",
  EventDispatch: "scripting",
  "v8.compile": "scripting",
  "v8.compileModule": "scripting",
  MinorGC: "scripting",
  MajorGC: "scripting",
  UpdateLayoutTree: "style",
  ParseAuthorStyleSheet: "style",
  Layout: "layout",
  PrePaint: "paint",
  Paint: "paint",
  Layerize: "paint",
  Commit: "paint",
  ParseHTML: "parse HTML",
};

/** Self time per kind of the renderer main thread's trace events starting from `since` and before `until` (trace µs). */
function mainThreadKinds(events: TraceEvent[], since: number, until = Infinity): Record<string, number> {
  const main = new Set(
    events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
  const spans = events
    .filter((e) => e.ph === "X" && e.dur !== undefined && e.ts >= since && e.ts < until && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const totals: Record<string, number> = {};
  const stack: { end: number; kind: string; child: number; dur: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.end <= until) {
      const top = stack.pop()!;
      totals[top.kind] = (totals[top.kind] ?? 0) + (top.dur - top.child) / 1000;
      if (stack.length) stack.at(-1)!.child += top.dur;
    }
  };
  for (const e of spans) {
    close(e.ts);
    const kind = e.name === "RunTask" ? "other (task overhead)" : (KIND[e.name] ?? (stack.at(-1)?.kind ?? "other (task overhead)"));
    stack.push({ end: e.ts + e.dur!, kind, child: 0, dur: e.dur! });
  }
  close(Infinity);
  return totals;
}

/** Maps a position in the one-file bundle to the module it came from. */
function sourceLookup(file: string) {
  const { bySource } = stretchesBySource(file);
  const byLine = new Map<number, [start: number, end: number, source: string][]>();
  for (const [source, stretches] of bySource) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
    const name = pkg ? (/^(lit|lit-html|lit-element|@lit\/.+)$/.test(pkg) ? "Lit (package)" : `${pkg} (package)`) : relative(projectRoot, source);
    for (const [line, start, end] of stretches) byLine.set(line, [...(byLine.get(line) ?? []), [start, end, name]]);
  }
  return (line: number, column: number) => byLine.get(line)?.find(([start, end]) => column >= start && column < end)?.[2];
}

/** Sampled self time (ms) per source module; time in built-ins goes to the nearest caller in the bundle. */
function scriptingBySource(profile: Profile, lookup: (line: number, column: number) => string | undefined, until = Infinity) {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at)!;
      if (callFrame.url.includes("/cdn/live-post-elements.js")) return lookup(callFrame.lineNumber, callFrame.columnNumber) ?? "(bundle, unmapped)";
      if (callFrame.url.includes("/baseline.js")) return "baseline page script";
      if (callFrame.url.includes("/harness.js")) return "bench harness";
      if (["(garbage collector)", "(program)", "(idle)"].includes(callFrame.functionName)) return callFrame.functionName;
    }
    return "(other)";
  };
  const totals: Record<string, number> = {};
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= until) return;
    // A built-in (Intl, DOM) is named beside the module that called it.
    const { functionName, url } = byId.get(id)!.callFrame;
    const builtin = !url && functionName && !functionName.startsWith("(") ? ` › ${functionName}` : "";
    const name = nameOf(id) + builtin;
    totals[name] = (totals[name] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  delete totals["(idle)"];
  return totals;
}

type Run = {
  paintMs: number;
  firstFrameMs: number;
  /** Main-thread busy time from the mount until the first query set was sent, and until the first result arrived. */
  cpuToSentMs: number;
  cpuToResultMs: number;
  /** Every Transition frame's arrival and every query set's send, ms after the mount. */
  transitionsMs: number[];
  querySetsMs: number[];
  kinds: Record<string, number>;
  sources: Record<string, number>;
  /** `kinds` until the first query set was sent. */
  kindsToSent: Record<string, number>;
  /** `sources` until the first result arrived. */
  sourcesToResult: Record<string, number>;
};

const total = (kinds: Record<string, number>) => Object.values(kinds).reduce((a, b) => a + b, 0);

async function once(browser: Browser, origin: string, mode: Mode, c: Case, lookup: ReturnType<typeof sourceLookup>): Promise<Run> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/${mode}.html`);
    await page.waitForFunction(() => "bench" in window && (customElements.get("post-comments") || "benchBaseline" in window));
    const cdp: CDPSession = await context.newCDPSession(page);
    const frames: number[] = [];
    const sets: number[] = [];
    await cdp.send("Network.enable");
    cdp.on("Network.webSocketFrameReceived", (e: { timestamp: number; response: { payloadData: string } }) => {
      if (e.response.payloadData.includes('"Transition"')) frames.push(e.timestamp);
    });
    cdp.on("Network.webSocketFrameSent", (e: { timestamp: number; response: { payloadData: string } }) => {
      if (e.response.payloadData.includes('"ModifyQuerySet"')) sets.push(e.timestamp);
    });
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: SAMPLING_US });
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"] });
    await cdp.send("Profiler.start");
    const paintMs = await page.evaluate(
      ([m, target, attributes]) => {
        performance.mark("bench-mount");
        return window.bench.mount(m, target, attributes);
      },
      [mode, { kind: c.kind, count: c.count }, c.attributes] as const,
    );
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
    const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    // The mark's trace timestamp ties the socket's clock (CDP monotonic seconds) to the page's.
    const mark = events.find((e) => e.name === "bench-mount")!;
    // CDP timestamps are seconds on the trace's monotonic clock (µs).
    const cpuUntil = (at: number | undefined) => (at === undefined ? NaN : total(mainThreadKinds(events, mark.ts, at * 1e6)));
    return {
      paintMs,
      firstFrameMs: frames.length ? frames[0]! * 1000 - mark.ts / 1000 : NaN,
      cpuToSentMs: cpuUntil(sets[0]),
      cpuToResultMs: cpuUntil(frames[0]),
      transitionsMs: frames.map((at) => at * 1000 - mark.ts / 1000),
      querySetsMs: sets.map((at) => at * 1000 - mark.ts / 1000),
      kinds: mainThreadKinds(events, mark.ts),
      kindsToSent: sets.length ? mainThreadKinds(events, mark.ts, sets[0]! * 1e6) : {},
      sources: scriptingBySource(profile, lookup),
      sourcesToResult: scriptingBySource(profile, lookup, frames.length ? frames[0]! * 1e6 : Infinity),
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");

/** Median of each key over the runs (a key missing from a run counts 0). */
function medians(list: Record<string, number>[]): Record<string, number> {
  const keys = new Set(list.flatMap((entry) => Object.keys(entry)));
  return Object.fromEntries([...keys].map((key) => [key, median(list.map((entry) => entry[key] ?? 0))]));
}

export async function runProfile(): Promise<SectionResult> {
  const started = Date.now();
  const { dataDir } = preparedDataset();
  const backend = await startBackendProcess(dataDir);
  const server = await startPageServer();
  const browser = await launchChromium();
  const lookup = sourceLookup(join(libraryBuild("cdn"), "live-post-elements.js"));
  try {
    const common = { deployment: backend.url, site: backend.siteUrl, org: ORG };
    const cases: Case[] = [
      { label: "<post-comments>, thread of 200", kind: "comments", count: 20, attributes: { ...common, post: threadSlug(200), "page-size": "20" } },
      { label: `<org-post-list>, ${LIMITS.pageSize} posts`, kind: "feed", count: LIMITS.pageSize, attributes: { ...common, "page-size": String(LIMITS.pageSize) } },
    ];
    for (const mode of ["element", "baseline"] as Mode[]) await once(browser, server.origin, mode, cases[0]!, lookup);
    const phaseRows: string[][] = [];
    const kindRows: string[][] = [];
    const sourceRows: string[][] = [];
    const data: unknown[] = [];
    for (const c of cases) {
      const runs: Record<Mode, Run[]> = { element: [], baseline: [] };
      for (let i = 0; i < RUNS; i++) for (const mode of ["element", "baseline"] as Mode[]) runs[mode].push(await once(browser, server.origin, mode, c, lookup));
      for (const mode of ["element", "baseline"] as Mode[]) {
        const list = runs[mode];
        const kinds = medians(list.map((r) => r.kinds));
        const label = `${c.label}: ${mode === "element" ? "element" : "baseline"}`;
        phaseRows.push([
          label,
          ms(median(list.map((r) => r.cpuToSentMs))),
          ms(median(list.map((r) => r.cpuToResultMs))),
          ms(median(list.map((r) => r.firstFrameMs))),
          ms(median(list.map((r) => r.paintMs))),
          ms(total(kinds)),
        ]);
        kindRows.push(
          ...Object.entries(kinds)
            .sort((a, b) => b[1] - a[1])
            .filter(([, value]) => value >= 0.1)
            .map(([kind, value]) => [label, kind, ms(value)]),
        );
        const sources = medians(list.map((r) => r.sources));
        sourceRows.push(
          ...Object.entries(sources)
            .sort((a, b) => b[1] - a[1])
            .filter(([, value]) => value >= 0.2)
            .map(([source, value]) => [label, source, ms(value)]),
        );
        data.push({ case: c.label, mode, runs: list });
      }
    }
    return sectionResult("profile", "Render profile", started, {
      tables: [
        {
          title: "Connection → first data → painted (median, ms)",
          columns: ["case", "CPU until first query set sent", "CPU until first result", "first query result received", "painted", "main thread busy"],
          rows: phaseRows,
          notes: [
            `${RUNS} runs per case and mode, as in the render section. First data: the first WebSocket Transition frame, on the same clock as the mount.`,
            "Main thread busy: self time of the renderer's main-thread trace events from the mount to the end of the measurement. CPU until first query set sent / first result: the same, for the events that start before the first `ModifyQuerySet` frame left the page / the first `Transition` frame arrived.",
          ],
        },
        { title: "Main-thread work by kind (median self time, ms)", columns: ["case", "kind", "ms"], rows: kindRows },
        {
          title: "Scripting by source module (sampled CPU profile, median self time, ms)",
          columns: ["case", "source", "ms"],
          rows: sourceRows,
          notes: [
            `Sampling every ${SAMPLING_US} µs over the whole measurement; time in built-ins (Intl, DOM calls) counts for the module that called them.`,
          ],
        },
      ],
      goals: [],
      data,
    });
  } finally {
    await browser.close();
    await server.close();
    await backend.close();
  }
}
