/**
 * Render in Chromium: <post-comments> on threads of 20, 200 and 1,000 comments (first page of 20, as
 * shipped) and <org-post-list> with 20 and 100 posts (the most one page holds), from connecting the element to its content
 * painted; then an edit arriving on the 200-comment thread, from the mutation's send to its paint.
 * Baseline in the same run: the same query through a bare ConvexClient drawn with innerHTML.
 */
import type { Browser } from "playwright-core";
import { api } from "../convex/_generated/api";
import { LIMITS } from "../convex/lib/limits";
import { signIn, siteAt } from "../support/auth";
import { signedInClient } from "../support/convex-client";
import { startBackendProcess } from "./lib/backend-process";
import { launchChromium, longestTask, metrics } from "./lib/browser";
import { ADMIN, ORG, preparedDataset, threadSlug, THREAD_SIZES } from "./lib/dataset";
import { startPageServer } from "./lib/page-server";
import { sectionResult, type SectionResult } from "../support/report";
import { fmtSummary, ratio, summarize, type Summary } from "./lib/stats";

const RUNS = 5;
const UPDATES = 10;
const FIRST_PAGE = 20;
/** The largest feed is one page of the most a page may hold (the backend refuses more). */
const FEED_SIZES = [20, LIMITS.pageSize];

type Mode = "element" | "baseline";
type Case = { label: string; kind: "comments" | "feed"; count: number; attributes: Record<string, string> };
type Sample = { paintMs: number; scriptMs: number; longestTaskMs: number; heapMB: number };
type CaseResult = Record<Mode, { paint: Summary; script: Summary; longestTask: Summary; heap: Summary }>;

async function once(browser: Browser, origin: string, mode: Mode, c: Case): Promise<Sample> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/${mode}.html`);
    await page.waitForFunction(() => "bench" in window && (customElements.get("post-comments") || "benchBaseline" in window));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const before = await metrics(cdp);
    const { value: paintMs, longestMs } = await longestTask(browser, page, () =>
      page.evaluate(
        ([m, target, attributes]) => window.bench.mount(m, target, attributes),
        [mode, { kind: c.kind, count: c.count }, c.attributes] as const,
      ),
    );
    const after = await metrics(cdp);
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await metrics(cdp);
    return {
      paintMs,
      scriptMs: (after.ScriptDuration! - before.ScriptDuration!) * 1000,
      longestTaskMs: longestMs,
      heapMB: heap.JSHeapUsedSize! / 2 ** 20,
    };
  } finally {
    await context.close();
  }
}

export async function runRender(): Promise<SectionResult> {
  const started = Date.now();
  const { dataDir, ids } = preparedDataset();
  const backend = await startBackendProcess(dataDir);
  const server = await startPageServer();
  const browser = await launchChromium();
  try {
    const common = { deployment: backend.url, site: backend.siteUrl, org: ORG };
    const cases: Case[] = [
      ...THREAD_SIZES.map((size) => ({
        label: `<post-comments>, thread of ${size.toLocaleString("en")}`,
        kind: "comments" as const,
        count: Math.min(size, FIRST_PAGE),
        attributes: { ...common, post: threadSlug(size), "page-size": String(FIRST_PAGE) },
      })),
      ...FEED_SIZES.map((size) => ({
        label: `<org-post-list>, ${size} posts`,
        kind: "feed" as const,
        count: size,
        attributes: { ...common, "page-size": String(size) },
      })),
    ];
    // One throw-away run per mode warms the backend's and Chromium's caches.
    for (const mode of ["element", "baseline"] as Mode[]) await once(browser, server.origin, mode, cases[0]!);
    const results: { c: Case; r: CaseResult }[] = [];
    for (const c of cases) {
      const samples: Record<Mode, Sample[]> = { element: [], baseline: [] };
      // Alternate, so a slow moment of this shared machine hits both alike.
      for (let i = 0; i < RUNS; i++) {
        for (const mode of ["element", "baseline"] as Mode[]) samples[mode].push(await once(browser, server.origin, mode, c));
      }
      const sum = (list: Sample[]) => ({
        paint: summarize(list.map((s) => s.paintMs)),
        script: summarize(list.map((s) => s.scriptMs)),
        longestTask: summarize(list.map((s) => s.longestTaskMs)),
        heap: summarize(list.map((s) => s.heapMB)),
      });
      results.push({ c, r: { element: sum(samples.element), baseline: sum(samples.baseline) } });
    }

    const writer = await signedInClient(backend.url, (await signIn(siteAt(backend.siteUrl), ADMIN)).token);
    const update: Record<Mode, Summary> = {} as Record<Mode, Summary>;
    const thread = threadSlug(200);
    for (const mode of ["element", "baseline"] as Mode[]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.origin}/${mode}.html`);
      await page.waitForFunction(() => "bench" in window && (customElements.get("post-comments") || "benchBaseline" in window));
      await page.evaluate(
        ([m, count, attributes]) => window.bench.mount(m, { kind: "comments", count }, attributes),
        [mode, FIRST_PAGE, { ...common, post: thread, "page-size": String(FIRST_PAGE) }] as const,
      );
      const samples: number[] = [];
      for (let i = 0; i < UPDATES + 1; i++) {
        const text = `Edited while the page watched (${mode} ${i})`;
        const paintedAt = page.evaluate((t) => window.bench.paintedText(t), text);
        const sentAt = performance.timeOrigin + performance.now();
        await writer.mutation(api.comments.edit, { commentId: ids.firstComment[thread] as any, content: text });
        const ms = (await paintedAt) - sentAt;
        if (i > 0) samples.push(ms);
      }
      update[mode] = summarize(samples);
      await context.close();
    }
    await writer.close();

    const rows = results.flatMap(({ c, r }) => [
      [
        c.label,
        fmtSummary(r.element.paint),
        ratio(r.element.paint.median, r.baseline.paint.median),
        fmtSummary(r.element.script),
        fmtSummary(r.element.longestTask),
        fmtSummary(r.element.heap, 2),
      ],
      [
        "  baseline: ConvexClient + innerHTML",
        fmtSummary(r.baseline.paint),
        "×1.00",
        fmtSummary(r.baseline.script),
        fmtSummary(r.baseline.longestTask),
        fmtSummary(r.baseline.heap, 2),
      ],
    ]);
    rows.push(
      ["edit arriving on the 200-comment thread: send → painted", fmtSummary(update.element), ratio(update.element.median, update.baseline.median), "", "", ""],
      ["  baseline: ConvexClient + innerHTML", fmtSummary(update.baseline), "×1.00", "", "", ""],
    );
    return sectionResult("render", "Render in Chromium", started, {
      tables: [
        {
          title: "Connection → content painted (median / p95)",
          columns: ["case", "to painted, ms", "× baseline", "scripting, ms", "longest task, ms", "JS heap after, MB"],
          rows,
          notes: [
            `${RUNS} runs per case, each in a fresh browser context on the local backend; element and baseline runs alternate. The thread shows its first page of ${FIRST_PAGE} top-level comments (with their replies), as shipped.`,
            "Painted: the first frame whose shadow DOM holds the content, timed after that frame. Scripting: CDP Performance ScriptDuration over the measurement; longest task: the longest RunTask on the renderer's main thread (trace); heap: JSHeapUsedSize after a forced GC.",
            `Edit: ${UPDATES} edits of the thread's first comment by a Node client; send (Node) → painted (page), on the same machine clock.`,
          ],
        },
      ],
      goals: [],
      data: { runs: RUNS, cases: results.map(({ c, r }) => ({ case: c.label, ...r })), update },
    });
  } finally {
    await browser.close();
    await server.close();
    await backend.close();
  }
}
