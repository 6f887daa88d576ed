/**
 * `npx live-post-elements export` and `import native` as a site owner runs them: the package's command in
 * its own process, against the local backend's site origin, with organization API keys.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
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
