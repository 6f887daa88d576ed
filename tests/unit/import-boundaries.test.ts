import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, test } from "vitest";

/**
 * Who may import whom, read from each file's syntax (TypeScript's parser):
 * - src/ (the published library) takes from convex/ only types, the generated `api` and the constants
 *   of convex/lib/limits.ts; it never reaches local-backend/ or demo/.
 * - convex/ (the deployed backend) never imports src/, local-backend/, demo/ or tests/, except the
 *   elements' message catalogs (src/internal/locales/, data only), which server snapshots speak.
 * - shared/ (code both sides run, e.g. the markdown parser) imports nothing: not even Lit or Convex.
 * - demo/ (a site owner's pages) uses the library as an app would: the package's exports, by name.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };

export interface Import {
  specifier: string;
  /** Erased when compiled: `import type`, `export type`, `import("…")` in a type position. */
  typeOnly: boolean;
  line: number;
}

/** Every module specifier `text` imports or re-exports, statically or with `import()`. */
export function importsOf(text: string, fileName = "file.ts"): Import[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ specifier: specifier.text, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypeElements =
        !!clause &&
        !clause.name &&
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((element) => element.isTypeOnly);
      add(node, node.moduleSpecifier, !!clause?.isTypeOnly || onlyTypeElements);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The repository path a relative specifier names (extension-less, `.js` as the source `.ts`). */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return relative(root, resolve(dirname(file), specifier)).replace(/\.(js|ts|d\.ts|mjs)$/, "");
}

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !file.includes("node_modules"))
    .map((file) => join(root, dir, file));
}

const under = (path: string, ...dirs: string[]) => dirs.some((dir) => path === dir || path.startsWith(`${dir}/`));
const packageSubpaths = new Set(Object.keys(pkg.exports).map((key) => key.replace(/^\./, pkg.name)));

/** Why `specifier`, imported by `file` (repository path), breaks a rule; null when it keeps them. */
export function violation(file: string, { specifier, typeOnly }: Import): string | null {
  const path = target(join(root, file), specifier);
  if (under(file, "src")) {
    if (path === null) return under(specifier, pkg.name) ? "src/ imports its own package by name" : null;
    if (under(path, "local-backend", "demo", "tests")) return `src/ imports ${path}`;
    if (under(path, "convex") && !typeOnly && path !== "convex/_generated/api" && path !== "convex/lib/limits") {
      return `src/ imports ${path} at runtime (only types, convex/_generated/api and convex/lib/limits)`;
    }
    return null;
  }
  if (under(file, "convex")) {
    if (path !== null && under(path, "src/internal/locales")) return null;
    if (path !== null && under(path, "src", "local-backend", "demo", "tests")) return `convex/ imports ${path}`;
    return null;
  }
  if (under(file, "shared")) return `shared/ imports ${specifier} (it must stand alone)`;
  if (under(file, "demo")) {
    if (path !== null) return under(path, "demo") ? null : `demo/ imports ${path} (use the package's exports)`;
    if (under(specifier, pkg.name) && !packageSubpaths.has(specifier)) return `demo/ imports ${specifier}, not an export of the package`;
    return null;
  }
  return null;
}

const files = ["src", "convex", "shared", "demo"].flatMap(sources);

test.each(files.map((file) => [relative(root, file)]))("%s keeps the import boundaries", (file) => {
  const broken = importsOf(readFileSync(join(root, file), "utf8"), file)
    .map((found) => ({ found, why: violation(file, found) }))
    .filter(({ why }) => why !== null)
    .map(({ found, why }) => `${file}:${found.line}: ${why}`);
  expect(broken).toEqual([]);
});

test("the message catalogs, bundled into the backend, are data only", () => {
  const catalogs = sources("src/internal/locales");
  expect(catalogs.length).toBeGreaterThanOrEqual(4);
  for (const file of catalogs) {
    expect(importsOf(readFileSync(file, "utf8")).filter((found) => !found.typeOnly), relative(root, file)).toEqual([]);
  }
});

test("convex/lib/limits.ts, bundled into the elements, is constants only", () => {
  const source = readFileSync(join(root, "convex/lib/limits.ts"), "utf8");
  expect(importsOf(source)).toEqual([]);
});

test("the parser tells type-only imports from runtime ones", () => {
  const found = importsOf(
    [
      'import type { A } from "./a";',
      'import { type B } from "./b";',
      'import { type C, D } from "./c";',
      'import "./d";',
      'export { E } from "./e";',
      'export type { F } from "./f";',
      'const g = await import("./g");',
      'type H = import("./h").H;',
      '// import { I } from "./i";',
      'const text = "import { J } from \\"./j\\"";',
    ].join("\n"),
  );
  expect(found.map(({ specifier, typeOnly }) => [specifier, typeOnly])).toEqual([
    ["./a", true],
    ["./b", true],
    ["./c", false],
    ["./d", false],
    ["./e", false],
    ["./f", true],
    ["./g", false],
    ["./h", true],
  ]);
});

test("each rule refuses what it forbids", () => {
  const runtime = (specifier: string) => ({ specifier, typeOnly: false, line: 1 });
  expect(violation("src/internal/x.ts", runtime("../../convex/lib/text.js"))).toMatch(/at runtime/);
  expect(violation("src/internal/x.ts", { ...runtime("../../convex/lib/text.js"), typeOnly: true })).toBeNull();
  expect(violation("src/internal/x.ts", runtime("../../convex/_generated/api.js"))).toBeNull();
  expect(violation("src/internal/x.ts", runtime("../../local-backend/engine.js"))).toMatch(/local-backend/);
  expect(violation("convex/lib/x.ts", runtime("../../src/internal/api.js"))).toMatch(/src/);
  expect(violation("convex/x.ts", runtime("../local-backend/engine.js"))).toMatch(/local-backend/);
  expect(violation("convex/lib/x.ts", runtime("../../shared/markdown.js"))).toBeNull();
  expect(violation("convex/lib/x.ts", runtime("../../src/internal/locales/de.js"))).toBeNull();
  expect(violation("convex/lib/x.ts", runtime("../../src/internal/localize.js"))).toMatch(/src/);
  expect(violation("src/markdown/x.ts", runtime("../../shared/markdown.js"))).toBeNull();
  expect(violation("shared/x.ts", runtime("lit"))).toMatch(/stand alone/);
  expect(violation("shared/x.ts", { ...runtime("./y.js"), typeOnly: true })).toMatch(/stand alone/);
  expect(violation("demo/x.ts", runtime("../src/internal/api.js"))).toMatch(/package's exports/);
  expect(violation("demo/x.ts", runtime("../convex/_generated/api.js"))).toMatch(/package's exports/);
  expect(violation("demo/x.ts", runtime(`${pkg.name}/internal`))).toMatch(/not an export/);
  expect(violation("demo/x.ts", runtime(pkg.name))).toBeNull();
  expect(violation("demo/dashboard/x.ts", runtime("../article.js"))).toBeNull();
  expect(existsSync(join(root, "convex/lib/limits.ts"))).toBe(true);
});
