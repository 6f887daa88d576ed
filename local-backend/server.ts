/**
 * A local Convex deployment in one Node process: our convex/ functions on convex-test's engine,
 * behind Convex's own protocols, so the unmodified ConvexClient / ConvexHttpClient work against it.
 * API and sync on `port`, HTTP actions on `sitePort`. See local-backend/README.md.
 */
import { mkdirSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { TokenVerifier } from "./auth";
import { Clock } from "./clock";
import { Engine } from "./engine";
import { applyEnv } from "./env";
import { httpApi } from "./http-api";
import { projectRoot } from "./modules";
import { DurableStore, readSnapshot, recover, restoreSnapshot, SnapshotWriter } from "./persistence";
import { demoAccounts, seedDemo, type DemoAccount } from "./seed";
import { siteHandler } from "./site";
import { SyncServer } from "./sync";

export type LocalBackendOptions = {
  /** API + sync port (default 3210; 0 picks a free one). */
  port?: number;
  /** HTTP actions port (default 3211; 0 picks a free one). */
  sitePort?: number;
  /** Where data persists (default `.local-backend-data/` in the project). */
  dataDir?: string;
  /** Start from an empty data directory. */
  reset?: boolean;
  /** Seed demo data when the data directory is empty (default true). */
  seed?: boolean;
  /** Environment variables for the functions, over .env.local and the process environment. */
  env?: Record<string, string>;
  quiet?: boolean;
  /**
   * Acknowledge a write only once it is in the fsync'd write-ahead log (default true). `false`
   * restores the old behaviour — acknowledged at once, snapshot written asynchronously ~250 ms
   * later — and exists only as the benchmark's baseline.
   */
  durable?: boolean;
};

export type LocalBackend = {
  url: string;
  siteUrl: string;
  port: number;
  sitePort: number;
  /** Accounts created by the seed (email + password), for signing in to the demo. */
  accounts: DemoAccount[];
  /** Calls `listener` whenever a subscription query executes; returns the unsubscribe function. */
  onQueryExecuted: Engine["onQueryExecuted"];
  close(): Promise<void>;
};

const HOST = "127.0.0.1";

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use: stop what is using it or pick another port.`);
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error),
    );
    server.listen(port, HOST, () => resolvePort((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** An HTTP server whose handler arrives once the engine is ready; failures answer 500. */
function lateServer(): { server: Server; ready(handler: Handler): void } {
  let handler: Handler | null = null;
  const server = createServer((req, res) => {
    if (!handler) {
      res.writeHead(503).end("The local backend is starting");
      return;
    }
    handler(req, res).catch((error) => {
      console.error("local backend:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  return { server, ready: (h) => (handler = h) };
}

/** Modules are loaded once per process and read CONVEX_SITE_URL then: later starts must match. */
let loadedSiteUrl: string | null = null;

export async function startLocalBackend(opts: LocalBackendOptions = {}): Promise<LocalBackend> {
  const log = opts.quiet ? () => {} : (line: string) => console.log(`[local backend] ${line}`);
  const dataDir = resolve(projectRoot, opts.dataDir ?? ".local-backend-data");
  if (opts.reset) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  // Listen first: the site URL is the JWT issuer and must be known before the modules load.
  const api = lateServer();
  const site = lateServer();
  const servers = [api.server, site.server];
  let port: number;
  let sitePort: number;
  try {
    port = await listen(api.server, opts.port ?? 3210);
    sitePort = await listen(site.server, opts.sitePort ?? 3211);
  } catch (error) {
    await Promise.all(servers.filter((s) => s.listening).map(closeServer));
    throw error;
  }
  const url = `http://${HOST}:${port}`;
  const siteUrl = `http://${HOST}:${sitePort}`;
  const issuer = opts.env?.CONVEX_SITE_URL ?? siteUrl;
  if (loadedSiteUrl && loadedSiteUrl !== issuer) {
    await Promise.all(servers.map(closeServer));
    throw new Error(
      `This process already loaded the functions for ${loadedSiteUrl}; start again on the same site port or in a new process.`,
    );
  }
  loadedSiteUrl = issuer;
  applyEnv({ dataDir, url, siteUrl, overrides: opts.env });

  const engine = await Engine.create();
  const verifier = await TokenVerifier.fromAuthConfig((path) => engine.t.fetch(path));

  // Restore, then listen for sync clients: nobody sees data before the restore ends.
  const durable = opts.durable !== false;
  const snapshot = opts.reset ? null : durable ? recover(dataDir, log) : readSnapshot(dataDir);
  if (snapshot) await restoreSnapshot(engine, snapshot);
  const clock = new Clock(BigInt(snapshot?.ts ?? 0));
  // Both follow the engine's writes from here on: the log (or the old snapshot) and the sync server.
  const store = durable ? await DurableStore.open(engine, dataDir, () => clock.current(), snapshot) : null;
  const writer = durable ? null : new SnapshotWriter(engine, dataDir, snapshot);
  /** Resolves once every write made so far is durable (at once without durability). */
  const settle = store ? () => store.commit() : () => Promise.resolve();
  const sync = new SyncServer({ engine, clock, verifier, settle });

  if (!snapshot && opts.seed !== false) {
    await seedDemo(engine, dataDir, log);
    await (store ? store.commit() : writer!.flush());
  }

  sync.attach(api.server);
  api.ready(httpApi({ engine, clock, verifier, settle, syncMetrics: () => sync.metrics() }));
  site.ready(siteHandler({ engine, verifier: () => verifier, settle }));
  log(`${snapshot ? "restored data from" : "data in"} ${dataDir}`);
  log(`API and sync on ${url}, HTTP actions on ${siteUrl}`);

  return {
    url,
    siteUrl,
    port,
    sitePort,
    accounts: demoAccounts(dataDir),
    onQueryExecuted: (listener) => engine.onQueryExecuted(listener),
    async close() {
      sync.close();
      await Promise.all(servers.map(closeServer));
      await (store ?? writer!).close();
    },
  };
}
