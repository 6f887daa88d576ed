/**
 * A benchmark's local backend: its own process (support/backend-process.ts), so its CPU time (from
 * /proc) is its own and not the clients'. Starts from a copy of a prepared data directory.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnBackend } from "../../support/backend-process";

/** Linux reports process CPU time in clock ticks of 1/100 s. */
const TICK_MS = 10;

export type BenchBackend = { url: string; siteUrl: string; cpuMs(): number; close(): Promise<void> };

export async function startBackendProcess(preparedDir: string, extraArgs: string[] = []): Promise<BenchBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-backend-"));
  cpSync(preparedDir, dataDir, { recursive: true });
  const backend = await spawnBackend({ dataDir, args: extraArgs, echoErrors: true });
  return {
    url: backend.url,
    siteUrl: backend.siteUrl,
    cpuMs() {
      const fields = readFileSync(`/proc/${backend.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm) ".
      return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    },
    async close() {
      await backend.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
