/**
 * A local backend in its own process, so its CPU time (from /proc) is its own and not the
 * clients'. Starts from a copy of a prepared data directory, on free ports.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";

const CLI = fileURLToPath(new URL("../../local-backend/cli.ts", import.meta.url));
/** The origin Better Auth trusts (the backend's SITE_URL); sign-in requests say they come from it. */
export const PAGE_ORIGIN = "http://localhost:5173";
/** Linux reports process CPU time in clock ticks of 1/100 s. */
const TICK_MS = 10;

export type BackendProcess = { url: string; siteUrl: string; pid: number; cpuMs(): number; close(): Promise<void> };

export async function startBackendProcess(preparedDir: string, extraArgs: string[] = []): Promise<BackendProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-backend-"));
  cpSync(preparedDir, dataDir, { recursive: true });
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI, "--port", "0", "--site-port", "0", "--data-dir", dataDir, ...extraArgs],
    { env: { ...process.env, SITE_URL: PAGE_ORIGIN }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const urls = await new Promise<{ url: string; siteUrl: string }>((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`The local backend exited (${code}): ${out}`)));
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const url = /CONVEX_URL=(\S+)/.exec(out)?.[1];
      const siteUrl = /CONVEX_SITE_URL=(\S+)/.exec(out)?.[1];
      if (url && siteUrl) resolve({ url, siteUrl });
    });
  });
  child.removeAllListeners("exit");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    ...urls,
    pid: child.pid!,
    cpuMs() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm) ".
      return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    },
    async close() {
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function nodeClient(url: string): ConvexClient {
  return new ConvexClient(url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, logger: false });
}

function cookieHeader(setCookie: string): string {
  return setCookie
    .split(/,(?=\s*[\w.-]+=)/)
    .map((part) => part.split(";")[0]!.trim())
    .join("; ");
}

/** Signs in through the site's Better Auth routes and returns a Convex JWT. */
export async function signIn(siteUrl: string, email: string, password: string): Promise<string> {
  const headers = { "content-type": "application/json", origin: PAGE_ORIGIN, "better-auth-cookie": "" };
  const res = await fetch(`${siteUrl}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = cookieHeader(res.headers.get("set-better-auth-cookie") ?? "");
  const token = await fetch(`${siteUrl}/api/auth/convex/token`, { headers: { origin: PAGE_ORIGIN, "better-auth-cookie": cookie } });
  if (token.status !== 200) throw new Error(`token failed: ${token.status} ${await token.text()}`);
  return ((await token.json()) as { token: string }).token;
}

export async function signedInClient(url: string, token: string): Promise<ConvexClient> {
  const client = nodeClient(url);
  await new Promise<void>((resolve, reject) =>
    client.setAuth(async () => token, (ok) => (ok ? resolve() : reject(new Error("token refused")))),
  );
  return client;
}
