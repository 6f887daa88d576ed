/**
 * Browser tests: Chromium from the system, TypeScript through esbuild, and the local backend started
 * once for the run (fresh data, seeded). Tests read its URLs from `/__backend.json`.
 * Run through tsx (`npm run test:browser`) so the backend's TypeScript loads in Node.
 */
import { existsSync } from "node:fs";
import { chromeLauncher } from "@web/test-runner-chrome";
import { esbuildPlugin } from "@web/dev-server-esbuild";

const executablePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** Starts the local backend for the run and serves its URLs to the tests. */
function localBackendPlugin() {
  let backend;
  return {
    name: "local-backend",
    async serverStart() {
      if (!existsSync(new URL("./local-backend/server.ts", import.meta.url))) return;
      const { startLocalBackend } = await import("./local-backend/server.ts");
      backend = await startLocalBackend({ seed: true });
    },
    async serverStop() {
      await backend?.close();
    },
    serve(context) {
      if (context.path !== "/__backend.json") return undefined;
      if (!backend) return { body: JSON.stringify({ error: "local backend not started" }), type: "json" };
      return { body: JSON.stringify({ url: backend.url, siteUrl: backend.siteUrl }), type: "json" };
    },
  };
}

export default {
  files: ["tests/browser/**/*.test.ts"],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage",
        ],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: "tsconfig.json" }),
    localBackendPlugin(),
  ],
};
