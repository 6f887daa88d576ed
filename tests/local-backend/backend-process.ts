/**
 * The local backend in a child process (`local-backend/cli.ts`), for tests that must see the
 * process survive hostile input or be killed with SIGKILL mid-flight. Loopback, free ports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../local-backend/cli.ts", import.meta.url));

export type BackendChild = {
  url: string;
  siteUrl: string;
  port: number;
  sitePort: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code / signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

export async function spawnBackend(dataDir: string, opts: { port?: number; sitePort?: number; args?: string[] } = {}) {
  const child = spawn(
    process.execPath,
    [
      "--import", "tsx", CLI,
      "--port", String(opts.port ?? 0), "--site-port", String(opts.sitePort ?? 0),
      "--data-dir", dataDir, "--no-seed", ...(opts.args ?? []),
    ],
    { env: { ...process.env, SITE_URL: "http://localhost:5173" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve((exitInfo = { code, signal }))),
  );
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => (out += chunk));
  const urls = await new Promise<{ url: string; siteUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The backend did not start in 60 s: ${out}`)), 60_000);
    const check = () => {
      const url = /CONVEX_URL=(\S+)/.exec(out)?.[1];
      const siteUrl = /CONVEX_SITE_URL=(\S+)/.exec(out)?.[1];
      if (url && siteUrl) {
        clearTimeout(timer);
        resolve({ url, siteUrl });
      }
    };
    child.stdout!.on("data", check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`The backend exited before starting: ${out}`));
    });
  });
  return {
    ...urls,
    port: Number(new URL(urls.url).port),
    sitePort: Number(new URL(urls.siteUrl).port),
    child,
    output: () => out,
    exited,
    alive: () => exitInfo === null,
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (exitInfo === null) child.kill(signal);
      await exited;
    },
  } satisfies BackendChild;
}
