/** What the figures were measured on: they compare within one run, not across machines. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";

const nodeModules = fileURLToPath(new URL("../../node_modules/", import.meta.url));

/** Read from the installed package (some, like lit, do not export their package.json). */
function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(join(nodeModules, name, "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}

function chromiumVersion(): string {
  try {
    const out = execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return /[\d.]+/.exec(out)?.[0] ?? out.trim();
  } catch {
    return "not found";
  }
}

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: chromiumVersion(),
    lit: packageVersion("lit"),
    convex: packageVersion("convex"),
    platform: `${process.platform} ${process.arch}`,
  };
}
