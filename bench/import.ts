/**
 * Importing another system's comments: time and peak memory of `npx live-post-elements import disqus`
 * for a generated Disqus export of 10,000 and of 100,000 comments, into an empty organization on the
 * local backend (its own process, durable writes as shipped), and the rerun of the smaller file (every
 * entry already present: the local backend's index reads scan the table, so a rerun's lookups, one per
 * entry where its ids are not contiguous in the index, cost there what they would not on Convex). The command's peak RSS is its own (`process.resourceUsage().maxRSS`); the
 * backend's is its `VmHWM` (it keeps every row in memory, so it grows with the data by design).
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { PASSWORD, signUp, siteAt } from "../support/auth";
import { spawnBackend } from "../support/backend-process";
import { sectionResult, type SectionResult } from "../support/report";

const COMMAND = fileURLToPath(new URL("../bin/live-post-elements.mjs", import.meta.url));
const MAX_RSS = fileURLToPath(new URL("./lib/max-rss.mjs", import.meta.url));
/** `BENCH_IMPORT_SIZES=2000,20000` measures other sizes (the first one is also rerun). */
const SIZES = (process.env.BENCH_IMPORT_SIZES ?? "10000,100000").split(",").map(Number);
const PER_THREAD = 100;
/** Flat memory: the command's peak for ten times the comments stays within this factor. */
const FLAT_FACTOR = 1.5;

/** A Disqus export of `comments` comments, threads of 100; a third are replies, some to replies. */
async function generate(file: string, comments: number) {
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? undefined : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns:dsq="http://disqus.com/disqus-internals">\n');
  const threads = Math.ceil(comments / PER_THREAD);
  const start = Date.UTC(2015, 0, 1);
  for (let t = 0; t < threads; t++) {
    await write(
      `<thread dsq:id="t${t}"><link>https://old.example/${2015 + (t % 8)}/post-${t}/</link><title>Beitrag ${t} — Grüße</title><createdAt>${new Date(start + t * 3_600_000).toISOString()}</createdAt></thread>\n`,
    );
  }
  for (let i = 0; i < comments; i++) {
    const t = Math.floor(i / PER_THREAD);
    const inThread = i % PER_THREAD;
    const parent = inThread > 1 && i % 3 === 0 ? `<parent dsq:id="p${i - 1 - (i % 2)}"/>` : "";
    await write(
      `<post dsq:id="p${i}"><message><![CDATA[<p>Kommentar ${i}: <b>schön</b> — 日本語 <a href="https://example.org/${i}">link</a></p><p>second paragraph</p>]]></message><createdAt>${new Date(start + t * 3_600_000 + inThread * 1000).toISOString()}</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>reader${i % 5000}@example.org</email><name>Reader ${i % 5000}</name></author><thread dsq:id="t${t}"/>${parent}</post>\n`,
    );
  }
  await write("</disqus>\n");
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

type Run = {
  label: string;
  comments: number;
  fileMiB: number;
  seconds: number;
  perSecond: number;
  backendCpuSeconds: number;
  commandMiB: number;
  backendMiB: number;
  summary: string;
};

/** The process's CPU time (user + system) from /proc, in seconds: Linux counts clock ticks of 1/100 s. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function runCommand(args: string[], env: Record<string, string>): Promise<{ seconds: number; maxRssKiB: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", MAX_RSS, COMMAND, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => {
      const seconds = (performance.now() - started) / 1000;
      const maxRssKiB = Number(/max-rss-kib=(\d+)/.exec(stderr)?.[1]);
      if (code !== 0) reject(new Error(`import exited ${code}: ${stderr}`));
      else resolve({ seconds, maxRssKiB, stdout });
    });
  });
}

async function measure(comments: number, rerun: boolean): Promise<Run[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
  const file = join(dir, "disqus.xml");
  await generate(file, comments);
  const backend = await spawnBackend({ dataDir: join(dir, "data"), args: ["--no-seed"], echoErrors: true });
  try {
    const client = new ConvexHttpClient(backend.url);
    client.setAuth((await signUp(siteAt(backend.siteUrl), { email: "owner@bench.test", name: "Owner", password: PASSWORD })).token);
    await client.mutation(api.organizations.create, { name: "Bench", slug: "bench" });
    const { key } = await client.mutation(api.apiKeys.create, { name: "Import" });
    const env = { LIVE_POST_ELEMENTS_SITE_URL: backend.siteUrl, LIVE_POST_ELEMENTS_API_KEY: key };
    const runs: Run[] = [];
    for (const label of rerun ? ["first run", "rerun (all present)"] : ["first run"]) {
      const cpuBefore = cpuSeconds(backend.pid);
      const { seconds, maxRssKiB, stdout } = await runCommand(["import", "disqus", file, "--org", "bench"], env);
      const backendKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${backend.pid}/status`, "utf8"))?.[1]);
      runs.push({
        label,
        comments,
        fileMiB: statSync(file).size / 2 ** 20,
        seconds,
        perSecond: comments / seconds,
        backendCpuSeconds: cpuSeconds(backend.pid) - cpuBefore,
        commandMiB: maxRssKiB / 1024,
        backendMiB: backendKiB / 1024,
        summary: stdout.trim().split("\n").slice(0, 2).join(" "),
      });
      console.error(`  ${comments} comments, ${label}: ${seconds.toFixed(1)} s, command ${(maxRssKiB / 1024).toFixed(0)} MiB`);
    }
    return runs;
  } finally {
    await backend.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runImport(): Promise<SectionResult> {
  const started = Date.now();
  const runs: Run[] = [];
  for (const size of SIZES) runs.push(...(await measure(size, size === SIZES[0])));
  const first = (comments: number) => runs.find((r) => r.comments === comments && r.label === "first run")!;
  const small = first(SIZES[0]!);
  const large = first(SIZES.at(-1)!);
  return sectionResult("import", "Import: a Disqus export into the local backend", started, {
    tables: [
      {
        title: "`import disqus` of a generated export (threads of 100, a third replies), empty organization",
        columns: [
          "comments",
          "run",
          "file (MiB)",
          "time (s)",
          "comments / s",
          "backend CPU (s)",
          "command peak RSS (MiB)",
          "backend peak RSS (MiB)",
          "report",
        ],
        rows: runs.map((r) => [
          r.comments.toLocaleString("en"),
          r.label,
          r.fileMiB.toFixed(1),
          r.seconds.toFixed(1),
          r.perSecond.toFixed(0),
          r.backendCpuSeconds.toFixed(0),
          r.commandMiB.toFixed(0),
          r.backendMiB.toFixed(0),
          r.summary,
        ]),
        notes: [
          "Time: the command's process from start to exit, key check and summary included. The backend is a child process with durable writes (write-ahead log, fsync before acknowledging); its CPU time is the figure that does not depend on what else the machine runs.",
        ],
      },
    ],
    goals: [
      {
        goal: `command memory flat: peak RSS for ${SIZES.at(-1)!.toLocaleString("en")} comments ≤ ${FLAT_FACTOR}× that for ${SIZES[0]!.toLocaleString("en")}`,
        actual: `${large.commandMiB.toFixed(0)} MiB vs ${small.commandMiB.toFixed(0)} MiB (×${(large.commandMiB / small.commandMiB).toFixed(2)})`,
        met: large.commandMiB <= FLAT_FACTOR * small.commandMiB,
      },
    ],
    data: { runs },
  });
}
