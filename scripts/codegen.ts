/**
 * Writes convex/_generated/ byte-identical to what `npx convex dev` writes, without a deployment.
 *
 * `npx convex dev` needs a backend only to list the app's child components; everything else it
 * renders from the files. This script renders with Convex's own templates (shipped in the `convex`
 * package) and formats with the prettier the CLI uses, so a real `npx convex dev` leaves the files
 * unchanged. The components come from `convex/convex.config.ts`.
 *
 *   tsx scripts/codegen.ts          write the files
 *   tsx scripts/codegen.ts --check  exit 1 when the committed files are stale
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../convex/", import.meta.url));
const out = join(root, "_generated");

const convexPackage = dirname(createRequire(import.meta.url).resolve("convex/package.json"));
const template = (name: string) =>
  import(pathToFileURL(join(convexPackage, "dist/esm/cli/codegen_templates", `${name}.js`)).href);
const { header, apiComment, compareModulePaths } = await template("common");
const { importPath, moduleIdentifier } = await template("api");
const { serverCodegen } = await template("server");
// dataModel.js pulls in the CLI's configuration loader (not shipped unbundled), so its template
// for a schema-defined data model is read from the file and evaluated with `header`.
const dataModelSource = readFileSync(join(convexPackage, "dist/esm/cli/codegen_templates/dataModel.js"), "utf8");
const dataModelTemplate = /const dynamicDataModelContent = (`[\s\S]*?`);\n/.exec(dataModelSource)?.[1];
if (!dataModelTemplate) throw new Error("convex's dataModel template has changed: update scripts/codegen.ts");
const dynamicDataModelDTS = new Function("header", `return ${dataModelTemplate};`) as (h: typeof header) => string;
// The prettier the CLI formats with: resolved from the convex package, as the CLI resolves it.
const prettier: typeof import("prettier") = (await import(
  pathToFileURL(createRequire(join(convexPackage, "package.json")).resolve("prettier")).href
)).default;

const ENTRY_EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"];

/** Function modules as the CLI's bundler finds them (`entryPoints` in convex/dist/esm/bundler). */
export function listModules(dir = root): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === "node_modules" || (dir === root && name === "_generated")) continue;
      found.push(...listModules(path));
      continue;
    }
    const isModule =
      ENTRY_EXTENSIONS.some((ext) => name.endsWith(ext)) &&
      !name.startsWith(".") &&
      !name.startsWith("#") &&
      name !== "schema.ts" &&
      name !== "schema.js" &&
      (name.match(/\./g) ?? []).length <= 1 &&
      !relative(root, path).includes(" ") &&
      (!/\.tsx?$/.test(name) || /^\s{0,100}(import|export)/m.test(readFileSync(path, "utf8")));
    if (isModule) found.push(relative(root, path).split(sep).join("/"));
  }
  return dir === root ? found.sort(compareModulePaths) : found;
}

/** `app.use(x)` in convex.config.ts, with the package each `x` is imported from. */
export function listComponents(): { name: string; from: string }[] {
  const config = readFileSync(join(root, "convex.config.ts"), "utf8");
  const imports = new Map(
    [...config.matchAll(/import\s+(\w+)\s+from\s+"([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  return [...config.matchAll(/app\.use\((\w+)(?:,\s*\{\s*name:\s*"(\w+)"\s*\})?\)/g)].map((m) => {
    const [, local, renamed] = m as unknown as [string, string, string | undefined];
    const from = imports.get(local);
    if (!from) throw new Error(`convex.config.ts: app.use(${local}) has no default import`);
    return { name: renamed ?? local, from: from.replace(/\/convex\.config.*$/, "") };
  });
}

/** The root app's api.d.ts: `componentApiDTS` with a dynamic API and component API imports. */
function apiDts(modules: string[]): string {
  const lines = [header("Generated `api` utility.")];
  for (const m of modules) lines.push(`import type * as ${moduleIdentifier(m)} from "../${importPath(m)}.js";`);
  lines.push(`
    import type {
      ApiFromModules,
      FilterApi,
      FunctionReference,
    } from "convex/server";

    declare const fullApi: ApiFromModules<{
  `);
  for (const m of modules) lines.push(`  "${importPath(m)}": typeof ${moduleIdentifier(m)},`);
  lines.push(`}>;`);
  lines.push(`
    ${apiComment("api", "public")}
    export declare const api: FilterApi<typeof fullApi, FunctionReference<any, "public">>;
    ${apiComment("internal", "internal")}
    export declare const internal: FilterApi<typeof fullApi, FunctionReference<any, "internal">>;
  `);
  lines.push(`
  export declare const components: {`);
  for (const { name, from } of listComponents()) {
    lines.push(`  "${name}": import("${from}/_generated/component.js").ComponentApi<"${name}">,`);
  }
  lines.push("};");
  return lines.join("\n");
}

/** The root app's api.js: `componentApiJs`. */
function apiJs(): string {
  return `${header("Generated `api` utility.")}
    import { anyApi, componentsGeneric } from "convex/server";

    ${apiComment("api", undefined)}
    export const api = anyApi;
    export const internal = anyApi;
    export const components = componentsGeneric();
  `;
}

export async function render(modules = listModules()): Promise<Record<string, string>> {
  // An app with components gets its env typed with the platform's variables (envVars = []).
  const server = serverCodegen({ useTypeScript: false, envVars: [] });
  const files: Record<string, string> = {
    "api.d.ts": apiDts(modules),
    "api.js": apiJs(),
    "dataModel.d.ts": dynamicDataModelDTS(header),
    "server.d.ts": server.DTS,
    "server.js": server.JS,
  };
  for (const [name, text] of Object.entries(files)) {
    files[name] = await prettier.format(text, { parser: "typescript", pluginSearchDirs: false } as object);
  }
  return files;
}

async function main() {
  const files = await render();
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(out, name);
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // missing: stale
    }
    if (current === text) continue;
    if (check) stale.push(name);
    else writeFileSync(path, text);
  }
  if (stale.length) {
    console.error(`convex/_generated is stale (${stale.join(", ")}): run npm run codegen`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
