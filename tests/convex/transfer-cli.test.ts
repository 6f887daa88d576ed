/**
 * The command's export and import (bin/transfer.mjs) against the in-memory deployment's site routes:
 * batching, progress and the file positions of skipped entries.
 */
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { CommandError, exportOrganization, importNative } from "../../bin/transfer.mjs";
import { insertOrganization } from "./fixtures";
import { newBackend, type Backend } from "./setup";

const SITE = "https://deployment.example.test";
/** Small batches keep the in-memory deployment quick while still crossing batch boundaries. */
const BATCH = 10;

/** The command's HTTP calls, answered by the deployment's routes. */
const routesOf = (t: Backend) => (url: string, init: RequestInit) => {
  const { pathname, search, origin } = new URL(url);
  expect(origin).toBe(SITE);
  return t.fetch(pathname + search, init);
};

async function organization(t: Backend, slug: string) {
  const created = await insertOrganization(t, slug);
  const { key } = await created.owner.as.mutation(api.apiKeys.create, { name: "CLI" });
  return { ...created, options: { siteUrl: SITE, apiKey: key, org: slug, fetch: routesOf(t) } };
}

async function manyComments(t: Backend, postId: Id<"posts">, count: number) {
  await t.run(async (ctx) => {
    const post = (await ctx.db.get(postId))!;
    for (let i = 0; i < count; i++) {
      const parentId = await ctx.db.insert("comments", {
        postId,
        organizationId: post.organizationId,
        authorName: `Reader ${i}`,
        content: `Comment ${i} — ünïcode`,
        status: i % 10 === 0 ? "pending" : "visible",
        createdAt: 1_000 + i * 2,
      });
      if (i % 3 === 0) {
        await ctx.db.insert("comments", {
          postId,
          organizationId: post.organizationId,
          authorName: "Replier",
          content: `Reply to ${i}`,
          status: "visible",
          parentId,
          createdAt: 1_001 + i * 2,
        });
      }
    }
  });
}

test("export then import in batches into another organization, then again: every entry once", async () => {
  const t = newBackend();
  const acme = await organization(t, "acme");
  const globex = await organization(t, "globex");
  await manyComments(t, acme.postId, 3 * BATCH + 5);
  const document = await exportOrganization(acme.options);
  expect(document.comments).toHaveLength(3 * BATCH + 5 + Math.ceil((3 * BATCH + 5) / 3));

  const progress: { done: number; total: number }[] = [];
  const report = await importNative({
    ...globex.options,
    document,
    batchSize: BATCH,
    onProgress: (p) => progress.push(p),
  });
  // globex already has hello-world and secret-draft: those take the comments.
  expect(report).toEqual({
    imported: { posts: 0, comments: document.comments.length },
    alreadyPresent: { posts: 2, comments: 0 },
    skipped: [],
  });
  const total = document.posts.length + document.comments.length;
  expect(progress.at(-1)).toEqual({ done: total, total });
  expect(progress.length, "one progress step per batch").toBe(1 + Math.ceil(document.comments.length / BATCH));

  const again = await importNative({ ...globex.options, document, batchSize: BATCH });
  expect(again.imported).toEqual({ posts: 0, comments: 0 });
  expect(again.alreadyPresent.comments).toBe(document.comments.length);
  const copy = await exportOrganization(globex.options);
  expect(copy.comments.map((c) => [c.content, c.status, c.createdAt])).toEqual(
    document.comments.map((c) => [c.content, c.status, c.createdAt]),
  );
});

test("skipped entries are named by their place in the file, across batches", async () => {
  const t = newBackend();
  const globex = await organization(t, "globex");
  const comment = (i: number) => ({
    id: `c${i}`,
    postId: "p1",
    status: "visible",
    authorName: "Ann",
    content: `Hi ${i}`,
    createdAt: i,
  });
  const comments: unknown[] = Array.from({ length: BATCH + 10 }, (_, i) => comment(i));
  comments[3] = { ...comment(3), content: "" };
  comments[BATCH + 5] = { ...comment(BATCH + 5), createdAt: "noon" };
  const document = {
    format: "live-post-elements.export",
    version: 1,
    organization: { slug: "old", name: "Old" },
    exportedAt: new Date(0).toISOString(),
    posts: [
      {
        id: "p1",
        kind: "thread",
        status: "published",
        slug: "guestbook",
        title: "Gästebuch",
        content: "",
        authorName: "Old",
        createdAt: 0,
      },
    ],
    comments,
  };
  const report = await importNative({ ...globex.options, document, batchSize: BATCH });
  expect(report.imported).toEqual({ posts: 1, comments: BATCH + 8 });
  expect(report.skipped.map((s) => [s.kind, s.index, s.sourceId])).toEqual([
    ["comment", 3, "c3"],
    ["comment", BATCH + 5, `c${BATCH + 5}`],
  ]);
});

test("the wrong organization, a revoked key or a file of another kind is one line, with nothing written", async () => {
  const t = newBackend();
  const acme = await organization(t, "acme");
  const comments = async () => await t.run((ctx) => ctx.db.query("comments").collect());
  const before = await comments();
  const document = await exportOrganization(acme.options);
  const failure = (call: Promise<unknown>) =>
    call.then(
      () => null,
      (error: Error) => error,
    );

  const wrongOrg = await failure(importNative({ ...acme.options, org: "globex", document }));
  expect(wrongOrg).toBeInstanceOf(CommandError);
  expect(wrongOrg?.message).toBe('This API key belongs to the organization "acme", not "globex".');
  const notNative = await failure(importNative({ ...acme.options, document: { disqus: {} } }));
  expect(notNative?.message).toMatch(/^Expected a live-post-elements export: /);
  const keys = await acme.owner.as.query(api.apiKeys.list, {});
  await acme.owner.as.mutation(api.apiKeys.revoke, { keyId: keys[0]!._id });
  const revoked = await failure(importNative({ ...acme.options, document }));
  expect(revoked?.message).toBe("A valid API key is required.");
  expect(await comments()).toEqual(before);
});
