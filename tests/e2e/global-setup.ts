/**
 * Starts what the end-to-end tests drive: the local backend (fresh temporary data, demo seed) and the
 * demo site on Vite, each on a free port, and hands their URLs to the tests through the environment.
 * Hot reload and file watching are off, so edits elsewhere in the tree never reload a page mid-test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { startLocalBackend } from "../../local-backend/server";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), "lp-e2e-"));
  const demoPort = await freePort();
  const pageOrigin = `http://127.0.0.1:${demoPort}`;
  const backend = await startLocalBackend({
    port: 0,
    sitePort: 0,
    dataDir,
    reset: true,
    seed: true,
    quiet: true,
    env: { TRUSTED_ORIGINS: pageOrigin },
  });
  const admin = backend.accounts[0];
  if (!admin) throw new Error("The local backend's seed made no administrator account.");

  // vite.config.ts reads these when it loads.
  Object.assign(process.env, {
    VITE_CONVEX_URL: backend.url,
    VITE_CONVEX_SITE_URL: backend.siteUrl,
    VITE_DEMO_ADMIN_EMAIL: admin.email,
    VITE_DEMO_ADMIN_PASSWORD: admin.password,
  });
  const vite = await createServer({
    configFile: join(projectRoot, "vite.config.ts"),
    cacheDir: join(projectRoot, "node_modules/.vite-e2e"),
    logLevel: "warn",
    clearScreen: false,
    server: { host: "127.0.0.1", port: demoPort, strictPort: true, hmr: false, watch: null },
  });
  await vite.listen();

  Object.assign(process.env, {
    E2E_BASE_URL: pageOrigin,
    E2E_CONVEX_URL: backend.url,
    E2E_CONVEX_SITE_URL: backend.siteUrl,
    E2E_ADMIN_EMAIL: admin.email,
    E2E_ADMIN_PASSWORD: admin.password,
  });

  return async () => {
    await vite.close();
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
