/**
 * End-to-end tests: the demo site (Vite, demo/) against a fresh local backend, both started once for
 * the run by tests/e2e/global-setup.ts, in Debian's Chromium (never a downloaded browser).
 */
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS } from "./scripts/ensure.mjs";


export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  // One backend and one dev server for the suite; each test uses its own posts and readers.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    baseURL: process.env.E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
});
