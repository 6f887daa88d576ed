// @vitest-environment node
/**
 * `npx live-post-elements snapshot <folder> --site <url>` (bin/snapshot.mjs) run as a process on a
 * generator's output folder, against the in-memory deployment's site routes behind a loopback server.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, test } from "vitest";
import { MARK_END, MARK_START } from "../../bin/snapshot.mjs";
import { addComment, insertOrganization } from "./fixtures";
import { newBackend, type Backend } from "./setup";

const run = promisify(execFile);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The deployment's site routes on a loopback port, as the command reaches a real deployment. */
async function serve(t: Backend): Promise<string> {
  const server: Server = createServer(async (req, res) => {
    const response = await t.fetch(req.url!, { headers: { accept: req.headers.accept ?? "" } });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

const PAGE = (inner = "") => `<!doctype html>
<html><body>
<article><h1>Hello</h1></article>
<post-comments deployment="https://x.convex.cloud" org="acme" post="hello-world" page-size="5">${inner}</post-comments>
</body></html>`;

const FEED = `<!doctype html><html lang="de"><body>
<org-post-list deployment="https://x.convex.cloud" org='acme' href-template="/posts/{slug}/"></org-post-list>
<post-comments org="acme" post="not-started"></post-comments>
<post-comments org="acme" post="hello-world"><p>The site's own words</p></post-comments>
</body></html>`;

const snapshotCommand = (folder: string, site: string) =>
  run(process.execPath, ["bin/live-post-elements.mjs", "snapshot", folder, "--site", site], { cwd: process.cwd() });

test("fills every page of an output folder, and a rerun changes nothing but what changed", async () => {
  const t = newBackend();
  const { postId } = await insertOrganization(t, "acme");
  await addComment(t, postId, { content: "A comment *from the server*", status: "visible", authorName: "Ada" });
  const site = await serve(t);
  const folder = mkdtempSync(join(tmpdir(), "lp-snapshot-"));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  mkdirSync(join(folder, "posts/hello-world"), { recursive: true });
  writeFileSync(join(folder, "posts/hello-world/index.html"), PAGE());
  writeFileSync(join(folder, "index.html"), FEED);
  writeFileSync(join(folder, "style.css"), "body{}");

  const first = await snapshotCommand(folder, site);
  expect(first.stdout).toContain("Filled 3 snapshots in 2 HTML files (2 changed).");
  expect(first.stderr).toContain("it holds content of its own");
  const page = readFileSync(join(folder, "posts/hello-world/index.html"), "utf8");
  expect(page).toContain(`page-size="5">${MARK_START}<div class="lp-snapshot" data-lp-snapshot="comments"`);
  expect(page).toContain("<em>from the server</em>");
  expect(page.split(MARK_START)).toHaveLength(2);
  const feed = readFileSync(join(folder, "index.html"), "utf8");
  expect(feed).toContain('href="/posts/hello-world/"');
  // In the page's language.
  expect(feed).toContain('data-lp-snapshot="posts" lang="de"');
  expect(feed).toContain("0 Kommentare");
  // A thread not started yet gets the empty fragment; the tag with the site's own content is untouched.
  expect(feed).toContain(`post="not-started">${MARK_START}<div class="lp-snapshot" data-lp-snapshot="comments"></div>${MARK_END}`);
  expect(feed).toContain("<p>The site's own words</p></post-comments>");

  const written = statSync(join(folder, "index.html")).mtimeMs;
  const again = await snapshotCommand(folder, site);
  expect(again.stdout).toContain("Filled 3 snapshots in 2 HTML files (0 changed).");
  expect(readFileSync(join(folder, "posts/hello-world/index.html"), "utf8")).toBe(page);
  expect(statSync(join(folder, "index.html")).mtimeMs).toBe(written);

  // A new comment: the rerun replaces the snapshot between the markers, once.
  await addComment(t, postId, { content: "A later comment", status: "visible" });
  const third = await snapshotCommand(folder, site);
  expect(third.stdout).toContain("(1 changed)");
  const updated = readFileSync(join(folder, "posts/hello-world/index.html"), "utf8");
  expect(updated.split(MARK_START)).toHaveLength(2);
  expect(updated).toContain("A later comment");
  expect(updated.replace(/<!-- live-post-elements snapshot -->[^]*<!-- \/live-post-elements snapshot -->/, "")).toBe(PAGE());
});

test("a thread in another order gets its snapshot in that order; an order the element does not know is the default", async () => {
  const t = newBackend();
  const { postId } = await insertOrganization(t, "acme");
  await addComment(t, postId, { content: "Older", status: "visible", createdAt: Date.UTC(2026, 0, 1) });
  await addComment(t, postId, { content: "Newer", status: "visible", createdAt: Date.UTC(2026, 0, 2) });
  const site = await serve(t);
  const folder = mkdtempSync(join(tmpdir(), "lp-snapshot-"));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(
    join(folder, "index.html"),
    `<post-comments org="acme" post="hello-world" sort="newest"></post-comments>\n<post-comments org="acme" post="hello-world" sort="sideways"></post-comments>`,
  );
  await snapshotCommand(folder, site);
  const [newest, fallback] = readFileSync(join(folder, "index.html"), "utf8").split("\n");
  const order = (html: string) => [...html.matchAll(/<p>(Older|Newer)<\/p>/g)].map((match) => match[1]);
  expect(order(newest!)).toEqual(["Newer", "Older"]);
  expect(order(fallback!)).toEqual(["Older", "Newer"]);
});

test("a deployment that refuses the request fails the command with a readable line", async () => {
  const t = newBackend();
  const site = await serve(t);
  const folder = mkdtempSync(join(tmpdir(), "lp-snapshot-"));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, "index.html"), `<post-comments org="acme" post="hello-world" page-size="1000"></post-comments>`);
  const failed = await snapshotCommand(folder, site).catch((error: { code: number; stderr: string }) => error);
  expect(failed).toMatchObject({ code: 1 });
  expect((failed as { stderr: string }).stderr).toMatch(/\/snapshots\/comments answered 400: limit must be a whole number/);
  expect(readFileSync(join(folder, "index.html"), "utf8")).not.toContain(MARK_START);
});
