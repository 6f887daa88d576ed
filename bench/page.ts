/**
 * Page cost: one page with all three elements on the one-file bundle, counted with CDP Network
 * events from navigation until every element shows its first content: WebSockets, HTTP requests and
 * bytes transferred (HTTP bodies as encoded on the wire, plus WebSocket frame payloads).
 */
import type { Browser, Frame, Page } from "playwright-core";
import { startBackendProcess } from "./lib/backend-process";
import { launchChromium } from "./lib/browser";
import { ORG, preparedDataset, threadSlug } from "./lib/dataset";
import { pageHtml, startPageServer } from "./lib/page-server";
import { sectionResult, type SectionResult } from "../support/report";
import { summarize } from "./lib/stats";

const RUNS = 3;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

type Count = { sockets: number; requests: string[]; httpBytes: number; wsBytes: number; firstContentMs: number };

/** Counts `RUNS` navigations to `url` (after one uncounted warm-up) until `ready` resolves with the ms since navigation. */
async function countRuns(browser: Browser, url: string, ready: (page: Page) => Promise<number>): Promise<Count[]> {
  const counts: Count[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const count: Count = { sockets: 0, requests: [], httpBytes: 0, wsBytes: 0, firstContentMs: 0 };
    let counting = true;
    cdp.on("Network.webSocketCreated", () => counting && count.sockets++);
    cdp.on("Network.requestWillBeSent", (e: { request: { url: string } }) => {
      if (counting) count.requests.push(new URL(e.request.url).pathname);
    });
    cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
      if (counting) count.httpBytes += e.encodedDataLength;
    });
    const frame = (e: { response: { payloadData: string } }) => {
      if (counting) count.wsBytes += Buffer.byteLength(e.response.payloadData);
    };
    cdp.on("Network.webSocketFrameReceived", frame);
    cdp.on("Network.webSocketFrameSent", frame);
    await page.goto(url);
    count.firstContentMs = await ready(page);
    counting = false;
    await context.close();
    // The first run warms the backend's cache; it is not counted.
    if (i > 0) counts.push(count);
  }
  return counts;
}

export async function runPage(): Promise<SectionResult> {
  const started = Date.now();
  const { dataDir } = preparedDataset();
  const backend = await startBackendProcess(dataDir);
  const attrs = `deployment="${backend.url}" org="${ORG}"`;
  const body = `<post-search ${attrs}></post-search>
<org-post-list ${attrs} page-size="10"></org-post-list>
<post-comments ${attrs} site="${backend.siteUrl}" post="${threadSlug(200)}"></post-comments>`;
  const thread = `<post-comments ${attrs} post="${threadSlug(200)}"></post-comments>`;
  const server = await startPageServer({
    "/page.html": pageHtml(body, ["/cdn/live-post-elements.js", "/harness.js"]),
    "/thread.html": pageHtml(thread, ["/cdn/live-post-elements.js", "/harness.js"]),
    "/embed.html": pageHtml(`<iframe src="/thread.html" title="Comments" style="border:0;inline-size:100%;block-size:80vh"></iframe>`, []),
  });
  const browser = await launchChromium();
  try {
    const counts = await countRuns(browser, `${server.origin}/page.html`, async (page) => {
      await page.waitForFunction(() => "bench" in window);
      return page.evaluate(() => window.bench.firstContent());
    });
    // The same thread alone, inline and as an iframe embed (a host page loading a page of the thread),
    // timed from the top page's navigation.
    const firstComment = async (frame: Frame) => {
      await frame.waitForFunction(() => "bench" in window);
      const at = await frame.evaluate(() => window.bench.firstComment());
      return at - (await frame.page().evaluate(() => performance.timeOrigin));
    };
    const inline = await countRuns(browser, `${server.origin}/thread.html`, (page) => firstComment(page.mainFrame()));
    const framed = await countRuns(browser, `${server.origin}/embed.html`, async (page) =>
      firstComment((await (await page.waitForSelector("iframe")).contentFrame())!),
    );
    const embedRow = (what: string, runs: Count[]) => {
      const c = runs.at(-1)!;
      const total = summarize(runs.map((r) => r.httpBytes + r.wsBytes));
      const time = summarize(runs.map((r) => r.firstContentMs));
      return [what, String(c.requests.length), kb(c.httpBytes), kb(c.wsBytes), kb(total.median), time.median.toFixed(0)];
    };
    const last = counts.at(-1)!;
    const bytes = summarize(counts.map((c) => c.httpBytes + c.wsBytes));
    const time = summarize(counts.map((c) => c.firstContentMs));
    const signInLoaded = counts.some((c) => c.requests.some((path) => /session-/.test(path)));
    return sectionResult("page", "Page cost (all three elements on one page)", started, {
      tables: [
        {
          title: "Navigation → every element's first content",
          columns: ["figure", "value"],
          rows: [
            ["WebSockets", last.sockets],
            ["HTTP requests", `${last.requests.length} (${last.requests.join(", ")})`],
            ["bytes over HTTP (encoded, gzip)", kb(last.httpBytes)],
            ["bytes over the WebSocket (frames both ways)", kb(last.wsBytes)],
            ["bytes in all (median / p95)", `${kb(bytes.median)} / ${kb(bytes.p95)}`],
            ["time to first content of all three, ms (median / p95)", `${time.median.toFixed(0)} / ${time.p95.toFixed(0)}`],
            ["sign-in chunk requested", signInLoaded ? "yes" : "no"],
          ],
          notes: [
            `${RUNS} fresh browser contexts with the cache disabled, after one uncounted warm-up; the page is served gzip-encoded from 127.0.0.1 and includes the small measuring script (harness.js). The comments show a 200-comment thread's first page; the feed 10 posts.`,
          ],
        },
        {
          title: "Navigation → the thread's first comment: this project inline vs an iframe embed",
          columns: ["page", "HTTP requests", "bytes over HTTP", "bytes over the WebSocket", "bytes in all (median)", "time to first comment, ms (median)"],
          rows: [embedRow("<post-comments> on the page", inline), embedRow("iframe embed: a host page loading a page with the same thread", framed)],
          notes: [
            "Both served from 127.0.0.1 like the page above (cache disabled, gzip). The embed is what giscus, Disqus and Remark42 do: the host page loads a second document that holds the thread (here our own element, so the comparison isolates the iframe's cost: a second document, its own requests, no sharing with the page's other elements and no styling from the host page).",
          ],
        },
      ],
      goals: [
        { goal: "one WebSocket for the three elements", actual: String(last.sockets), met: counts.every((c) => c.sockets === 1) },
        { goal: "no sign-in code before anyone signs in", actual: signInLoaded ? "loaded" : "not loaded", met: !signInLoaded },
      ],
      data: { runs: counts, inline, framed },
    });
  } finally {
    await browser.close();
    await server.close();
    await backend.close();
  }
}
