/**
 * Runs the real Convex CLI's deploy up to the point where it would upload: it typechecks convex/
 * and bundles it for the isolate and Node runtimes exactly as `npx convex deploy` does, writes the
 * bundle to a temporary folder and contacts nothing (placeholder self-hosted URL and key).
 * Exits non-zero on any typecheck or bundling error.
 *
 *   node scripts/deploy-check.mjs [project dir]   (default: the current directory)
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function deployCheck(projectDir = process.cwd()) {
  const bundleDir = mkdtempSync(join(tmpdir(), "convex-bundle-"));
  try {
    const result = spawnSync(
      "npx",
      ["convex", "deploy", "--codegen", "disable", "--debug-bundle-path", bundleDir, "-y"],
      {
        cwd: projectDir,
        encoding: "utf8",
        env: {
          ...process.env,
          CONVEX_DEPLOYMENT: "",
          CONVEX_DEPLOY_KEY: "",
          // Port 9 (discard) on loopback: nothing listens, and the CLI stops before it would call.
          CONVEX_SELF_HOSTED_URL: "http://127.0.0.1:9",
          CONVEX_SELF_HOSTED_ADMIN_KEY: "placeholder",
        },
      },
    );
    const output = `${result.stdout}${result.stderr}`;
    const bundled = output.includes("Skipping rest of push") && readdirSync(bundleDir).includes("isolate");
    return { ok: result.status === 0 && bundled, output };
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ok, output } = deployCheck(process.argv[2]);
  if (!ok) {
    console.error(output);
    console.error("convex/ does not bundle for a deployment (see the CLI's output above).");
    process.exit(1);
  }
  console.log("convex/ typechecks and bundles for the isolate and Node runtimes.");
}
