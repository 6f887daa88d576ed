/**
 * The demo site (demo/): every page is an HTML entry, the elements come from src/ as a site owner's
 * bundle would. Pages find the deployment through `%VITE_CONVEX_URL%` and `%VITE_CONVEX_SITE_URL%`
 * (set by `npm start` and the end-to-end tests; the local backend's default ports otherwise).
 * Every page gets the shared head and navigation from `demoLayout`; the strict-CSP page gets its
 * policy as a response header and as a <meta>.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type HtmlTagDescriptor, type Plugin } from "vite";
import { fillSnapshots } from "./bin/snapshot.mjs";

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

/** The demo's pages in its navigation, in order. */
const NAV: [href: string, label: string][] = [
  ["/", "Home"],
  ["/blog/hello-world.html", "Blog post"],
  ["/blog/notes-from-the-meetup.html", "New thread"],
  ["/search.html", "Search"],
  ["/theming.html", "Theming"],
  ["/dashboard.html", "Dashboard"],
  ["/csp.html", "Strict CSP"],
];

/**
 * What every demo page shares, added to each page as it is served and built, so a page holds only its
 * own title, scripts and content: the head's metadata, icon and stylesheet (the strict policy as a
 * <meta> first on the strict-CSP page) and the navigation, with the current page marked.
 */
function demoLayout(): Plugin {
  const policy = strictPolicy(convexUrl, convexSiteUrl);
  return {
    name: "demo-layout",
    transformIndexHtml: {
      order: "pre",
      handler(_html, { path }) {
        const page = path.replace(/(^|\/)index\.html$/, "$1");
        const head: HtmlTagDescriptor[] = [
          { tag: "meta", attrs: { charset: "utf-8" } },
          ...(CSP_PAGES.has(path) ? [{ tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: policy } }] : []),
          { tag: "meta", attrs: { name: "viewport", content: "width=device-width, initial-scale=1" } },
          { tag: "link", attrs: { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" } },
          { tag: "link", attrs: { rel: "stylesheet", href: "/demo.css" } },
        ];
        const nav: HtmlTagDescriptor = {
          tag: "nav",
          attrs: { class: "demo-nav", "aria-label": "Demo pages" },
          children: [
            { tag: "strong", children: "Live post elements" },
            ...NAV.map(([href, label]) => ({
              tag: "a",
              attrs: { href, ...(href === page ? { "aria-current": "page" } : {}) },
              children: label,
            })),
          ],
        };
        return [
          ...head.map((tag) => ({ ...tag, injectTo: "head-prepend" as const })),
          { ...nav, injectTo: "body-prepend" },
        ];
      },
    },
  };
}

/** The pages that read without JavaScript: the landing page's feed and the blog's threads. */
const SNAPSHOT_PAGES = /^\/(?:index\.html)?$|^\/blog\//;

/**
 * Fills the comments and feed of the landing page and the blog with the deployment's snapshot as the
 * page is served or built (what `npx live-post-elements snapshot` does to a built site), so they read
 * without JavaScript. A deployment that cannot be reached leaves the elements empty, with a warning.
 */
function demoSnapshots(): Plugin {
  return {
    name: "demo-snapshots",
    transformIndexHtml: {
      order: "post",
      async handler(html, { path }) {
        if (!SNAPSHOT_PAGES.test(path)) return html;
        try {
          return (await fillSnapshots(html, { siteUrl: convexSiteUrl })).html;
        } catch (error) {
          console.warn(`demo: no snapshot for ${path}: ${(error as Error).message}`);
          return html;
        }
      },
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
  plugins: [demoLayout(), demoSnapshots(), strictCspHeader()],
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
