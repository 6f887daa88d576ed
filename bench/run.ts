/**
 * `npm run bench [-- size|backend|live|render|page|writes|import|snapshot ...]`: runs the sections (all by default), prints
 * the tables and writes results/latest.md and results/latest.json. A section run alone replaces its
 * own figures and keeps the others from the previous run (each section says when it was measured).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { machine } from "./lib/machine";
import { markdownSection, type SectionResult } from "../support/report";

const SECTIONS: Record<string, () => Promise<SectionResult>> = {
  size: async () => (await import("./size")).runSize(),
  backend: async () => (await import("./backend")).runBackend(),
  live: async () => (await import("./live")).runLive(),
  render: async () => (await import("./render")).runRender(),
  profile: async () => (await import("./profile")).runProfile(),
  page: async () => (await import("./page")).runPage(),
  writes: async () => (await import("./writes")).runWrites(),
  import: async () => (await import("./import")).runImport(),
  snapshot: async () => (await import("./snapshot")).runSnapshot(),
};

const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
const jsonFile = join(resultsDir, "latest.json");

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`Unknown section ${unknown.join(", ")}: choose from ${Object.keys(SECTIONS).join(", ")}.`);
  process.exit(2);
}
const names = asked.length ? asked : Object.keys(SECTIONS);

type Results = { machine: ReturnType<typeof machine>; sections: Record<string, SectionResult> };
const previous: Results | null = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, "utf8")) : null;
const results: Results = { machine: machine(), sections: { ...previous?.sections } };

const started = Date.now();
let failed = false;
for (const name of names) {
  console.error(`▶ ${name}`);
  try {
    const result = await SECTIONS[name]!();
    results.sections[name] = result;
    console.log(`\n${markdownSection(result)}`);
  } catch (error) {
    failed = true;
    console.error(`✖ ${name} failed:`, error);
  }
}

const order = Object.keys(SECTIONS).filter((name) => results.sections[name]);
const m = results.machine;
const markdown = [
  "# Benchmark results",
  "",
  `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.platform}; Node ${m.node}, Chromium ${m.chromium}, lit ${m.lit}, convex ${m.convex}.`,
  "Timings are median / p95 over repeated runs; compare each with its baseline from the same run (see bench/README.md).",
  "",
  ...order.map((name) => markdownSection(results.sections[name]!)),
].join("\n");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, "latest.md"), `${markdown}\n`);
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
console.error(`\nWrote bench/results/latest.md and latest.json in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
// Clients and servers from the sections are closed; exit anyway so a stray timer cannot hold the run.
process.exit(failed ? 1 : 0);
