/**
 * The demo as a reader sees it, for end-to-end tests and screenshots: a fresh local backend (temporary
 * data, demo seed) and the demo site on Vite, each on a free port. Hot reload and file watching are
 * off, so edits elsewhere in the tree never reload a page mid-run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { startLocalBackend, type LocalBackend } from "../local-backend/server";
import { startMailbox, type Mailbox } from "./mailbox";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type DemoSite = {
  /** The demo's origin, trusted by the backend for sign-in. */
  origin: string;
  /** The same demo at localhost (a domain name, which passkeys need), trusted too. */
  localOrigin: string;
  backend: LocalBackend;
  /** The seed's administrator account. */
  admin: { email: string; password: string };
  /** Where the backend's e-mails land (links in them open this demo). */
  mailbox: Mailbox;
  close(): Promise<void>;
};

/** `name` keeps this run's temporary data and Vite cache apart from other runs'; `env` adds to the backend's. */
export async function startDemoSite(name: string, env: Record<string, string> = {}): Promise<DemoSite> {
  const dataDir = mkdtempSync(join(tmpdir(), `lp-${name}-`));
  const demoPort = await freePort();
  const origin = `http://127.0.0.1:${demoPort}`;
  const localOrigin = `http://localhost:${demoPort}`;
  const mailbox = await startMailbox();
  const backend = await startLocalBackend({
    port: 0,
    sitePort: 0,
    dataDir,
    reset: true,
    seed: true,
    quiet: true,
    // Passkeys need a domain name, so pages at localhost may sign in too.
    env: { TRUSTED_ORIGINS: `${origin},${localOrigin}`, PASSKEY_RP_ID: "localhost", SITE_URL: origin, EMAIL_API_URL: mailbox.url, RESEND_API_KEY: "re_demo_site", ...env },
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
    cacheDir: join(projectRoot, `node_modules/.vite-${name}`),
    logLevel: "warn",
    clearScreen: false,
    server: { host: "127.0.0.1", port: demoPort, strictPort: true, hmr: false, watch: null },
  });
  await vite.listen();
  return {
    origin,
    localOrigin,
    backend,
    admin,
    mailbox,
    async close() {
      await vite.close();
      await backend.close();
      await mailbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
