/**
 * `import disqus|wordpress|remark42|commento` (bin/transfer.mjs `importSource`, bin/sources/) against the
 * in-memory deployment's site routes, with the sample files in tests/fixtures/import: what each file
 * becomes, what is skipped and why, reruns, an interrupted run continued, and the export round trip.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { CommandError, exportOrganization, importNative, importSource, type SourceFormat } from "../../bin/transfer.mjs";
import { insertOrganization } from "./fixtures";
import { newBackend, type Backend } from "./setup";

const SITE = "https://deployment.example.test";
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const FILES: Record<SourceFormat, string> = {
  disqus: fixture("disqus.xml"),
  wordpress: fixture("wordpress.xml"),
  remark42: fixture("remark42.jsonl"),
  commento: fixture("commento.json"),
};

const routesOf = (t: Backend) => (url: string, init: RequestInit) => {
  const { pathname, search } = new URL(url);
  return t.fetch(pathname + search, init);
};

async function organization(t: Backend, slug: string) {
  const created = await insertOrganization(t, slug);
  const { key } = await created.owner.as.mutation(api.apiKeys.create, { name: "Migration" });
  return { ...created, key, options: { siteUrl: SITE, apiKey: key, org: slug, fetch: routesOf(t) } };
}

const ZOE = Date.UTC(2019, 4, 1, 9);
const HOUR = 3_600_000;
const FIRST = "Erster! **Schön** hier, [siehe](https://example.org/x).\n\nZweiter Absatz";
const REPLY = "Reply with `code` and *emphasis*click";

/** What each sample file holds besides the shared conversation, and how its pages are titled. */
const EXPECTED: Record<
  SourceFormat,
  { comments: number; counted: Record<string, number>; lines: [string | undefined, string][]; titles: string[]; carla: boolean }
> = {
  disqus: {
    comments: 5,
    counted: { deleted: 1, spam: 1, unapproved: 0, pingback: 0 },
    lines: [
      ["p7", 'its date, "yesterday", is not a time.'],
      [undefined, "it has no id."],
      ["p8", "its page is not in the file."],
    ],
    titles: ["Grüße aus Köln", "会社について"],
    carla: true,
  },
  wordpress: {
    comments: 4,
    counted: { deleted: 1, spam: 1, unapproved: 1, pingback: 1 },
    lines: [
      ["7", 'its date, "sometime", is not a time.'],
      [undefined, "it has no id."],
    ],
    titles: ["Grüße aus Köln", "会社について"],
    carla: false,
  },
  remark42: {
    comments: 5,
    counted: { deleted: 1, spam: 0, unapproved: 0, pingback: 0 },
    lines: [
      ["r7", 'its date, "yesterday", is not a time.'],
      [undefined, "line 8 is not a JSON object."],
      [undefined, "it has no id."],
    ],
    titles: ["Grüße aus Köln", "会社について"],
    carla: true,
  },
  commento: {
    comments: 4,
    counted: { deleted: 1, spam: 1, unapproved: 1, pingback: 0 },
    lines: [
      ["c7", 'its date, "not a date", is not a time.'],
      [undefined, "it has no id."],
      [undefined, "comments[8] is not a JSON object."],
    ],
    titles: ["/2019/05/grüße-aus-köln/", "/about?lang=ja"],
    carla: false,
  },
};

async function thread(t: Backend, org: string, postSlug: string) {
  const { page } = await t.query(api.comments.list, {
    organizationSlug: org,
    postSlug,
    paginationOpts: { numItems: 50, cursor: null },
  });
  return page.map((c) => ({
    authorName: c.authorName,
    content: c.content,
    createdAt: c.createdAt,
    replies: c.replies.map((r) => [r.authorName, r.content, r.createdAt, r.replyToName]),
  }));
}

async function rows(t: Backend, organizationId: Id<"organizations">) {
  return await t.run(async (ctx) => {
    const posts = await ctx.db
      .query("posts")
      .withIndex("by_organizationId_createdAt", (q) => q.eq("organizationId", organizationId))
      .collect();
    const comments = await ctx.db
      .query("comments")
      .withIndex("by_organizationId_status", (q) => q.eq("organizationId", organizationId))
      .collect();
    const imported = (await ctx.db.query("importedItems").collect()).filter((r) => r.organizationId === organizationId);
    return { posts, comments, imported };
  });
}

for (const format of Object.keys(FILES) as SourceFormat[]) {
  test(`${format}: pages become threads, comments guest comments; the rest is counted or named`, async () => {
    const t = newBackend();
    const globex = await organization(t, "globex");
    const expected = EXPECTED[format];
    const progress: { comments: number; bytes: number; totalBytes: number }[] = [];
    const report = await importSource({
      ...globex.options,
      format,
      file: FILES[format],
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(report.imported).toEqual({ posts: 2, comments: expected.comments });
    expect(report.alreadyPresent).toEqual({ posts: 0, comments: 0 });
    expect(report.counted).toEqual(expected.counted);
    expect(report.skipped.map((s) => [s.sourceId, s.reason])).toEqual(expected.lines);
    expect(progress.at(-1)).toMatchObject({ bytes: progress.at(-1)!.totalBytes });
    expect(progress.length).toBeGreaterThan(1);

    const { posts, comments, imported } = await rows(t, globex.organizationId);
    const threads = posts.filter((p) => p.kind === "thread");
    expect(threads.map((p) => [p.slug, p.title, p.status, p.content, p.authorName])).toEqual([
      ["2019-05-grusse-aus-koln", expected.titles[0], "published", "", "globex Blog"],
      ["about-lang-ja", expected.titles[1], "published", "", "globex Blog"],
    ]);
    expect(imported.filter((r) => r.kind === "post").map((r) => r.url)).toEqual([
      "https://old.example/2019/05/grüße-aus-köln/",
      "https://old.example/about?lang=ja",
    ]);

    const conversation = await thread(t, "globex", "2019-05-grusse-aus-koln");
    expect(conversation).toEqual([
      {
        authorName: "Zoë",
        content: FIRST,
        createdAt: ZOE,
        replies: [
          ["Ann", REPLY, ZOE + HOUR, undefined],
          // An answer to a reply sits under the top-level comment, naming whom it answers.
          ["Björn", "Answering Ann, who answered Zoë", ZOE + 2 * HOUR, "Ann"],
        ],
      },
      // Its parent was deleted: it stands on its own.
      ...(expected.carla ? [{ authorName: "Carla", content: "Under a deleted comment", createdAt: ZOE + 26 * HOUR, replies: [] }] : []),
    ]);
    expect(await thread(t, "globex", "about-lang-ja")).toEqual([
      { authorName: "Anonymous", content: "日本語のコメント & emoji 😀", createdAt: Date.UTC(2019, 5, 2, 10), replies: [] },
    ]);
    expect(comments.every((c) => c.authorId === undefined && c.status === "visible")).toBe(true);
    const stored = JSON.stringify(comments);
    for (const hostile of ["<script", "javascript:", "alert", "@example.org"]) expect(stored).not.toContain(hostile);
    const emails = imported.filter((r) => r.authorEmail).map((r) => r.authorEmail);
    expect(emails).toEqual(format === "remark42" ? [] : ["zoe@example.org", "ann@example.org"]);
    expect(await t.query(api.comments.countForPost, { organizationSlug: "globex", postSlug: "2019-05-grusse-aus-koln" })).toBe(
      expected.comments - 1,
    );

    const again = await importSource({ ...globex.options, format, file: FILES[format], batchSize: 2 });
    expect(again.imported).toEqual({ posts: 0, comments: 0 });
    expect(again.alreadyPresent).toEqual({ posts: 2, comments: expected.comments });
    expect(await rows(t, globex.organizationId)).toEqual({ posts, comments, imported });
  });
}

test("an import stopped halfway continues where it stopped when run again", async () => {
  const t = newBackend();
  const globex = await organization(t, "globex");
  const initech = await organization(t, "initech");
  await importSource({ ...initech.options, format: "disqus", file: FILES.disqus });

  let requests = 0;
  const failing = (url: string, init: RequestInit) => {
    if (++requests > 3) return Promise.reject(new Error("connection reset"));
    return routesOf(t)(url, init);
  };
  const stopped = await importSource({ ...globex.options, fetch: failing, format: "disqus", file: FILES.disqus, batchSize: 1 }).then(
    () => null,
    (error: Error) => error,
  );
  expect(stopped).toBeInstanceOf(CommandError);
  expect(stopped?.message).toBe(`Cannot reach ${SITE}: connection reset`);
  const halfway = await rows(t, globex.organizationId);
  // The key check, then the thread and the first comment: each batch whole, nothing of the next.
  expect(halfway.comments.map((c) => c.content)).toEqual([FIRST]);

  const continued = await importSource({ ...globex.options, format: "disqus", file: FILES.disqus, batchSize: 1 });
  expect(continued.imported).toEqual({ posts: 1, comments: 4 });
  expect(continued.alreadyPresent).toEqual({ posts: 1, comments: 1 });
  for (const slug of ["2019-05-grusse-aus-koln", "about-lang-ja"]) {
    expect(await thread(t, "globex", slug)).toEqual(await thread(t, "initech", slug));
  }
});

test("export → native import of an imported organization gives the same threads, whom replies answer included", async () => {
  const t = newBackend();
  const globex = await organization(t, "globex");
  const initech = await organization(t, "initech");
  await importSource({ ...globex.options, format: "wordpress", file: FILES.wordpress });
  const document = await exportOrganization(globex.options);
  const report = await importNative({ ...initech.options, document });
  expect(report.skipped).toEqual([]);
  const copy = await exportOrganization(initech.options);
  const shape = (d: typeof document) => {
    const at = new Map(d.comments.map((c, i) => [c.id, i]));
    return d.comments.map(({ id: _, postId: __, parentId, ...c }) => ({ ...c, parent: parentId && at.get(parentId) }));
  };
  expect(shape(copy)).toEqual(shape(document));
  expect(copy.posts.map((p) => [p.slug, p.title, p.kind])).toEqual(document.posts.map((p) => [p.slug, p.title, p.kind]));
  expect(await thread(t, "initech", "2019-05-grusse-aus-koln")).toEqual(await thread(t, "globex", "2019-05-grusse-aus-koln"));
});

test("a file of another format is one line naming what was expected; a revoked key stops before anything", async () => {
  const t = newBackend();
  const globex = await organization(t, "globex");
  const before = await rows(t, globex.organizationId);
  const failure = (format: SourceFormat, file: string, options = globex.options) =>
    importSource({ ...options, format, file }).then(
      () => null,
      (error: Error) => error,
    );
  const cases: [SourceFormat, string, string][] = [
    ["disqus", FILES.wordpress, "Expected a Disqus XML export (a <disqus> document of <thread> and <post> elements); the root element is <rss>."],
    ["wordpress", FILES.disqus, "Expected a WordPress export (WXR: an <rss> document of <item>s with <wp:comment>s); the root element is <disqus>."],
    ["disqus", FILES.commento, "Expected a Disqus XML export (a <disqus> document of <thread> and <post> elements); this is not XML (text data outside of root node.)."],
    ["remark42", FILES.disqus, 'Expected a Remark42 backup (newline-delimited JSON, the first line {"version": …}); line 1 is not.'],
    ["commento", FILES.remark42, 'Expected a Commento export (a JSON object with "comments" and "commenters" arrays); it has no "comments".'],
    ["commento", FILES.wordpress, 'Expected a Commento export (a JSON object with "comments" and "commenters" arrays); this is not a JSON object.'],
    ["disqus", "/nonexistent/export.xml", "Cannot read /nonexistent/export.xml: no such file."],
  ];
  for (const [format, file, message] of cases) {
    const error = await failure(format, file);
    expect(error, `${format} ${file}`).toBeInstanceOf(CommandError);
    expect(error?.message).toBe(message);
  }
  const keys = await globex.owner.as.query(api.apiKeys.list, {});
  await globex.owner.as.mutation(api.apiKeys.revoke, { keyId: keys[0]!._id });
  const revoked = await failure("disqus", FILES.disqus);
  expect(revoked?.message).toBe("A valid API key is required.");
  expect(await rows(t, globex.organizationId)).toEqual(before);
});

test("a file that breaks off keeps what came before it and says where it broke", async () => {
  const t = newBackend();
  const globex = await organization(t, "globex");
  const whole = readFileSync(FILES.disqus, "utf8");
  const file = join(mkdtempSync(join(tmpdir(), "import-")), "cut.xml");
  // Cut inside the fourth comment's message, after three whole comments.
  writeFileSync(file, `${whole.slice(0, whole.indexOf("Gone"))}</wrong>`);
  const report = await importSource({ ...globex.options, format: "disqus", file });
  expect(report.imported).toEqual({ posts: 1, comments: 3 });
  expect(report.skipped.map((s) => [s.kind, s.reason.replace(/\d+:\d+/, "L:C")])).toEqual([
    ["file", "the file breaks off: L:C: unclosed tag: message"],
  ]);
});

test("a comment the server refuses (too long) is a line; its reply answers what it answered", async () => {
  const t = newBackend();
  const globex = await organization(t, "globex");
  const post = (id: string, text: string, parent?: string) =>
    `<post dsq:id="${id}"><message><![CDATA[<p>${text}</p>]]></message><createdAt>2020-01-01T00:00:0${id.length}Z</createdAt><author><name>R</name></author><thread dsq:id="t"/>${parent ? `<parent dsq:id="${parent}"/>` : ""}</post>`;
  const file = join(mkdtempSync(join(tmpdir(), "import-")), "long.xml");
  writeFileSync(
    file,
    `<disqus xmlns:dsq="x"><thread dsq:id="t"><link>https://old.example/a</link><title>A</title></thread>${post("a", "first")}${post("bb", "x".repeat(5001), "a")}${post("ccc", "answer to the long one", "bb")}</disqus>`,
  );
  const report = await importSource({ ...globex.options, format: "disqus", file });
  expect(report.imported).toEqual({ posts: 1, comments: 2 });
  expect(report.skipped).toEqual([{ kind: "comment", sourceId: "bb", reason: "content must be at most 5000 characters." }]);
  expect(await thread(t, "globex", "a")).toEqual([
    { authorName: "R", content: "first", createdAt: Date.UTC(2020, 0, 1, 0, 0, 1), replies: [["R", "answer to the long one", Date.UTC(2020, 0, 1, 0, 0, 3), undefined]] },
  ]);
});
