/**
 * The local backend in a child process (`local-backend/cli.ts`): its CPU time and crashes are its own,
 * it can be killed mid-flight, and its work never stalls the process that drives it. Free ports unless
 * given; resolves once it printed its URLs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PAGE_ORIGIN } from "./auth";

const CLI = fileURLToPath(new URL("../local-backend/cli.ts", import.meta.url));

export type BackendProcessOptions = {
  dataDir: string;
  port?: number;
  sitePort?: number;
  /** More command-line flags (`--reset`, `--no-seed`, ...). */
  args?: string[];
  /** Environment on top of this process's; `SITE_URL` defaults to the page origin tests use. */
  env?: Record<string, string>;
  /** Show the backend's stderr on ours as it comes (it is kept in `output()` either way). */
  echoErrors?: boolean;
};

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type BackendProcess = {
  url: string;
  siteUrl: string;
  port: number;
  sitePort: number;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once the process has exited. */
  exited: Promise<Exit>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<Exit>;
};

export async function spawnBackend(opts: BackendProcessOptions): Promise<BackendProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import", "tsx", CLI,
      "--port", String(opts.port ?? 0), "--site-port", String(opts.sitePort ?? 0),
      "--data-dir", opts.dataDir, ...(opts.args ?? []),
    ],
    { env: { ...process.env, SITE_URL: PAGE_ORIGIN, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve((exit = { code, signal }))));
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => {
    out += chunk;
    if (opts.echoErrors) process.stderr.write(chunk);
  });
  const urls = await new Promise<{ url: string; siteUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The backend did not start in 60 s: ${out}`)), 60_000);
    const check = () => {
      const url = /CONVEX_URL=(\S+)/.exec(out)?.[1];
      const siteUrl = /CONVEX_SITE_URL=(\S+)/.exec(out)?.[1];
      if (!url || !siteUrl) return;
      clearTimeout(timer);
      child.stdout!.off("data", check);
      resolve({ url, siteUrl });
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
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    alive: () => exit === null,
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (exit === null) child.kill(signal);
      return await exited;
    },
  };
}
