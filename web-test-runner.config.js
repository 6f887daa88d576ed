/**
 * Browser tests: Chromium from the system, TypeScript through esbuild, and the local backend started
 * once for the run (tests/browser/helpers/backend-plugin.ts). Run through tsx (`npm run test:browser`)
 * so the backend's TypeScript loads in Node.
 */
import { chromeLauncher } from "@web/test-runner-chrome";
import { CHROMIUM, CHROMIUM_ARGS } from "./scripts/ensure.mjs";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { localBackendPlugin } from "./tests/browser/helpers/backend-plugin.ts";
import { ssrPlugin } from "./tests/browser/helpers/ssr-plugin.ts";
import { failingFetch } from "./tests/browser/helpers/failing-fetch-plugin.ts";

const port = Number(process.env.WTR_PORT ?? 8765);
const flaky = failingFetch();

export default {
  files: ["tests/browser/**/*.test.ts"],
  nodeResolve: true,
  port,
  concurrency: 1,
  testsFinishTimeout: 300_000,
  // Under CI a focused test (`.only`) fails the run instead of silently skipping the rest.
  testFramework: { config: { timeout: 20_000, forbidOnly: !!process.env.CI } },
  // App bundlers (and the CDN build) replace process.env.NODE_ENV; the sign-in client's nanostores reads it.
  testRunnerHtml: (testFramework) =>
    `<html><body><script>window.process = { env: { NODE_ENV: "development" } };</script>` +
    // Failures that involve DOM nodes are reported instead of hanging the page (see the file).
    `<script type="module" src="/tests/browser/helpers/readable-failures.ts"></script>` +
    `<script type="module" src="${testFramework}"></script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  middleware: [flaky.middleware],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: "tsconfig.json" }),
    localBackendPlugin({ pageOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] }),
    ssrPlugin(),
    flaky.plugin,
  ],
};
