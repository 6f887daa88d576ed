/**
 * `npm run size`: the library's size budget. It runs the benchmark's size measurement (bench/size.ts,
 * one code path for both): the npm build bundled by esbuild as an application would, and the one-file
 * CDN bundle, each with its read-only path (what a page with all three elements loads before anyone
 * signs in) beside the floor of Lit and the Convex client. Prints the tables; exits 1 when a goal is missed.
 */
import { markdownSection } from "../support/report.ts";
import { runSize } from "../bench/size.ts";

const result = await runSize();
console.log(markdownSection(result));
const missed = result.goals.filter((goal) => !goal.met);
if (missed.length) {
  console.error(`Over budget:\n${missed.map((goal) => `- ${goal.goal}: ${goal.actual}`).join("\n")}`);
  process.exit(1);
}
console.log("Within budget.");
