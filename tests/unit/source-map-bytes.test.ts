// @vitest-environment node
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { expect, test } from "vitest";
import { stretchesBySource, without } from "../../bench/lib/source-map-bytes";

test("a minified bundle's bytes are split among its sources by its source map, and one source can be taken out", async () => {
  const dir = mkdtempSync(join(tmpdir(), "source-map-bytes-"));
  writeFileSync(join(dir, "greeting.js"), `export const greeting = (name) => "Hello, " + name + " — from greeting";\n`);
  writeFileSync(join(dir, "entry.js"), `import { greeting } from "./greeting.js";\nconsole.log(greeting("entry module"));\n`);
  const out = join(dir, "out.js");
  await build({ entryPoints: [join(dir, "entry.js")], bundle: true, minify: true, format: "esm", sourcemap: true, outfile: out, logLevel: "silent" });

  const { lines, bySource } = stretchesBySource(out);
  const text = (source: string) => (bySource.get(source) ?? []).map(([line, start, end]) => lines[line]!.slice(start, end)).join("");
  expect(text(join(dir, "greeting.js"))).toContain("from greeting");
  expect(text(join(dir, "greeting.js"))).not.toContain("entry module");
  expect(text(join(dir, "entry.js"))).toContain("entry module");
  // Every byte of the output belongs to exactly one source (or to "?", unmapped).
  const counted = [...bySource.values()].flat().reduce((sum, [, start, end]) => sum + end - start, 0);
  expect(counted).toBe(lines.join("").length);

  const rest = without(lines, bySource.get(join(dir, "greeting.js"))!);
  expect(rest).not.toContain("from greeting");
  expect(rest).toContain("entry module");
});
