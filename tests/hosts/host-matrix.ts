/**
 * The package as apps get it: build, `npm pack`, install the tarball into an app, build that app for
 * production with each host (esbuild, Vite, webpack, Vite + React 19, Vite + Vue 3, Astro rendering on
 * Node) and load every build in Chromium against one seeded local backend. Each host must define the
 * tags (no tree-shaking them away), show live content over exactly one WebSocket, deliver the typed
 * `lp-post-select` event and follow the host page’s dark mode live. The React TSX goes through `tsc`
 * and the Vue SFC through `vue-tsc` with `strictTemplates`: the apps typecheck, a wrong `theme` or an
 * unknown prop does not. A page on an origin missing from TRUSTED_ORIGINS gets a sign-in message that
 * says so. Prints each host's production JS (gzip).
 *
 *   npx tsx tests/hosts/host-matrix.ts
 *
 * The app's sources (tests/hosts/apps/) are copied fresh each run; its framework packages stay installed
 * under node_modules/.cache/ between runs (keyed by HOST_PACKAGES) and only the package itself is
 * reinstalled from the new tarball.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { startLocalBackend, type LocalBackend } from "../../local-backend/server";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/ensure.mjs";

/** What each host's app installs from the registry next to the tarball, as a new app of that kind would. */
const HOST_PACKAGES = [
  "typescript@5.9",
  "esbuild@0.27",
  "vite@8",
  "webpack@5",
  "webpack-cli@6",
  "react@19",
  "react-dom@19",
  "@types/react@19",
  "@types/react-dom@19",
  "@vitejs/plugin-react@6",
  "vue@3.5",
  "vue-tsc@3",
  "@vitejs/plugin-vue@6",
  // Astro 5: the last major that runs on Node 20 (6 and later need Node 22).
  "astro@5",
  "@astrojs/node@9",
];

const started = Date.now();
const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const cache = join(projectRoot, "node_modules/.cache/live-post-elements-hosts");
const app = join(cache, createHash("sha256").update(HOST_PACKAGES.join(" ")).digest("hex").slice(0, 12));
const out = join(app, "out");
const appBin = (name: string) => join(app, "node_modules/.bin", name);

const execFileAsync = promisify(execFile);
/** Runs a command; rejects with its output when it fails. */
async function sh(cmd: string, args: string[], cwd = app, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const { stdout = "", stderr = "" } = err as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${stdout}${stderr}`, { cause: err });
  }
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function packAndInstall() {
  console.log("  building and packing the package…");
  await sh("npm", ["run", "build", "--silent"], projectRoot);
  mkdirSync(cache, { recursive: true });
  const tarball = join(cache, (await sh("npm", ["pack", "--silent", "--pack-destination", cache], projectRoot)).trim().split("\n").pop()!);
  const npmInstall = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
  const since = Date.now();
  // Written once the first install finished, so an interrupted one starts over.
  const installed = join(app, ".installed");
  if (existsSync(installed)) {
    // Same path, new contents: npm replaces the installed package.
    await sh("npm", [...npmInstall, tarball]);
    console.log(`  reinstalled the tarball into the cached app (${seconds(since)})`);
  } else {
    // An app installed for another HOST_PACKAGES list.
    for (const old of readdirSync(cache)) if (!old.endsWith(".tgz")) rmSync(join(cache, old), { recursive: true, force: true });
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "host-app", private: true, type: "module" }));
    await sh("npm", [...npmInstall, tarball, ...HOST_PACKAGES]);
    writeFileSync(installed, "");
    console.log(`  installed the tarball and ${HOST_PACKAGES.length} host packages into a new app (${seconds(since)})`);
  }
  const entry = "dist/post-comments.js";
  if (readFileSync(join(app, "node_modules/live-post-elements", entry), "utf8") !== readFileSync(join(projectRoot, entry), "utf8")) {
    throw new Error(`the app's live-post-elements is not the package just built (${entry} differs)`);
  }
  for (const dir of readdirSync(app)) if (!["node_modules", "package.json", "package-lock.json", ".installed"].includes(dir)) rmSync(join(app, dir), { recursive: true, force: true });
  cpSync(join(projectRoot, "tests/hosts/apps"), app, { recursive: true });
}

/**
 * React TSX through `tsc`, the Vue SFC through `vue-tsc --strictTemplates`, one run each over the app
 * and a file of mistakes: the app has no errors, and each mistake is one.
 */
const TYPE_CHECKS = [
  { checker: "tsc (React 19 TSX)", cmd: "tsc", dir: "react", mistakes: "bad.tsx" },
  { checker: "vue-tsc (Vue 3 SFC, strictTemplates)", cmd: "vue-tsc", dir: "vue", mistakes: "Bad.vue" },
];

async function checkTypes(failures: string[]) {
  for (const { checker, cmd, dir, mistakes } of TYPE_CHECKS) {
    const output = await sh(appBin(cmd), ["-p", `${dir}/tsconfig.json`]).then(() => "", (err: Error) => err.message);
    const errors = output.split("\n").filter((line) => /^\S+\(\d+,\d+\): error TS/.test(line));
    const inApp = errors.filter((line) => !line.startsWith(`${dir}/${mistakes}(`));
    if (inApp.length) failures.push(`${checker}: the app should typecheck:\n${inApp.join("\n")}`);
    if (!/TS2322[^\n]*"purple"/.test(output)) failures.push(`${checker}: theme="purple" should be a type error:\n${output}`);
    if (!/'colour' does not exist/.test(output)) failures.push(`${checker}: an unknown prop (colour) should be a type error:\n${output}`);
    if (!/'nope' does not exist on type 'PostSelectDetail'/.test(output)) failures.push(`${checker}: an event's detail should be typed:\n${output}`);
  }
}

type Running = { origin: string; close: () => void };

function serveStatic(dir: string): Promise<Running> {
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
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

function freePort(): Promise<number> {
  const probe = createNetServer();
  return new Promise((resolve) =>
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    }),
  );
}

/** The Astro build's own Node server (the @astrojs/node standalone entry), rendering on each request. */
async function serveAstro(dir: string): Promise<Running> {
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [join(dir, "server/entry.mjs")], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(origin).then(() => true, () => false)) break;
    if (server.exitCode !== null || i > 200) throw new Error(`the Astro server did not start (exit ${server.exitCode})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { origin, close: () => server.kill() };
}

type Host = {
  name: string;
  /** Builds the app for production into `dir`. */
  build: (dir: string) => Promise<unknown>;
  serve?: (dir: string) => Promise<Running>;
  /** The app's page; a server-rendered host also has its HTML checked. */
  path?: string;
  /** Where the production JS lands inside `dir`. */
  js?: string;
};

const viteBuild = (root: string) => (dir: string) =>
  sh(appBin("vite"), ["build", root, "--outDir", dir, "--emptyOutDir", "--logLevel", "error", "--base", "./"]);

const HOSTS: Host[] = [
  {
    name: "esbuild",
    build: async (dir) => {
      await sh(appBin("esbuild"), ["vanilla/main.js", "--bundle", "--minify", "--format=esm", `--outfile=${join(dir, "main.js")}`]);
      cpSync(join(app, "vanilla/index.html"), join(dir, "index.html"));
    },
  },
  { name: "vite 8 (rolldown)", build: viteBuild("vanilla") },
  {
    name: "webpack",
    build: async (dir) => {
      await sh(appBin("webpack"), ["--mode", "production", "--entry", "./vanilla/main.js", "--output-path", dir, "--output-filename", "main.js", "--no-stats"]);
      // webpack emits a classic script.
      writeFileSync(join(dir, "index.html"), readFileSync(join(app, "vanilla/index.html"), "utf8").replace(' type="module"', ""));
    },
  },
  { name: "vite + react 19", build: viteBuild("react") },
  { name: "vite + vue 3", build: viteBuild("vue") },
  {
    name: "astro 5 (vite 6 / rollup; ssr on node)",
    build: (dir) => sh(appBin("astro"), ["build", "--root", "astro", "--outDir", dir, "--silent"], app, { ASTRO_TELEMETRY_DISABLED: "1" }),
    serve: serveAstro,
    path: "/",
    js: "client",
  },
];

/** The page's production JavaScript, gzip-compressed, in KB. */
function gzipKb(dir: string): string {
  let bytes = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.m?js$/.test(name)) bytes += gzipSync(readFileSync(p)).length;
    }
  };
  walk(dir);
  return (bytes / 1024).toFixed(1);
}

type Built = Host & { dir: string; buildTime: string } & Running;

/** Content, one WebSocket, the typed event, the live dark switch — and for Astro, the tags in the server's HTML. */
async function checkHost(browser: Browser, backend: LocalBackend, host: Built, failures: string[]) {
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(`${host.name}: ${what}`);
    return ok;
  };
  const url = `${host.origin}${host.path ?? "/index.html"}?deployment=${encodeURIComponent(backend.url)}`;
  if (host.serve) {
    const html = await (await fetch(url)).text();
    check(html.includes(`<org-post-list deployment="${backend.url}" org="acme" theme="auto">`), "the server renders the tag with the request's deployment");
  }
  const page = await browser.newPage();
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  try {
    await page.goto(url);
    const defined = await page.evaluate(() => ["org-post-list", "post-search"].every((tag) => customElements.get(tag) !== undefined));
    check(defined, "the tags are defined by the production bundle");
    const link = page.locator("org-post-list").locator("[part~='post-link']").first();
    await link.waitFor({ timeout: 15_000 });
    check((await link.textContent())!.trim().length > 0, "the feed shows a post");

    await link.click();
    const selected = await page.evaluate(() => (window as unknown as { selected: { slug?: string }[] }).selected);
    check(selected.length === 1 && typeof selected[0]?.slug === "string", `lp-post-select reaches the app's handler with { slug } (got ${JSON.stringify(selected)})`);
    check(page.url() === url, "preventDefault() kept the page");

    const color = () => page.locator("org-post-list").locator("[part~='base']").evaluate((el) => getComputedStyle(el).color);
    const light = await color();
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page
      .waitForFunction(
        (before) => {
          const base = document.querySelector("org-post-list")!.shadowRoot!.querySelector("[part~='base']")!;
          return getComputedStyle(base).color !== before;
        },
        light,
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    check((await color()) !== light, "theme=auto follows html.dark live");
    check(sockets.length === 1, `one WebSocket for two elements (saw ${sockets.length})`);
  } catch (err) {
    failures.push(`${host.name}: ${(err as Error).message.split("\n")[0]}`);
  } finally {
    await page.close();
  }
}

/** Sign-in from a page whose origin is not in TRUSTED_ORIGINS: the element and the console say so. */
async function checkUntrustedOrigin(browser: Browser, backend: LocalBackend, origin: string, failures: string[]) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  const fail = (what: string) => failures.push(`untrusted origin: ${what}`);
  try {
    const query = new URLSearchParams({ deployment: backend.url, site: backend.siteUrl });
    await page.goto(`${origin}/index.html?${query}`);
    await page.locator("post-comments [part~='sign-in-button']").click({ timeout: 15_000 });
    const form = page.locator("post-comments [part~='sign-in-form']");
    const account = backend.accounts[0]!;
    await form.locator("#auth-email").fill(account.email);
    await form.locator("#auth-password").fill(account.password);
    await form.locator("#auth-password").press("Enter");
    const message = (await form.locator("[role=alert]").textContent({ timeout: 15_000 }))?.trim() ?? "";
    if (!/isn't enabled for this website/.test(message)) fail(`the form names the cause (said "${message}")`);
    const logged = errors.find((e) => e.includes("TRUSTED_ORIGINS"));
    if (!logged) fail(`the console names TRUSTED_ORIGINS (console errors: ${JSON.stringify(errors)})`);
    else if (!logged.includes(origin)) fail(`the console names the page's origin ${origin}: ${logged}`);
  } catch (err) {
    fail((err as Error).message.split("\n")[0]!);
  } finally {
    await page.close();
  }
}

async function main() {
  const failures: string[] = [];
  await packAndInstall();
  console.log(`  built, packed and installed (${seconds(started)})`);
  rmSync(out, { recursive: true, force: true });

  // Type checks and builds in two lanes (the machine has two cores).
  const typesChecked = (async () => {
    const since = Date.now();
    await checkTypes(failures);
    console.log(`  type checks (${seconds(since)})`);
  })();
  const builds: (Host & { dir: string; buildTime: string })[] = [];
  const buildsStarted = Date.now();
  for (const host of HOSTS) {
    const dir = join(out, host.name.replace(/\W+/g, "-"));
    const since = Date.now();
    try {
      await host.build(dir);
      builds.push({ ...host, dir, buildTime: seconds(since) });
    } catch (err) {
      failures.push(`${host.name}: the production build failed: ${(err as Error).message}`);
    }
  }
  const signInDir = join(out, "sign-in");
  await sh(appBin("esbuild"), ["sign-in/main.js", "--bundle", "--minify", "--format=esm", `--outdir=${signInDir}`, "--splitting"]);
  cpSync(join(app, "sign-in/index.html"), join(signInDir, "index.html"));
  console.log(`  production builds (${seconds(buildsStarted)})`);
  await typesChecked;

  const running: Built[] = [];
  for (const host of builds) running.push({ ...host, ...(await (host.serve ?? serveStatic)(host.dir)) });
  const untrusted = await serveStatic(signInDir);
  const backendStarted = Date.now();
  const backend = await startLocalBackend({
    port: 0,
    sitePort: 0,
    dataDir: join(app, "data"),
    reset: true,
    seed: true,
    quiet: true,
    env: { TRUSTED_ORIGINS: running.map((host) => host.origin).join(",") },
  });
  console.log(`  local backend, seeded (${seconds(backendStarted)})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows: string[] = [];
  const checksStarted = Date.now();
  try {
    for (const host of running) {
      await checkHost(browser, backend, host, failures);
      rows.push(`| ${host.name} | ${gzipKb(host.js ? join(host.dir, host.js) : host.dir)} KB | ${host.buildTime} |`);
    }
    await checkUntrustedOrigin(browser, backend, untrusted.origin, failures);
    console.log(`  Chromium checks (${seconds(checksStarted)})`);
  } finally {
    await browser.close();
    await backend.close();
    for (const host of running) host.close();
    untrusted.close();
  }

  console.log("\n| host | production JS, gzip | build |\n| --- | --- | --- |\n" + rows.join("\n"));
  if (failures.length) {
    console.error(`\n${failures.length} host check(s) failed:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`\nall ${running.length} hosts and the untrusted-origin sign-in passed (${seconds(started)})`);
}

await main();
