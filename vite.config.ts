/**
 * The demo site (demo/): every page is an HTML entry, the elements come from src/ as a site owner's
 * bundle would. Pages find the deployment through `%VITE_CONVEX_URL%` and `%VITE_CONVEX_SITE_URL%`
 * (set by `npm start` and the end-to-end tests; the local backend's default ports otherwise).
 * The strict-CSP page gets its policy as a response header here and as a <meta> in the page.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL("demo", import.meta.url));

const convexUrl = process.env.VITE_CONVEX_URL ?? "http://127.0.0.1:3210";
const convexSiteUrl = process.env.VITE_CONVEX_SITE_URL ?? "http://127.0.0.1:3211";

/** A policy with no 'unsafe-inline' or 'unsafe-eval': only files from this origin, and the backend's origins. */
export function strictPolicy(deployment: string, site: string): string {
  const socket = deployment.replace(/^http/, "ws");
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${deployment} ${socket} ${site}`,
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}

const CSP_PAGES = new Set(["/csp.html", "/csp"]);

/** Sends the strict policy as a header with the strict-CSP page (the page repeats it in a <meta>). */
function strictCspHeader(): Plugin {
  const policy = strictPolicy(convexUrl, convexSiteUrl);
  return {
    name: "demo-strict-csp",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (CSP_PAGES.has((req.url ?? "").split("?")[0]!)) res.setHeader("Content-Security-Policy", policy);
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (CSP_PAGES.has((req.url ?? "").split("?")[0]!)) res.setHeader("Content-Security-Policy", policy);
        next();
      });
    },
  };
}

function htmlPages(dir: string): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(pages, htmlPages(path));
    else if (name.endsWith(".html")) pages[relative(root, path).replace(/\.html$/, "")] = path;
  }
  return pages;
}

export default defineConfig({
  root,
  envDir: root,
  define: {
    "import.meta.env.VITE_CONVEX_URL": JSON.stringify(convexUrl),
    "import.meta.env.VITE_CONVEX_SITE_URL": JSON.stringify(convexSiteUrl),
    "import.meta.env.VITE_CSP_POLICY": JSON.stringify(strictPolicy(convexUrl, convexSiteUrl)),
    "import.meta.env.VITE_DEMO_ADMIN_EMAIL": JSON.stringify(process.env.VITE_DEMO_ADMIN_EMAIL ?? ""),
    "import.meta.env.VITE_DEMO_ADMIN_PASSWORD": JSON.stringify(process.env.VITE_DEMO_ADMIN_PASSWORD ?? ""),
  },
  plugins: [strictCspHeader()],
  // The pages import the package by name, as a site would; here its exports come from their sources.
  resolve: {
    alias: [
      { find: /^live-post-elements$/, replacement: fileURLToPath(new URL("src/index.ts", import.meta.url)) },
      { find: /^live-post-elements\/client$/, replacement: fileURLToPath(new URL("src/client.ts", import.meta.url)) },
    ],
  },
  server: { port: 5173, fs: { allow: [fileURLToPath(new URL(".", import.meta.url))] } },
  build: {
    outDir: fileURLToPath(new URL("dist/demo", import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { input: htmlPages(root) },
  },
});
