/**
 * `npm run size`: minified + gzipped (zlib, level 9) size of what readers download, built the way the
 * library is built (vite.lib.config.ts's template minifier, Vite's minifier). Lit and the Convex client
 * are measured alone as the floor; "own" is the same bundle with them left out. The read-only path is
 * what a page with all three elements loads before anyone signs in: entry chunks and their static
 * imports, not the chunks fetched on demand (sign-in, other languages). Exits 1 over budget.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { minifyTemplates } from "../vite.lib.config.ts";

const BUDGET = { readOnlyTotal: 30 * 1024, readOnlyOwn: 6 * 1024, commentCountAdded: 1024 };
const EXTERNAL = [/^lit(\/|$)/, /^@lit\//, /^convex(\/|$)/];
const SIGN_IN = /node_modules\/(better-auth|@better-auth|@convex-dev\/better-auth|@better-fetch)\//;
const tmp = "node_modules/.cache/size";
mkdirSync(tmp, { recursive: true });

const gzip = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

/** Bundles `source` as one entry; returns the sizes of its read-only path and of its lazy chunks. */
async function measure(name, source, { external = false } = {}) {
  const entry = join(tmp, `${name}.ts`);
  writeFileSync(entry, source);
  const result = await build({
    configFile: false,
    logLevel: "silent",
    plugins: [minifyTemplates()],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      target: "es2022",
      minify: true,
      lib: { entry, formats: ["es"], fileName: name },
      rollupOptions: { external: external ? EXTERNAL : [], output: { minify: true } },
    },
  });
  const chunks = (Array.isArray(result) ? result[0] : result).output.filter((o) => o.type === "chunk");
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const eager = new Set();
  const visit = (chunk) => {
    if (eager.has(chunk)) return;
    eager.add(chunk);
    chunk.imports.forEach((file) => byName.has(file) && visit(byName.get(file)));
  };
  chunks.filter((c) => c.isEntry).forEach(visit);
  const eagerCode = [...eager].map((c) => c.code).join("\n");
  const modules = [...eager].flatMap((c) => c.moduleIds);
  return {
    min: Buffer.byteLength(eagerCode),
    gz: gzip(eagerCode),
    signInEager: modules.some((id) => SIGN_IN.test(id)),
    lazy: chunks.filter((c) => !eager.has(c)).map((c) => ({ name: c.name, gz: gzip(c.code) })),
  };
}

const rows = [];
const row = (what, m, note = "") => rows.push([what, kb(m.min), kb(m.gz), note]);

const lit = await measure(
  "lit",
  `export { LitElement, html, css, nothing, adoptStyles } from "lit";
   export { repeat } from "lit/directives/repeat.js";`,
);
row("Lit (html, css, LitElement, repeat)", lit, "floor");
// The elements run on BaseConvexClient (src/internal/live-client.ts), not ConvexClient.
const convex = await measure("convex", `export { BaseConvexClient } from "convex/browser";`);
row("Convex client (BaseConvexClient)", convex, "floor");

const entries = {
  "org-post-list": "src/org-post-list/org-post-list.ts",
  "post-search": "src/post-search/post-search.ts",
  "post-comments": "src/post-comments/post-comments.ts",
};
for (const [name, path] of Object.entries(entries)) {
  const all = await measure(name, `import "../../../${path}";`);
  const own = await measure(`${name}-own`, `import "../../../${path}";`, { external: true });
  row(`${name}: own code`, own);
  row(`${name}: with Lit + Convex`, all);
}

const source = Object.values(entries).map((p) => `import "../../../${p}";`).join("\n");
const readOnly = await measure("read-only", source);
const readOnlyOwn = await measure("read-only-own", source, { external: true });
row("all three, read-only path: own code", readOnlyOwn, `budget ${kb(BUDGET.readOnlyOwn)}`);
row("all three, read-only path: total", readOnly, `budget ${kb(BUDGET.readOnlyTotal)}`);
// <post-comment-count> sits beside the other elements (a feed, a thread): its cost is what it adds to them.
const countImport = `import "../../../src/post-comment-count/post-comment-count.ts";`;
const countOwn = await measure("post-comment-count-own", countImport, { external: true });
const countAll = await measure("post-comment-count", countImport);
const feedWithCount = await measure("org-post-list-count", `import "../../../${entries["org-post-list"]}";\n${countImport}`);
const readOnlyWithCount = await measure("read-only-count", `${source}\n${countImport}`);
const feed = await measure("org-post-list-alone", `import "../../../${entries["org-post-list"]}";`);
const added = (base, plus) => ({ min: plus.min - base.min, gz: plus.gz - base.gz });
const countAdded = added(readOnly, readOnlyWithCount);
row("post-comment-count: own code", countOwn);
row("post-comment-count: with Lit + Convex", countAll);
row("post-comment-count added to org-post-list", added(feed, feedWithCount));
row("post-comment-count added to all three", countAdded, `budget ${kb(BUDGET.commentCountAdded)}`);
for (const chunk of readOnly.lazy) rows.push([`  on demand: ${chunk.name}`, "", kb(chunk.gz), "lazy chunk"]);

try {
  const dir = "dist/cdn";
  const file = readFileSync(join(dir, "live-post-elements.js"));
  rows.push(["dist/cdn/live-post-elements.js (one file)", kb(file.length), kb(gzip(file)), ""]);
  for (const chunk of readdirSync(join(dir, "chunks")).filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(join(dir, "chunks", chunk));
    rows.push([`  dist/cdn/chunks/${chunk}`, kb(code.length), kb(gzip(code)), ""]);
  }
} catch {
  rows.push(["dist/cdn/live-post-elements.js", "", "", "not built: run npm run build"]);
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...[["", "min", "min+gzip", ""], ...rows].map((r) => r[i].length)));
const line = (r) => `| ${r.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(" | ")} |`;
console.log(line(["", "min", "min+gzip", ""]));
console.log(line(widths.map((w) => "-".repeat(w))));
rows.forEach((r) => console.log(line(r)));

const failures = [];
if (readOnly.gz > BUDGET.readOnlyTotal) failures.push(`read-only path ${kb(readOnly.gz)} > ${kb(BUDGET.readOnlyTotal)}`);
if (readOnlyOwn.gz > BUDGET.readOnlyOwn) failures.push(`own code ${kb(readOnlyOwn.gz)} > ${kb(BUDGET.readOnlyOwn)}`);
if (countAdded.gz > BUDGET.commentCountAdded) {
  failures.push(`post-comment-count adds ${kb(countAdded.gz)} > ${kb(BUDGET.commentCountAdded)}`);
}
if (readOnly.signInEager) failures.push("sign-in code is in the read-only path (it must load on demand)");
if (failures.length) {
  console.error(`\nOver budget:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\nWithin budget.");
