/**
 * Server snapshots: time from navigation to the first comment painted on a page whose
 * `<post-comments>` holds a snapshot (filled in as `npx live-post-elements snapshot` fills a built
 * page) against the same page without one (today's path: skeleton, WebSocket, first result), the
 * WebSockets opened before that paint, and the layout shift (CLS) from navigation until the live view
 * has replaced the snapshot (or the skeleton).
 */
import { fillSnapshots } from "../bin/snapshot.mjs";
import { startBackendProcess } from "./lib/backend-process";
import { launchChromium } from "./lib/browser";
import { ORG, preparedDataset, threadSlug } from "./lib/dataset";
import { pageHtml, startPageServer } from "./lib/page-server";
import { summarize } from "./lib/stats";
import { sectionResult, type SectionResult } from "../support/report";

const RUNS = 9;

type Run = { firstCommentMs: number; socketsBefore: number; cls: number };

/**
 * Runs before the page's own scripts: records when the first comment is painted (a frame whose DOM
 * holds one, light DOM or shadow root, then that frame drawn), when WebSockets open, and every layout
 * shift. A string, so the page runs it as written (no helpers from this file's compiler).
 */
const INSTRUMENT = `(() => {
  const sockets = [];
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      sockets.push(performance.now());
    }
  };
  let cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  const hasComment = () => {
    const el = document.querySelector("post-comments");
    return !!el && !!(el.shadowRoot || el).querySelector('[part~="comment"]');
  };
  const firstComment = new Promise((resolve) => {
    const check = () => {
      if (!hasComment()) return requestAnimationFrame(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      requestAnimationFrame(() => channel.port2.postMessage(null));
    };
    requestAnimationFrame(check);
  });
  window.snapshotBench = { firstComment, sockets, cls: () => cls };
})();`;

export async function runSnapshot(): Promise<SectionResult> {
  const started = Date.now();
  const { dataDir } = preparedDataset();
  const backend = await startBackendProcess(dataDir);
  const body = `<main style="max-width: 40rem"><h1>A post</h1><p>Its text.</p>
<post-comments deployment="${backend.url}" org="${ORG}" post="${threadSlug(200)}"></post-comments>
<footer><p>The page goes on below the comments.</p></footer></main>`;
  const filled = await fillSnapshots(body, { siteUrl: backend.siteUrl });
  if (filled.filled !== 1) throw new Error(`no snapshot filled: ${filled.skipped.join("; ")}`);
  const server = await startPageServer({
    "/without.html": pageHtml(body, ["/cdn/live-post-elements.js"]),
    "/with.html": pageHtml(filled.html, ["/cdn/live-post-elements.js"]),
  });
  const browser = await launchChromium();
  const measure = async (path: string): Promise<Run> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript({ content: INSTRUMENT });
    await page.goto(`${server.origin}${path}`);
    const firstCommentMs = await page.evaluate<number>("window.snapshotBench.firstComment");
    // Until the live view shows (the snapshot, or the skeleton, gone), then three frames for the shifts.
    await page.waitForFunction(() => {
      const root = document.querySelector("post-comments")?.shadowRoot;
      return !!root && !root.querySelector("[data-lp-snapshot], [part~='skeleton']") && !!root.querySelector("[part~='list']");
    });
    const { sockets, cls } = await page.evaluate<{ sockets: number[]; cls: number }>(`new Promise((resolve) => {
      let frames = 3;
      const step = () => (frames-- ? requestAnimationFrame(step) : resolve({ sockets: window.snapshotBench.sockets, cls: window.snapshotBench.cls() }));
      step();
    })`);
    await context.close();
    return { firstCommentMs, socketsBefore: sockets.filter((at) => at < firstCommentMs).length, cls };
  };
  try {
    const runs: Record<"with" | "without", Run[]> = { with: [], without: [] };
    // One uncounted warm-up of each, then the two pages in turn.
    await measure("/without.html");
    await measure("/with.html");
    for (let i = 0; i < RUNS; i++) {
      runs.without.push(await measure("/without.html"));
      runs.with.push(await measure("/with.html"));
    }
    const time = (list: Run[]) => summarize(list.map((r) => r.firstCommentMs));
    const worst = (list: Run[], key: "socketsBefore" | "cls") => Math.max(...list.map((r) => r[key]));
    const baseline = time(runs.without);
    const row = (name: string, list: Run[]) => {
      const t = time(list);
      return [
        name,
        `${t.median.toFixed(1)} / ${t.p95.toFixed(1)}`,
        `${(t.median / baseline.median).toFixed(2)}×`,
        worst(list, "socketsBefore"),
        worst(list, "cls").toFixed(4),
      ];
    };
    const withSnapshot = time(runs.with);
    return sectionResult("snapshot", "Server snapshots: first comment before the WebSocket", started, {
      tables: [
        {
          title: "Navigation → first comment painted (200-comment thread, first page of 20)",
          columns: ["page", "ms (median / p95)", "× baseline", "WebSockets before it (max)", "CLS until live (max)"],
          rows: [row("without a snapshot (baseline: skeleton, WebSocket, first result)", runs.without), row("with a snapshot in the tag", runs.with)],
          notes: [
            `${RUNS} fresh browser contexts per page after one uncounted warm-up each, alternating; the one-file bundle, served gzip-encoded from 127.0.0.1. The snapshot was fetched from GET /snapshots/comments and filled in by the snapshot command's code when the page was built.`,
            "CLS: layout-shift entries (without recent input) from navigation until the live view has replaced the snapshot or skeleton, plus three frames.",
          ],
        },
      ],
      goals: [
        { goal: "with a snapshot, no WebSocket before the first comment is painted", actual: String(worst(runs.with, "socketsBefore")), met: worst(runs.with, "socketsBefore") === 0 },
        { goal: "with a snapshot, no layout shift at the swap (CLS 0)", actual: worst(runs.with, "cls").toFixed(4), met: worst(runs.with, "cls") === 0 },
        {
          goal: "with a snapshot, first comment sooner than without",
          actual: `${withSnapshot.median.toFixed(1)} vs ${baseline.median.toFixed(1)} ms`,
          met: withSnapshot.median < baseline.median,
        },
      ],
      data: { runs },
    });
  } finally {
    await browser.close();
    await server.close();
    await backend.close();
  }
}
