/**
 * The library's builds from the project's own vite.lib.config.ts (the npm build and the one-file
 * CDN build), written to a scratch directory once per benchmark run so dist/ is left alone.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
export const scratch = join(projectRoot, "node_modules/.cache/bench");

const built = new Map<string, string>();

/** `production`: dist-like ES modules with lit and convex as imports; `cdn`: the one-file bundle. */
export function libraryBuild(mode: "production" | "cdn"): string {
  let outDir = built.get(mode);
  if (!outDir) {
    outDir = join(scratch, `build-${mode}`);
    const vite = join(projectRoot, "node_modules/vite/bin/vite.js");
    execFileSync(
      process.execPath,
      [vite, "build", "-c", "vite.lib.config.ts", "--mode", mode, "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"],
      { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] },
    );
    built.set(mode, outDir);
  }
  return outDir;
}
