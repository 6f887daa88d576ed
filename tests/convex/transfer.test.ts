/**
 * Export and native import through the HTTP API: the versioned document, admin keys only, the round trip,
 * idempotent reruns and malformed entries.
 */
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { NativeComment, NativeExport, NativePost } from "../../convex/nativeFormat";
import { addComment, insertOrganization, insertPost } from "./fixtures";
import { newBackend, type Backend } from "./setup";

type Report = {
  imported: { posts: number; comments: number };
  alreadyPresent: { posts: number; comments: number };
  skipped: { kind: string; index?: number; sourceId?: string; reason: string }[];
};

async function keyOf(t: Backend, slug: string) {
  const organization = await insertOrganization(t, slug);
  const { key, keyId } = await organization.owner.as.mutation(api.apiKeys.create, { name: "Migration" });
  return { ...organization, key, keyId, auth: { Authorization: `Bearer ${key}` } };
}

/** An organization with a key and no posts. */
async function emptyTarget(t: Backend) {
  const globex = await keyOf(t, "globex");
  await t.run(async (ctx) => {
    await ctx.db.delete(globex.postId);
    await ctx.db.delete(globex.draftId);
  });
  return globex;
}

/** Organization "acme" with an article, a draft, a static page's thread and comments in every state. */
async function source(t: Backend) {
  const acme = await keyOf(t, "acme");
  const thread = await insertPost(t, acme.organizationId, acme.owner, "about-us", "published");
  await t.run((ctx) => ctx.db.patch(thread, { kind: "thread", content: "", title: "À propos — 会社" }));
  const first = await addComment(t, acme.postId, {
    content: "Première ✓",
    authorName: "Zoë",
    status: "visible",
    createdAt: 1_000,
  });
  await addComment(t, acme.postId, {
    content: "A reply",
    status: "visible",
    parentId: first,
    createdAt: 2_000,
    editedAt: 2_500,
  });
  await addComment(t, acme.postId, { content: "Waiting", status: "pending", createdAt: 3_000 });
  await addComment(t, acme.postId, { content: "Spam", status: "removed", createdAt: 4_000 });
  const gone = await addComment(t, thread, {
    content: "",
    authorName: "",
    status: "visible",
    createdAt: 5_000,
    deletedAt: 6_000,
  });
  await addComment(t, thread, {
    content: "Reply under a tombstone",
    status: "visible",
    parentId: gone,
    createdAt: 7_000,
  });
  await t.run(async (ctx) => {
    await ctx.db.patch(acme.postId, { commentCount: 2 });
    await ctx.db.patch(thread, { commentCount: 1 });
  });
  return { ...acme, thread };
}

async function exportOf(t: Backend, auth: Record<string, string>): Promise<NativeExport> {
  const res = await t.fetch("/api/v1/export", { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as NativeExport;
}

async function importInto(t: Backend, auth: Record<string, string>, body: unknown) {
  return await t.fetch("/api/v1/import/native", {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function importOk(t: Backend, auth: Record<string, string>, body: unknown): Promise<Report> {
  const res = await importInto(t, auth, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Report;
}

/** The document without what differs between deployments: ids become positions, plus the header. */
function comparable(document: NativeExport) {
  const postAt = new Map(document.posts.map((post, index) => [post.id, index]));
  const commentAt = new Map(document.comments.map((comment, index) => [comment.id, index]));
  return {
    posts: document.posts.map(({ id: _, ...post }) => post),
    comments: document.comments.map(({ id: _, postId, parentId, ...comment }) => ({
      ...comment,
      post: postAt.get(postId),
      parent: parentId === undefined ? undefined : commentAt.get(parentId),
    })),
  };
}

async function tables(t: Backend) {
  return await t.run(async (ctx) => ({
    posts: await ctx.db.query("posts").collect(),
    comments: await ctx.db.query("comments").collect(),
    importedItems: await ctx.db.query("importedItems").collect(),
  }));
}

test("the export is the versioned document of every post and comment, with each comment's state", async () => {
  const t = newBackend();
  const acme = await source(t);
  const document = await exportOf(t, acme.auth);
  expect(document).toMatchObject({
    format: "live-post-elements.export",
    version: 1,
    organization: { slug: "acme", name: "acme Blog" },
  });
  expect(Date.parse(document.exportedAt)).not.toBeNaN();
  expect(document.posts.map((p) => [p.slug, p.kind, p.status])).toEqual([
    ["hello-world", "article", "published"],
    ["secret-draft", "article", "draft"],
    ["about-us", "thread", "published"],
  ]);
  expect(document.comments.map((c) => [c.content, c.status, c.deletedAt])).toEqual([
    ["Première ✓", "visible", undefined],
    ["A reply", "visible", undefined],
    ["Waiting", "pending", undefined],
    ["Spam", "removed", undefined],
    ["", "visible", 6_000],
    ["Reply under a tombstone", "visible", undefined],
  ]);
  expect(document.comments[1]).toMatchObject({ parentId: document.comments[0]!.id, editedAt: 2_500 });
  // Accounts stay behind: no author ids, no addresses, no retry keys.
  expect(JSON.stringify(document)).not.toMatch(/authorId|email|writerKey|clientRequestId|@/);
});

test("export → import into another organization → export gives the same document", async () => {
  const t = newBackend();
  const acme = await source(t);
  const globex = await emptyTarget(t);
  const original = await exportOf(t, acme.auth);
  const report = await importOk(t, globex.auth, original);
  expect(report).toEqual({
    imported: { posts: 3, comments: 6 },
    alreadyPresent: { posts: 0, comments: 0 },
    skipped: [],
  });
  const copy = await exportOf(t, globex.auth);
  expect(copy.organization.slug).toBe("globex");
  expect(comparable(copy)).toEqual(comparable(original));
  // Counts of visible comments are rebuilt, so the copy's lists show the same numbers.
  const posts = await t.run((ctx) =>
    ctx.db
      .query("posts")
      .withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", globex.organizationId))
      .collect(),
  );
  expect(posts.map((p) => [p.slug, p.commentCount, p.authorId])).toEqual([
    ["hello-world", 2, globex.owner.userId],
    ["secret-draft", 0, globex.owner.userId],
    ["about-us", 1, globex.owner.userId],
  ]);
});

test("importing the same file again, or an interrupted import continued, writes each entry once", async () => {
  const t = newBackend();
  const acme = await source(t);
  const globex = await emptyTarget(t);
  const original = await exportOf(t, acme.auth);
  // Interrupted after the posts and the first two comments.
  const part = await importOk(t, globex.auth, { ...original, comments: original.comments.slice(0, 2) });
  expect(part.imported).toEqual({ posts: 3, comments: 2 });
  const rest = await importOk(t, globex.auth, original);
  expect(rest.imported).toEqual({ posts: 0, comments: 4 });
  expect(rest.alreadyPresent).toEqual({ posts: 3, comments: 2 });
  const before = await tables(t);
  const again = await importOk(t, globex.auth, original);
  expect(again).toEqual({
    imported: { posts: 0, comments: 0 },
    alreadyPresent: { posts: 3, comments: 6 },
    skipped: [],
  });
  expect(await tables(t)).toEqual(before);
});

test("a backup imported into its own organization is already present", async () => {
  const t = newBackend();
  const acme = await source(t);
  const before = await tables(t);
  const report = await importOk(t, acme.auth, await exportOf(t, acme.auth));
  expect(report).toEqual({
    imported: { posts: 0, comments: 0 },
    alreadyPresent: { posts: 3, comments: 6 },
    skipped: [],
  });
  expect(await tables(t)).toEqual(before);
});

test("an imported post whose slug is taken brings its comments to the existing post", async () => {
  const t = newBackend();
  const acme = await source(t);
  const globex = await keyOf(t, "globex");
  const report = await importOk(t, globex.auth, await exportOf(t, acme.auth));
  expect(report.imported.posts).toBe(1);
  expect(report.alreadyPresent.posts).toBe(2);
  const onExisting = await t.run((ctx) =>
    ctx.db
      .query("comments")
      .withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q) => q.eq("postId", globex.postId))
      .collect(),
  );
  expect(onExisting.map((c) => c.content).sort()).toEqual(["A reply", "Première ✓", "Spam", "Waiting"]);
});

test.each([
  ["a revoked key", "revoked"],
  ["a key whose creator is no longer an admin", "demoted"],
  ["no key", "none"],
])("%s writes nothing", async (_, kind) => {
  const t = newBackend();
  const acme = await source(t);
  const globex = await keyOf(t, "globex");
  const document = await exportOf(t, acme.auth);
  if (kind === "revoked") await globex.owner.as.mutation(api.apiKeys.revoke, { keyId: globex.keyId });
  if (kind === "demoted") await t.run((ctx) => ctx.db.patch(globex.owner.userId, { role: "user" }));
  const before = await tables(t);
  const res = await importInto(t, kind === "none" ? {} : globex.auth, document);
  expect(res.status).toBe(kind === "demoted" ? 403 : 401);
  expect(Object.keys((await res.json()) as object)).toEqual(["error"]);
  expect(await tables(t)).toEqual(before);
  expect((await t.fetch("/api/v1/export", { headers: kind === "none" ? {} : globex.auth })).status).toBe(res.status);
});

test.each([
  ["not JSON", "<disqus></disqus>", 400, /^Expected a live-post-elements export \(JSON\)/],
  [
    "another JSON document",
    { comments: [] },
    422,
    /^Expected a live-post-elements export: a JSON object with "format"/,
  ],
  [
    "another version",
    { format: "live-post-elements.export", version: 2, posts: [], comments: [] },
    422,
    /^Expected version 1 .* got 2\.$/,
  ],
])("a body that is %s is refused with one line naming what was expected", async (_, body, status, message) => {
  const t = newBackend();
  const globex = await keyOf(t, "globex");
  const before = await tables(t);
  const res = await importInto(t, globex.auth, body);
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: string }).error).toMatch(message);
  expect(await tables(t)).toEqual(before);
});

test("malformed entries are skipped with a line each; the rest of the file goes in", async () => {
  const t = newBackend();
  const globex = await keyOf(t, "globex");
  const post = (fields: Partial<NativePost>): NativePost => ({
    id: "p1",
    kind: "article",
    status: "published",
    slug: "straße-notes",
    title: "Straße — 東京",
    content: "Grüße",
    authorName: "Jürgen",
    createdAt: 1_000,
    publishedAt: 1_000,
    ...fields,
  });
  const comment = (fields: Partial<NativeComment>): NativeComment => ({
    id: "c1",
    postId: "p2",
    status: "visible",
    authorName: "Ånne",
    content: "Hej 👋",
    createdAt: 2_000,
    ...fields,
  });
  const document = {
    format: "live-post-elements.export",
    version: 1,
    posts: [
      post({}),
      post({ id: "p2", slug: "notes-2" }),
      { ...post({ id: "p3", slug: "notes-3" }), createdAt: "yesterday" },
      post({ id: "p4", slug: "notes-4", title: "bad\u0007bell" }),
    ],
    comments: [
      comment({}),
      comment({ id: "c2", parentId: "c1", content: "Svar" }),
      { postId: "p2", status: "visible", authorName: "No id", content: "x", createdAt: 1 },
      comment({ id: "c4", postId: "p404" }),
      comment({ id: "c5", parentId: "c404" }),
      comment({ id: "c6", status: "shadow" as "visible" }),
      comment({ id: "c7", createdAt: -5 }),
    ],
  };
  const report = await importOk(t, globex.auth, document);
  expect(report.imported).toEqual({ posts: 1, comments: 2 });
  expect(report.skipped.map((s) => [s.kind, s.index ?? null, s.sourceId ?? null])).toEqual([
    ["post", 0, "p1"],
    ["post", 2, "p3"],
    ["post", 3, "p4"],
    ["comment", 2, null],
    ["comment", 5, "c6"],
    ["comment", 6, "c7"],
    ["comment", null, "c4"],
    ["comment", null, "c5"],
  ]);
  expect(report.skipped.map((s) => s.reason)).toEqual([
    expect.stringMatching(/^slug must be lower-case letters/i),
    expect.stringMatching(/createdAt.*number.*string/i),
    "title must not contain control characters.",
    expect.stringMatching(/id/),
    expect.stringMatching(/status/),
    "createdAt must be a time in milliseconds.",
    "its post p404 is not in the organization.",
    "the comment it answers, c404, is not in the organization.",
  ]);
  const copy = await exportOf(t, globex.auth);
  expect(copy.posts.find((p) => p.slug === "notes-2")?.title).toBe("Straße — 東京");
  expect(copy.comments.map((c) => c.content)).toEqual(["Hej 👋", "Svar"]);
});
