// @vitest-environment node
import { join } from "node:path";
import { build, type Rollup } from "vite";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "../..");

test("the one-file bundle is one file for readers, has no bare imports, and fetches sign-in code relatively on demand", async () => {
  const result = (await build({
    root,
    configFile: join(root, "vite.lib.config.ts"),
    mode: "cdn",
    logLevel: "silent",
    build: { write: false },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(result) ? result[0]! : result).output.filter(
    (o): o is Rollup.OutputChunk => o.type === "chunk",
  );
  const main = chunks.find((c) => c.fileName === "live-post-elements.js")!;
  expect(main).toBeDefined();
  expect(main.dynamicImports.length).toBeGreaterThan(0);
  // Reading needs this file alone: lazy chunks import from it, never the other way round.
  expect(main.imports).toEqual([]);

  const fileNames = new Set(chunks.map((c) => c.fileName));
  for (const chunk of chunks) {
    // Every import between chunks is a relative file of the build: a page needs nothing else.
    for (const imported of [...chunk.imports, ...chunk.dynamicImports]) expect(fileNames).toContain(imported);
    const specifiers = [...chunk.code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
    for (const specifier of specifiers) expect(specifier).toMatch(/^\.\.?\//);
  }

  const signIn = /node_modules\/(better-auth|@better-auth|@convex-dev\/better-auth)\//;
  const eager = new Set<Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (eager.has(chunk)) return;
    eager.add(chunk);
    chunk.imports.forEach((file) => visit(chunks.find((c) => c.fileName === file)!));
  };
  visit(main);
  expect([...eager].flatMap((c) => c.moduleIds).filter((id) => signIn.test(id))).toEqual([]);
  expect(chunks.some((c) => !eager.has(c) && c.moduleIds.some((id) => signIn.test(id)))).toBe(true);
}, 60_000);
