/**
 * After `tsc -p tsconfig.build.json`: keeps only the declarations the published typings reach.
 * src/internal/api.ts takes its types from the backend's function types through a type-only import, so
 * `tsc` type-checks (and so declares) every backend module; the declarations it writes for src/ carry
 * those types resolved and reach nothing of the backend but the constants of convex/lib/limits.ts.
 * Exits 1 when a reached declaration is missing.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";

const types = "dist/types";
const all = readdirSync(types, { recursive: true, encoding: "utf8" }).map((file) => join(types, file));

const reached = new Set();
const missing = [];
function visit(file) {
  if (reached.has(file)) return;
  reached.add(file);
  if (!existsSync(file)) return void missing.push(file);
  for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8")).importedFiles) {
    if (fileName.startsWith(".")) visit(resolve(dirname(file), fileName).replace(/\.js$/, ".d.ts"));
  }
}
for (const file of all) if (file.startsWith(join(types, "src")) && file.endsWith(".d.ts")) visit(resolve(file));

for (const file of all) {
  const declaration = resolve(file).replace(/\.map$/, "");
  if (declaration.endsWith(".d.ts") && !reached.has(declaration)) rmSync(file);
}
for (const dir of all.filter((file) => !file.endsWith(".ts") && !file.endsWith(".map")).reverse()) {
  if (existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}
if (missing.length > 0) {
  console.error(`The published typings import declarations that were not written:\n${missing.join("\n")}`);
  process.exit(1);
}
