/** Summaries of repeated timings: the median says what is typical, p95 what a slow run looks like. */
export type Summary = { n: number; median: number; p95: number; max: number };

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest rank: p95 of 20 samples is the 19th, so it is always a measured value.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
}

/** `12.3 / 15.0` (median / p95) with one decimal. */
export function fmtSummary(s: Summary, digits = 1): string {
  return `${s.median.toFixed(digits)} / ${s.p95.toFixed(digits)}`;
}

/** How many times the figure is its baseline (medians), e.g. `×1.8`. */
export function ratio(value: number, baseline: number): string {
  return Number.isFinite(value / baseline) && baseline > 0 ? `×${(value / baseline).toFixed(2)}` : "–";
}

export async function repeat(times: number, run: (i: number) => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await run(i));
  return samples;
}
