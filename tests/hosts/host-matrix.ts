/**
 * The package as an app gets it: build, `npm pack`, install the tarball into a fresh app, bundle that
 * app for production with each host's bundler, and load every bundle in Chromium against a seeded local
 * backend. Each host must define the tags (no tree-shaking them away), show live content over exactly
 * one WebSocket, deliver the typed `lp-post-select` event and follow the host page’s dark mode live;
 * and a React 19 TSX file using the elements must typecheck (a wrong `theme` must not).
 *
 *   npx tsx tests/hosts/host-matrix.ts
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startLocalBackend } from "../../local-backend/server";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/ensure.mjs";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "lp-hosts-"));
const app = join(work, "app");
const bin = (name: string) => join(projectRoot, "node_modules/.bin", name);
const sh = (cmd: string, args: string[], cwd = projectRoot) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

const APP_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Host</title></head>
  <body>
    <main id="app"></main>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

/** The app's own code, exactly the README's imports; the deployment comes from the page URL. */
const APP_MAIN = `import "live-post-elements/org-post-list";
import "live-post-elements/post-search";

const deployment = new URLSearchParams(location.search).get("deployment");
window.selected = [];
document.addEventListener("lp-post-select", (event) => {
  event.preventDefault();
  window.selected.push(event.detail);
});
const feed = document.createElement("org-post-list");
Object.assign(feed, { deployment, org: "acme", theme: "auto" });
const search = document.createElement("post-search");
Object.assign(search, { deployment, org: "acme" });
document.getElementById("app").append(search, feed);
`;

function packAndInstall(): string {
  console.log("  building and packing the package…");
  sh("npm", ["run", "build", "--silent"]);
  const tarball = sh("npm", ["pack", "--silent", "--pack-destination", work]).trim().split("\n").pop()!;
  mkdirSync(join(app, "src"), { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "host-app", private: true, type: "module" }));
  console.log("  installing the tarball into a fresh app…");
  // React's types and TypeScript come from the registry, as in any React app.
  const typing = ["@types/react@19", "typescript@5.9"];
  sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", join(work, tarball), ...typing], app);
  writeFileSync(join(app, "src/main.js"), APP_MAIN);
  writeFileSync(join(app, "src/index.html"), APP_HTML);
  return tarball;
}

/** Each host: a production build of the same app into its own folder. */
const HOSTS: Record<string, (out: string) => void> = {
  esbuild: (out) => {
    sh(bin("esbuild"), ["src/main.js", "--bundle", "--minify", "--format=esm", `--outfile=${join(out, "main.js")}`], app);
    cpSync(join(app, "src/index.html"), join(out, "index.html"));
  },
  "vite (rollup)": (out) => {
    sh(bin("vite"), ["build", "src", "--outDir", out, "--emptyOutDir", "--logLevel", "error", "--base", "./"], app);
  },
};

function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url!, "http://x").pathname));
    try {
      const file = statSync(path).isDirectory() ? join(path, "index.html") : path;
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

function gzipKb(dir: string): string {
  let bytes = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".js")) bytes += gzipSync(readFileSync(p)).length;
    }
  };
  walk(dir);
  return (bytes / 1024).toFixed(1);
}

/** `tsc` over a file of the app (strict, React 19 JSX): its errors, or "" when it typechecks. */
function typecheck(file: string, source: string): string {
  writeFileSync(join(app, file), source);
  const args = ["--strict", "--jsx", "react-jsx", "--module", "esnext", "--moduleResolution", "bundler"];
  try {
    sh(join(app, "node_modules/.bin/tsc"), [...args, "--target", "es2022", "--lib", "dom,es2022", "--noEmit", file], app);
    return "";
  } catch (err) {
    return String((err as { stdout?: string }).stdout || err);
  }
}

/** The package's React typings: its elements are JSX intrinsic elements with typed props and events. */
function checkTypes(failures: string[]) {
  const good = typecheck(
    "app.tsx",
    `import type {} from "live-post-elements/react";
import type { ErrorDetail } from "live-post-elements";
export const App = () => (
  <post-comments deployment="https://x.convex.cloud" org="acme" post="hello" theme="auto"
    onlp-error={(e: CustomEvent<ErrorDetail>) => console.log(e.detail.code)} />
);
`,
  );
  if (good) failures.push(`tsc (React 19 TSX): the elements should typecheck:\n${good}`);
  const bad = typecheck("bad.tsx", `import type {} from "live-post-elements/react";\nexport const B = () => <post-comments theme="purple" />;\n`);
  if (!/TS2322[^\n]*purple/.test(bad)) failures.push("tsc (React 19 TSX): theme=\"purple\" should be a type error");
}

async function main() {
  const failures: string[] = [];
  packAndInstall();
  checkTypes(failures);
  const builds: { host: string; out: string; origin: string; server: Server }[] = [];
  for (const [host, build] of Object.entries(HOSTS)) {
    const out = join(work, "out", host.replace(/\W+/g, "-"));
    build(out);
    builds.push({ host, out, ...(await serve(out)) });
  }

  const backend = await startLocalBackend({
    port: 0,
    sitePort: 0,
    dataDir: join(work, "data"),
    reset: true,
    seed: true,
    quiet: true,
    env: { TRUSTED_ORIGINS: builds.map((b) => b.origin).join(",") },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows: string[] = [];
  try {
    for (const { host, out, origin } of builds) {
      const page = await browser.newPage();
      const sockets: string[] = [];
      page.on("websocket", (ws) => sockets.push(ws.url()));
      const check = (ok: boolean, what: string) => {
        if (!ok) failures.push(`${host}: ${what}`);
        return ok;
      };
      try {
        await page.goto(`${origin}/index.html?deployment=${encodeURIComponent(backend.url)}`);
        const defined = await page.evaluate(() =>
          ["org-post-list", "post-search"].every((tag) => customElements.get(tag) !== undefined),
        );
        check(defined, "the tags are defined by the production bundle");
        const link = page.locator("org-post-list").locator("[part~='post-link']").first();
        await link.waitFor({ timeout: 15_000 });
        check((await link.textContent())!.trim().length > 0, "the feed shows a post");

        await link.click();
        const selected = await page.evaluate(() => (window as unknown as { selected: { slug?: string }[] }).selected);
        check(selected.length === 1 && typeof selected[0]?.slug === "string", "lp-post-select carries { slug } and is cancelable");
        check(page.url().startsWith(`${origin}/index.html`), "preventDefault() kept the page");

        const text = () =>
          page.locator("org-post-list").locator("[part~='base']").evaluate((el) => getComputedStyle(el).color);
        const light = await text();
        await page.evaluate(() => document.documentElement.classList.add("dark"));
        await page.waitForFunction(
          (before) => {
            const base = document.querySelector("org-post-list")!.shadowRoot!.querySelector("[part~='base']")!;
            return getComputedStyle(base).color !== before;
          },
          light,
          { timeout: 5_000 },
        ).catch(() => undefined);
        check((await text()) !== light, "theme=auto follows html.dark live");

        check(sockets.length === 1, `one WebSocket for two elements (saw ${sockets.length})`);
      } catch (err) {
        failures.push(`${host}: ${(err as Error).message.split("\n")[0]}`);
      } finally {
        await page.close();
      }
      rows.push(`| ${host} | ${gzipKb(out)} KB |`);
    }
  } finally {
    await browser.close();
    await backend.close();
    for (const { server } of builds) server.close();
  }

  console.log("\n| host | production JS, gzip |\n| --- | --- |\n" + rows.join("\n"));
  rmSync(work, { recursive: true, force: true });
  if (failures.length) {
    console.error(`\n${failures.length} host check(s) failed:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`\nall ${builds.length} hosts passed`);
}

await main();
