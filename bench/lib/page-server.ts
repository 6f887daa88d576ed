/**
 * Serves the bench page: the library's one-file CDN build (and its chunks) as a page would load
 * it, gzip-encoded like a CDN, plus the small harness and the baseline script bundled by esbuild.
 *   /element.html   the elements' bundle + harness
 *   /baseline.html  a bare ConvexClient + harness
 *   /page.html?...  all three elements on one page (see page.ts)
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { libraryBuild, projectRoot } from "./library-build";

async function script(entry: string): Promise<Buffer> {
  const result = await build({
    entryPoints: [join(projectRoot, "bench/page", entry)],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    write: false,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  return Buffer.from(result.outputFiles[0]!.contents);
}

const html = (body: string, scripts: string[]) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
${scripts.map((src) => `<script type="module" src="${src}"></script>`).join("\n")}</head><body>${body}</body></html>`;

export type PageServer = { origin: string; close(): Promise<void> };

/** `pages` adds HTML pages by path. */
export async function startPageServer(pages: Record<string, string> = {}): Promise<PageServer> {
  const cdnDir = libraryBuild("cdn");
  const files: Record<string, Buffer> = {
    "/harness.js": await script("harness.ts"),
    "/baseline.js": await script("baseline.ts"),
    "/element.html": Buffer.from(html("", ["/cdn/live-post-elements.js", "/harness.js"])),
    "/baseline.html": Buffer.from(html("", ["/baseline.js", "/harness.js"])),
    ...Object.fromEntries(Object.entries(pages).map(([path, body]) => [path, Buffer.from(body)])),
  };
  const types: Record<string, string> = { ".js": "text/javascript", ".html": "text/html; charset=utf-8" };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    let body = files[path];
    if (!body && path.startsWith("/cdn/")) {
      try {
        body = readFileSync(join(cdnDir, normalize(path.slice("/cdn/".length)).replace(/^(\.\.[/\\])+/, "")));
      } catch {
        body = undefined;
      }
    }
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(200, {
      "content-type": types[extname(path)] ?? "application/octet-stream",
      "cache-control": "no-store",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(gzip ? gzipSync(body, { level: 9 }) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { html as pageHtml };
