/** Chromium from the system through playwright-core, with the flags this offline machine needs. */
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../../scripts/ensure.mjs";
import { CHROMIUM } from "./machine";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

export type Metrics = Record<string, number>;

export async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(list.map((m: { name: string; value: number }) => [m.name, m.value]));
}

/** Longest main-thread task of the page's renderer while `run` ran, from a devtools timeline trace. */
export async function longestTask<T>(browser: Browser, page: Page, run: () => Promise<T>): Promise<{ value: T; longestMs: number }> {
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
  const value = await run();
  const trace = await browser.stopTracing();
  const events: { name: string; ph: string; pid: number; tid: number; dur?: number; args?: { name?: string } }[] =
    JSON.parse(trace.toString()).traceEvents;
  const mainThreads = new Set(
    events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
  let longest = 0;
  for (const e of events) {
    if (e.name === "RunTask" && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`)) longest = Math.max(longest, e.dur / 1000);
  }
  return { value, longestMs: longest };
}
