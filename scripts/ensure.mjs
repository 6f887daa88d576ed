/**
 * What `npm start` and `npm test` need before they run: dependencies, and Chromium for browser tests.
 * Installs what it can (npm install; Chromium through apt when running as root) or stops with one line.
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** Flags for the system Chromium: as root it needs --no-sandbox; the rest keep it from dialling out. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  return res.status ?? 1;
}

export function ensureDependencies() {
  if (existsSync("node_modules/.package-lock.json")) return;
  console.log("Installing dependencies (npm install)…");
  if (run("npm", ["install", "--no-audit", "--no-fund"]) !== 0) {
    console.error("npm install failed: install Node.js 20+ with npm 11, then run npm install.");
    process.exit(1);
  }
}

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && spawnSync("which", ["apt-get"]).status === 0) {
    console.log("Installing Chromium from Debian (apt-get install chromium)…");
    const ok =
      run("apt-get", ["update", "-qq"]) === 0 &&
      run("apt-get", ["install", "-y", "-qq", "chromium"], {
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      }) === 0;
    if (ok && existsSync(CHROMIUM)) return CHROMIUM;
  }
  console.error(
    `Chromium not found at ${CHROMIUM}: install it (sudo apt-get install -y chromium) or set CHROME_PATH.`,
  );
  process.exit(1);
}
