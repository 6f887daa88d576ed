// @vitest-environment node
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { deployCheck } from "../../scripts/deploy-check.mjs";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const copy = mkdtempSync(join(tmpdir(), "deploy-check-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** A copy of the project's convex/ (and what it imports from outside it) with its own package.json and the installed node_modules. */
function project(): string {
  for (const name of ["package.json", "tsconfig.json", "convex", "shared", "src/internal/locales"]) {
    cpSync(join(projectRoot, name), join(copy, name), { recursive: true });
  }
  symlinkSync(join(projectRoot, "node_modules"), join(copy, "node_modules"));
  return copy;
}

test("the real CLI refuses a module that uses Node APIs without \"use node\" (convex-test would run it)", () => {
  const dir = project();
  const clean = deployCheck(dir) as { ok: boolean; output: string };
  expect(clean.ok, `the unchanged copy should bundle:\n${clean.output}`).toBe(true);

  writeFileSync(
    join(dir, "convex", "readsDisk.ts"),
    `import { readFileSync } from "node:fs";
import { v } from "convex/values";
import { query } from "./_generated/server";
export const hostname = query({ args: {}, returns: v.string(), handler: async () => readFileSync("/etc/hostname", "utf8") });
`,
  );
  const broken = deployCheck(dir) as { ok: boolean; output: string };
  expect(broken.ok, "a Node API in the isolate runtime must fail the deployability check").toBe(false);
  expect(broken.output).toMatch(/readsDisk|node:fs|"use node"/);
}, 60_000);
