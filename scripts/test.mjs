/** `npm test`: every test, in order of speed; stops at the first failing step. */
import { ensureChromium, ensureDependencies, run } from "./ensure.mjs";

ensureDependencies();

const steps = [
  ["generated code is current", "npx", ["tsx", "scripts/codegen.ts", "--check"]],
  ["lint (ESLint: typescript-eslint, Convex, Lit, web components)", "npx", ["eslint", "."]],
  ["type check", "npx", ["tsc", "-p", "tsconfig.json"]],
  ["type check (benchmarks)", "npx", ["tsc", "-p", "bench/tsconfig.json"]],
  ["deployable (real Convex CLI: typecheck and bundle, no upload)", "node", ["scripts/deploy-check.mjs"]],
  ["backend (convex-test)", "npx", ["vitest", "run"]],
  ["local backend", "npx", ["vitest", "run", "-c", "vitest.local-backend.config.ts"]],
  ["browser (web-test-runner)", "npm", ["run", "test:browser"], ensureChromium],
  ["end-to-end (Playwright)", "npx", ["playwright", "test"], ensureChromium],
  ["host matrix (packed tarball → production bundles → Chromium)", "npx", ["tsx", "tests/hosts/host-matrix.ts"], ensureChromium],
];

for (const [name, cmd, args, prepare] of steps) {
  console.log(`\n▶ ${name}`);
  prepare?.();
  const started = Date.now();
  if (run(cmd, args) !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
