/**
 * `npx live-post-elements export` and `import <format>` as a site owner runs them: the package's command
 * in its own process, against the local backend's site origin, with organization API keys.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { NativeExport } from "../../convex/nativeFormat";
import type { LocalBackend } from "../../local-backend/server";
import { signUp, startTestBackend } from "./helpers";

const COMMAND = fileURLToPath(new URL("../../bin/live-post-elements.mjs", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

let backend: LocalBackend;
const keys: Record<string, string> = {};

/** An organization founded by a new account, with an API key of its admin. */
async function organization(slug: string) {
  const client = new ConvexHttpClient(backend.url);
  client.setAuth(await signUp(backend.siteUrl, `owner@${slug}.test`, `${slug} Owner`));
  await client.mutation(api.organizations.create, { name: `${slug} Blog`, slug });
  keys[slug] = (await client.mutation(api.apiKeys.create, { name: "Migration" })).key;
  return client;
}

beforeAll(async () => {
  backend = await startTestBackend();
  const acme = await organization("acme");
  await organization("globex");
  await organization("initech");
  const postId = await acme.mutation(api.posts.create, { title: "Grüße aus Köln", content: "Hallo", slug: "gruesse" });
  await acme.mutation(api.posts.publish, { postId });
  for (const content of ["Erster!", "Zweiter — ünïcödé"]) {
    await acme.mutation(api.comments.create, {
      organizationSlug: "acme",
      postSlug: "gruesse",
      content,
      clientRequestId: content,
    });
  }
});

afterAll(async () => {
  await backend?.close();
});

/** The command's exit code and output; asynchronous, as the backend answers from this very process. */
function run(args: string[], key: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [COMMAND, ...args],
      { env: { ...process.env, LIVE_POST_ELEMENTS_SITE_URL: backend.siteUrl, LIVE_POST_ELEMENTS_API_KEY: key } },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

test("export, then import into another organization twice: the second run imports nothing", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "export-")), "acme.json");
  const exported = await run(["export", "--org", "acme", "--out", file], keys.acme!);
  expect(exported.status, exported.stderr).toBe(0);
  expect(exported.stderr).toBe(`Exported 1 posts and 2 comments to ${file}.\n`);
  const document = JSON.parse(readFileSync(file, "utf8")) as NativeExport;
  expect(document.comments.map((c) => c.content)).toEqual(["Erster!", "Zweiter — ünïcödé"]);

  const first = await run(["import", "native", file, "--org", "globex"], keys.globex!);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toBe("Imported: 1 posts, 2 comments.\nAlready present: 0 posts, 0 comments.\nSkipped: 0.\n");
  const again = await run(["import", "native", file, "--org", "globex"], keys.globex!);
  expect(again.stdout).toBe("Imported: 0 posts, 0 comments.\nAlready present: 1 posts, 2 comments.\nSkipped: 0.\n");

  const copy = await run(["export", "--org", "globex"], keys.globex!);
  const copied = JSON.parse(copy.stdout) as NativeExport;
  expect(copied.posts.map((p) => [p.slug, p.title, p.status])).toEqual([["gruesse", "Grüße aus Köln", "published"]]);
  expect(copied.comments.map((c) => [c.content, c.status])).toEqual([
    ["Erster!", "visible"],
    ["Zweiter — ünïcödé", "visible"],
  ]);
});

test("a wrong organization, an unreadable file or a missing option is one line and a failing exit", async () => {
  const wrongOrg = await run(["export", "--org", "globex"], keys.acme!);
  expect(wrongOrg.status).toBe(1);
  expect(wrongOrg.stderr).toBe('This API key belongs to the organization "acme", not "globex".\n');
  const missing = await run(["import", "native", "/nonexistent/file.json", "--org", "acme"], keys.acme!);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/^Expected a live-post-elements export \(JSON\) in \/nonexistent\/file\.json: /);
  const noOrg = await run(["export"], keys.acme!);
  expect(noOrg.status).toBe(2);
  expect(noOrg.stderr.split("\n")[0]).toBe("--org <slug> is required.");
});

const thread = async (org: string, postSlug: string) =>
  (
    await new ConvexHttpClient(backend.url).query(api.comments.list, {
      organizationSlug: org,
      postSlug,
      paginationOpts: { numItems: 50, cursor: null },
    })
  ).page.map((c) => [c.authorName, c.content, c.replies.map((r) => [r.authorName, r.replyToName])]);

test("import disqus, then again: a summary by reason, then every entry already present", async () => {
  const file = fixture("disqus.xml");
  const first = await run(["import", "disqus", file, "--org", "initech"], keys.initech!);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toBe(
    [
      "Imported: 2 posts, 5 comments.",
      "Already present: 0 posts, 0 comments.",
      "Skipped: 5 (1 deleted, 1 spam, 3 malformed).",
      '  comment p7: its date, "yesterday", is not a time.',
      "  comment: it has no id.",
      "  comment p8: its page is not in the file.",
      "",
    ].join("\n"),
  );
  // Not a terminal: no progress bar.
  expect(first.stderr).toBe("");
  expect(await thread("initech", "2019-05-grusse-aus-koln")).toEqual([
    ["Zoë", "Erster! **Schön** hier, [siehe](https://example.org/x).\n\nZweiter Absatz", [["Ann", undefined], ["Björn", "Ann"]]],
    ["Carla", "Under a deleted comment", []],
  ]);
  const again = await run(["import", "disqus", file, "--org", "initech"], keys.initech!);
  expect(again.stdout.split("\n").slice(0, 2)).toEqual(["Imported: 0 posts, 0 comments.", "Already present: 2 posts, 5 comments."]);
});

test("--map sends a page whose URL changed to the post it is now", async () => {
  const map = join(mkdtempSync(join(tmpdir(), "map-")), "urls.json");
  writeFileSync(map, JSON.stringify({ "https://old.example/2019/05/grüße-aus-köln/": "gruesse" }));
  const result = await run(["import", "wordpress", fixture("wordpress.xml"), "--org", "acme", "--map", map], keys.acme!);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout.split("\n").slice(0, 3)).toEqual([
    "Imported: 1 posts, 4 comments.",
    "Already present: 1 posts, 0 comments.",
    "Skipped: 6 (1 deleted, 1 spam, 1 unapproved, 1 pingbacks, 2 malformed).",
  ]);
  // Oldest first: the old page's comment keeps its time (2019), before the post's own two.
  expect((await thread("acme", "gruesse")).map(([name]) => name)).toEqual(["Zoë", "acme Owner", "acme Owner"]);
});

test("a file of another format, an unknown format or a revoked key: one line and a failing exit", async () => {
  const wrong = await run(["import", "remark42", fixture("disqus.xml"), "--org", "initech"], keys.initech!);
  expect(wrong.status).toBe(1);
  expect(wrong.stderr).toBe('Expected a Remark42 backup (newline-delimited JSON, the first line {"version": …}); line 1 is not.\n');
  const unknown = await run(["import", "isso", fixture("disqus.xml"), "--org", "initech"], keys.initech!);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr.split("\n")[0]).toBe(
    'Unknown import format "isso": this version reads native (a live-post-elements export), disqus, wordpress, remark42, commento.',
  );
  const client = new ConvexHttpClient(backend.url);
  client.setAuth(await signUp(backend.siteUrl, "owner2@hooli.test", "hooli Owner"));
  await client.mutation(api.organizations.create, { name: "hooli Blog", slug: "hooli" });
  const { key, keyId } = await client.mutation(api.apiKeys.create, { name: "Old" });
  await client.mutation(api.apiKeys.revoke, { keyId });
  const revoked = await run(["import", "commento", fixture("commento.json"), "--org", "hooli"], key);
  expect(revoked.status).toBe(1);
  expect(revoked.stderr).toBe("A valid API key is required.\n");
  expect(await thread("hooli", "2019-05-grusse-aus-koln")).toEqual([]);
});

test("an import killed halfway, run again, writes each comment once", async () => {
  const comments = 4000;
  // Ids of their own: the sample file imported above into this organization used p1, p2, ….
  const file = join(mkdtempSync(join(tmpdir(), "import-")), "disqus.xml");
  const threads = Array.from({ length: comments / 100 }, (_, t) =>
    `<thread dsq:id="big-t${t}"><link>https://old.example/post-${t}/</link><title>Post ${t}</title></thread>`,
  );
  const posts = Array.from({ length: comments }, (_, i) =>
    `<post dsq:id="big-p${i}"><message><![CDATA[<p>Kommentar ${i} — ü</p>]]></message><createdAt>2020-01-01T00:00:00Z</createdAt><author><name>Reader</name></author><thread dsq:id="big-t${Math.floor(i / 100)}"/>${i % 100 > 1 && i % 3 === 0 ? `<parent dsq:id="big-p${i - 1}"/>` : ""}</post>`,
  );
  writeFileSync(file, `<disqus xmlns:dsq="http://disqus.com/disqus-internals">${threads.join("")}${posts.join("\n")}</disqus>`);
  const env = { ...process.env, LIVE_POST_ELEMENTS_SITE_URL: backend.siteUrl, LIVE_POST_ELEMENTS_API_KEY: keys.initech! };
  const child = spawn(process.execPath, [COMMAND, "import", "disqus", file, "--org", "initech"], { env, stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  const reader = new ConvexHttpClient(backend.url);
  const count = () => reader.query(api.comments.countForPost, { organizationSlug: "initech", postSlug: "post-0" });
  while ((await count()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill("SIGKILL");
  expect(await exited, "killed before it finished").toBe("SIGKILL");

  const rerun = await run(["import", "disqus", file, "--org", "initech"], keys.initech!);
  expect(rerun.status, rerun.stderr).toBe(0);
  const [imported, present] = rerun.stdout.split("\n").map((line) => [...line.matchAll(/(\d+) comments/g)].map((m) => Number(m[1])));
  expect(present![0], "some were in before the kill").toBeGreaterThan(0);
  expect(imported![0]! + present![0]!, rerun.stdout).toBe(comments);
  const out = join(mkdtempSync(join(tmpdir(), "export-")), "initech.json");
  await run(["export", "--org", "initech", "--out", out], keys.initech!);
  const exported = JSON.parse(readFileSync(out, "utf8")) as NativeExport;
  const contents = exported.comments.map((c) => c.content).filter((c) => c.startsWith("Kommentar"));
  expect(contents).toHaveLength(comments);
  expect(new Set(contents).size).toBe(comments);
}, 120_000);
