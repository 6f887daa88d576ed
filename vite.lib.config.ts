/**
 * The published builds, both from src/:
 * - `vite build -c vite.lib.config.ts`: the npm library in dist/ — one ES module per source module
 *   (the elements, `index` and `client` at the top), with `lit` and `convex` left as imports (a
 *   dependency and a peer, so an app bundles one copy of each).
 * - `vite build -c vite.lib.config.ts --mode cdn`: dist/cdn/live-post-elements.js for
 *   `<script type="module" src=…>` pages: everything bundled and minified; sign-in and non-English
 *   messages stay separate chunks beside it, fetched on demand relative to the script's own URL.
 */
import { fileURLToPath } from "node:url";
import minifyHTMLLiterals from "@lit-labs/rollup-plugin-minify-html-literals";
import { defineConfig, type Plugin } from "vite";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

const entries = {
  index: src("index.ts"),
  "post-comments": src("post-comments/post-comments.ts"),
  "org-post-list": src("org-post-list/org-post-list.ts"),
  "post-search": src("post-search/post-search.ts"),
  "post-comment-count": src("post-comment-count/post-comment-count.ts"),
  // Not an element: the shared client, sign-in and function references for a site's own scripts.
  client: src("client.ts"),
};

/** Strips the whitespace and comments inside Lit's html`` and css`` templates. */
export const minifyTemplates = () => minifyHTMLLiterals({ include: ["src/**/*.ts"] }) as Plugin;

// What an app installs with the package stays an import (one shared copy). The sign-in client
// (better-auth/client and the Better Auth Convex plugins) is bundled into the lazily loaded sign-in
// chunk: installed, those packages bring their server halves (database adapters, kysely, zod) and,
// through the Convex component's peers, React into every app.
const dependencies = [/^lit(\/|$)/, /^@lit\//, /^convex(\/|$)/];

export default defineConfig(({ mode }) =>
  mode === "cdn"
    ? {
        publicDir: false,
        plugins: [minifyTemplates()],
        define: { "process.env.NODE_ENV": JSON.stringify("production") },
        build: {
          outDir: "dist/cdn",
          emptyOutDir: true,
          target: "es2022",
          minify: true,
          sourcemap: true,
          lib: { entry: { "live-post-elements": entries.index }, formats: ["es"] },
          rollupOptions: {
            // Let the entry export what the lazy chunks share with it, so a page loads one file
            // (library mode's "strict" signatures would move that shared code into a second chunk).
            preserveEntrySignatures: "allow-extension",
            // Lib mode keeps whitespace in ES output for the consumer's minifier; this file has none.
            output: { entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js", minify: true },
          },
        },
      }
    : {
        publicDir: false,
        plugins: [minifyTemplates()],
        build: {
          outDir: "dist",
          emptyOutDir: true,
          target: "es2022",
          minify: false,
          sourcemap: true,
          lib: { entry: entries, formats: ["es"] },
          rollupOptions: {
            external: dependencies,
            output: {
              // One file per source module. An app's bundler splits what a lazy chunk shares with the
              // page file by file (esbuild does): a file mixing modules the writer uses with modules
              // only the page uses (the Convex client's callers) made all of them shared, and the
              // read-only path came as a small entry beside a big shared chunk, 0.34 KB gzip more.
              preserveModules: true,
              preserveModulesRoot: "src",
              // The bundled sign-in client's modules: npm leaves any folder named node_modules out of a package.
              entryFileNames: ({ name }) => `${name.replace(/^node_modules\//, "vendor/")}.js`,
            },
          },
        },
      },
);
