/**
 * Size: what readers download, minified, gzip (level 9) and brotli (quality 11). The elements come
 * from the library's own build (vite.lib.config.ts: the npm build, and the one-file CDN build), each
 * then bundled with its dependencies by esbuild the way an application's bundler would. The floor —
 * Lit (LitElement, html, css) and BaseConvexClient (what the elements run on) bundled alone by esbuild — is measured in the same
 * run; own code = total − floor.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { libraryBuild, projectRoot as root, scratch } from "./lib/library-build";
import { stretchesBySource, without, type Stretch } from "./lib/source-map-bytes";
import { sectionResult, type SectionResult } from "../support/report";

const work = join(scratch, "size");
/**
 * Own code's share of the 30 KB: the floor (Lit + BaseConvexClient, 21.2 KB gzip with esbuild) leaves
 * 8.75 KB for three elements; a separate, smaller figure could only be met by cutting what readers see.
 */
const GOALS = { readOnlyGzip: 30 * 1024, ownGzip: 8.75 * 1024, countAddedGzip: 1024 };
const ELEMENTS = ["org-post-list", "post-search", "post-comments"];
/** Sits beside the others (a feed, a thread): its cost is what it adds to them. */
const COUNT = "post-comment-count";
/** Modules that only signing in needs: they must arrive in a chunk loaded on demand. */
const SIGN_IN = /node_modules\/(better-auth|@better-auth|@convex-dev\/better-auth|@better-fetch)\//;

/** The sources a built file was made from, as absolute paths, by its source map (none when it has no map). */
function sourcesOf(file: string): string[] {
  const map = `${file}.map`;
  if (!existsSync(map)) return [];
  return (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources.map((source) => resolve(dirname(file), source));
}
/**
 * Whether an input holds sign-in code: a package module itself, or a file of the library build that
 * bundles one (the build inlines the sign-in client into its session chunk).
 */
const isSignIn = (input: string) => SIGN_IN.test(input) || sourcesOf(join(root, input)).some((source) => SIGN_IN.test(source));

type Size = { min: number; gzip: number; brotli: number };
const none: Size = { min: 0, gzip: 0, brotli: 0 };

function sizeOf(code: Buffer | string): Size {
  const buffer = Buffer.from(code);
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
/** Files are fetched one by one: their compressed sizes add up. */
const add = (a: Size, b: Size): Size => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const minus = (a: Size, b: Size): Size => ({ min: a.min - b.min, gzip: a.gzip - b.gzip, brotli: a.brotli - b.brotli });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

type Bundle = {
  eager: Size;
  lazy: { name: string; size: Size; signIn: boolean }[];
  signInEager: boolean;
};

/** Leaves every `import()` out of the bundle, so one file holds what loads at once. */
const lazyLeftOut: Plugin = {
  name: "lazy-left-out",
  setup(build) {
    build.onResolve({ filter: /.*/ }, ({ kind, path }) => (kind === "dynamic-import" ? { path, external: true } : undefined));
  },
};

/**
 * Bundles `source` with esbuild (minified, code splitting unless `oneFile`); splits what loads at
 * once from what loads on demand. `oneFile` leaves the lazy chunks out instead.
 */
async function bundle(name: string, source: string, { oneFile = false } = {}): Promise<Bundle> {
  const dir = join(work, "esbuild", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, "entry.js");
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    splitting: !oneFile,
    plugins: oneFile ? [lazyLeftOut] : [],
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: join(dir, "out"),
    metafile: true,
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
    absWorkingDir: root,
  });
  const outputs = result.metafile!.outputs;
  const eager = new Set<string>();
  const visit = (file: string) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === "import-statement") visit(imported.path);
  };
  // Chunks loaded by dynamic import are entry points too: start from ours only.
  const ours = relative(root, entry);
  Object.keys(outputs).filter((file) => outputs[file]!.entryPoint === ours).forEach(visit);
  const signInModules = (file: string) => Object.keys(outputs[file]!.inputs).some(isSignIn);
  const read = (file: string) => readFileSync(join(root, file));
  return {
    eager: [...eager].map((file) => sizeOf(read(file))).reduce(add, none),
    signInEager: [...eager].some(signInModules),
    lazy: Object.keys(outputs)
      .filter((file) => file.endsWith(".js") && !eager.has(file))
      .map((file) => ({ name: relative(join(dir, "out"), join(root, file)), size: sizeOf(read(file)), signIn: signInModules(file) })),
  };
}

/**
 * The one-file bundle by source: Lit and the Convex client one row each, then each module of our own.
 * Compressed bytes do not split by source, so each row's gzip figure is what the bundle's gzip size
 * would drop by without that source's bytes.
 */
function cdnBySource(file: string) {
  const { lines, bySource } = stretchesBySource(file);
  const grouped = new Map<string, Stretch[]>();
  for (const [source, stretches] of bySource) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
    const what = pkg ? (/^(lit|lit-html|lit-element|@lit\/.+)$/.test(pkg) ? "Lit (package)" : `${pkg} (package)`) : source === "?" ? "(unmapped)" : relative(root, source);
    grouped.set(what, (grouped.get(what) ?? []).concat(stretches));
  }
  const gzip = (code: string) => gzipSync(code, { level: 9 }).length;
  const whole = gzip(lines.join("\n"));
  return [...grouped]
    .map(([source, stretches]) => ({
      source,
      min: stretches.reduce((sum, [line, start, end]) => sum + Buffer.byteLength(lines[line]!.slice(start, end)), 0),
      gzip: whole - gzip(without(lines, stretches)),
    }))
    .sort((a, b) => b.gzip - a.gzip);
}

export async function runSize(): Promise<SectionResult> {
  const started = Date.now();
  mkdirSync(work, { recursive: true });
  const builds = { lib: libraryBuild("production"), cdn: libraryBuild("cdn") };
  // Re-exported, not bare-imported: the package's "sideEffects" list names dist/ only, so a bundler
  // would drop a bare import of these scratch copies.
  const importOf = (file: string) => `export * from ${JSON.stringify(join(builds.lib, file))};\n`;

  const lit = await bundle("floor-lit", `export { LitElement, html, css } from "lit";\n`);
  const convex = await bundle("floor-convex", `export { BaseConvexClient } from "convex/browser";\n`);
  const floor = await bundle(
    "floor",
    `export { LitElement, html, css } from "lit";\nexport { BaseConvexClient } from "convex/browser";\n`,
  );
  const elements = [];
  for (const element of ELEMENTS) elements.push({ element, bundle: await bundle(element, importOf(`${element}.js`)) });
  const allThree = ELEMENTS.map((element) => importOf(`${element}.js`)).join("");
  const readOnly = await bundle("all-three", allThree);
  const readOnlyOneFile = await bundle("all-three-one-file", allThree, { oneFile: true });
  const withCount = await bundle("all-three-and-count", importOf("index.js"));
  const countAdded = minus(withCount.eager, readOnly.eager);

  const cdnFile = join(builds.cdn, "live-post-elements.js");
  const cdnChunks = readdirSync(join(builds.cdn, "chunks")).filter((file) => file.endsWith(".js"));
  const cdnCode = readFileSync(cdnFile, "utf8");
  // Chunks the one-file bundle imports statically load with it; the rest load on demand.
  const cdnEagerChunks = cdnChunks.filter((file) => new RegExp(`from\\s*"\\./chunks/${file.replace(/[.]/g, "\\.")}"`).test(cdnCode));
  const chunkSize = (file: string) => sizeOf(readFileSync(join(builds.cdn, "chunks", file)));
  const cdnReadOnly = cdnEagerChunks.map(chunkSize).reduce(add, sizeOf(cdnCode));
  const cdnSignIn = cdnChunks.filter((file) => isSignIn(relative(root, join(builds.cdn, "chunks", file))));

  const sources = cdnBySource(cdnFile);
  const row = (what: string, s: Size, note = "") => [what, kb(s.min), kb(s.gzip), kb(s.brotli), note];
  const own = minus(readOnly.eager, floor.eager);
  const signIn = readOnly.lazy.filter((chunk) => chunk.signIn);
  const rows = [
    row("floor: Lit (LitElement, html, css)", lit.eager),
    row("floor: BaseConvexClient", convex.eager),
    row("floor: Lit + BaseConvexClient (baseline)", floor.eager, "baseline"),
    ...elements.flatMap(({ element, bundle: b }) => [
      row(`<${element}> alone: total`, b.eager),
      row(`<${element}> alone: own code (total − floor)`, minus(b.eager, floor.eager)),
    ]),
    row("all three, read-only path: total", readOnly.eager, `goal ≤ ${kb(GOALS.readOnlyGzip)} gzip`),
    row("all three, read-only path: own code (total − floor)", own, `goal ≤ ${kb(GOALS.ownGzip)} gzip`),
    row("  the same code as one file (no code splitting)", readOnlyOneFile.eager, "for comparison"),
    row(`<${COUNT}> added to all three`, countAdded, `goal ≤ ${kb(GOALS.countAddedGzip)} gzip`),
    ...signIn.map((chunk) => row(`  sign-in chunk, on demand (${chunk.name})`, chunk.size, "lazy")),
    ...readOnly.lazy.filter((chunk) => !chunk.signIn).map((chunk) => row(`  other chunk on demand (${chunk.name})`, chunk.size, "lazy")),
    row("one-file CDN bundle: live-post-elements.js", sizeOf(cdnCode)),
    ...cdnEagerChunks.map((file) => row(`  + chunks/${file} (static import)`, chunkSize(file))),
    row("one-file CDN bundle, read-only path: total", cdnReadOnly),
    row("one-file CDN bundle, read-only path: own code (total − floor)", minus(cdnReadOnly, floor.eager)),
    ...cdnSignIn.map((file) => row(`  CDN sign-in chunk, on demand (chunks/${file})`, chunkSize(file), "lazy")),
    ...cdnChunks
      .filter((file) => !cdnEagerChunks.includes(file) && !cdnSignIn.includes(file))
      .map((file) => row(`  CDN other chunk on demand (chunks/${file})`, chunkSize(file), "lazy")),
  ];
  return sectionResult("size", "Size", started, {
    tables: [
      {
        title: "Bytes downloaded (each file compressed on its own, then added up)",
        columns: ["what", "min", "min+gzip", "min+brotli", ""],
        rows,
        notes: [
          "Elements: the npm build (vite.lib.config.ts) bundled with Lit and the Convex client by esbuild (minify, code splitting), as an application would; the read-only path is the entry and its static imports, before anyone signs in.",
          "One-file CDN bundle: vite.lib.config.ts --mode cdn, as served to <script type=module> pages.",
          "Floor: Lit and BaseConvexClient bundled alone by esbuild in the same run; own code = total − floor.",
          "As one file: the same read-only path bundled without code splitting, lazy chunks left out; the difference is what splitting it from the lazy chunks costs.",
        ],
      },
      {
        title: "One-file CDN bundle by source (from its source map; gzip: what the bundle would lose without it)",
        columns: ["source", "min", "min+gzip"],
        rows: sources.map(({ source, min, gzip }) => [source, kb(min), kb(gzip)]),
      },
    ],
    goals: [
      { goal: `npm build, read-only path of all three ≤ ${kb(GOALS.readOnlyGzip)} gzip`, actual: kb(readOnly.eager.gzip), met: readOnly.eager.gzip <= GOALS.readOnlyGzip },
      { goal: `npm build, own code of all three ≤ ${kb(GOALS.ownGzip)} gzip`, actual: kb(own.gzip), met: own.gzip <= GOALS.ownGzip },
      { goal: `one-file CDN bundle's read-only path ≤ ${kb(GOALS.readOnlyGzip)} gzip`, actual: kb(cdnReadOnly.gzip), met: cdnReadOnly.gzip <= GOALS.readOnlyGzip },
      { goal: `<${COUNT}> adds ≤ ${kb(GOALS.countAddedGzip)} gzip to all three`, actual: kb(countAdded.gzip), met: countAdded.gzip <= GOALS.countAddedGzip },
      {
        goal: "sign-in code only in a chunk loaded on demand",
        actual: readOnly.signInEager ? "in the read-only path" : `${signIn.length} lazy chunk(s)`,
        met: !readOnly.signInEager && signIn.length > 0,
      },
    ],
    data: {
      floor: { lit: lit.eager, convex: convex.eager, both: floor.eager },
      elements: elements.map(({ element, bundle: b }) => ({ element, total: b.eager, own: minus(b.eager, floor.eager), lazy: b.lazy })),
      readOnly: { total: readOnly.eager, own, lazy: readOnly.lazy, oneFile: readOnlyOneFile.eager },
      countAdded,
      cdn: { readOnly: cdnReadOnly, bySource: sources, file: sizeOf(cdnCode), eagerChunks: cdnEagerChunks, signIn: cdnSignIn.map((file) => ({ file, size: chunkSize(file) })) },
    },
  });
}


