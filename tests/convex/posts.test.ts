import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend, type Backend } from "./setup";
import { matrix, organizationWithTeam, outcome, type Caller, type CallerName } from "./fixtures";

afterEach(() => {
  vi.useRealTimers();
});

async function published(as: Caller, title: string, content = `About ${title}.`, slug?: string) {
  const postId = await as.mutation(api.posts.create, { title, content, ...(slug && { slug }) });
  await as.mutation(api.posts.publish, { postId });
  return postId;
}

async function allPosts(t: Backend) {
  return await t.run(async (ctx) => await ctx.db.query("posts").withIndex("by_organizationId_createdAt").collect());
}

async function insertComments(t: Backend, postId: Id<"posts">, count: number) {
  await t.run(async (ctx) => {
    const post = (await ctx.db.get(postId))!;
    for (let i = 0; i < count; i++) {
      await ctx.db.insert("comments", {
        postId,
        organizationId: post.organizationId,
        authorName: "Reader",
        content: `Comment ${i}`,
        createdAt: i,
        status: "visible",
      });
    }
    await ctx.db.patch(postId, { commentCount: post.commentCount + count });
  });
}

async function commentsOf(t: Backend, postId: Id<"posts">) {
  return await t.run(
    async (ctx) => await ctx.db.query("comments").withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q) => q.eq("postId", postId)).collect(),
  );
}

describe("create, update, replace", () => {
  test("create makes a draft with a slug from the title and no comments", async () => {
    const t = newBackend();
    const { author, organizationId } = await organizationWithTeam(t, "acme");
    const postId = await author.as.mutation(api.posts.create, { title: "  Hello, Wörld! ", content: "Body" });
    const post = await author.as.query(api.posts.get, { postId });
    expect(post).toMatchObject({
      title: "Hello, Wörld!",
      slug: "hello-world",
      kind: "article",
      status: "draft",
      commentCount: 0,
      authorId: author.userId,
      authorName: author.name,
      organizationId,
    });
    expect(post?.publishedAt).toBeUndefined();
  });

  test("a taken slug is a CONFLICT, given or derived, and writes nothing", async () => {
    const t = newBackend();
    const { author, admin } = await organizationWithTeam(t, "acme");
    await author.as.mutation(api.posts.create, { title: "Hello world", content: "One" });
    expect(await outcome(author.as.mutation(api.posts.create, { title: "Hello World", content: "Two" }))).toBe(
      "CONFLICT",
    );
    expect(
      await outcome(admin.as.mutation(api.posts.create, { title: "Other", content: "Two", slug: "hello-world" })),
    ).toBe("CONFLICT");
    expect(await allPosts(t)).toHaveLength(1);
    // Another organization may use the same slug.
    const globex = await organizationWithTeam(t, "globex");
    await globex.author.as.mutation(api.posts.create, { title: "Hello world", content: "Three" });
    expect(await allPosts(t)).toHaveLength(2);
  });

  test.each([
    ["empty title", { title: "   ", content: "Body" }],
    ["long title", { title: "x".repeat(201), content: "Body" }],
    ["control characters", { title: "Bell\u0007", content: "Body" }],
    ["empty content", { title: "Title", content: "" }],
    ["long content", { title: "Title", content: "x".repeat(100_001) }],
    ["bad slug", { title: "Title", content: "Body", slug: "Not A Slug" }],
  ])("create rejects %s with INVALID_ARGUMENT and writes nothing", async (_, args) => {
    const t = newBackend();
    const { author } = await organizationWithTeam(t, "acme");
    expect(await outcome(author.as.mutation(api.posts.create, args))).toBe("INVALID_ARGUMENT");
    expect(await allPosts(t)).toHaveLength(0);
  });

  test("update patches only the provided fields; replace sets all of them", async () => {
    const t = newBackend();
    const { author } = await organizationWithTeam(t, "acme");
    const postId = await author.as.mutation(api.posts.create, { title: "First", content: "Body one" });
    await author.as.mutation(api.posts.publish, { postId });
    const created = (await t.run(async (ctx) => ctx.db.get(postId)))!;

    await author.as.mutation(api.posts.update, { postId, content: "Body two" });
    const updated = (await t.run(async (ctx) => ctx.db.get(postId)))!;
    // Every other field of the document as it was: a replace would have lost or changed some.
    expect(updated, "update changes the given field and updatedAt only").toEqual({
      ...created,
      content: "Body two",
      updatedAt: expect.any(Number),
    });

    await author.as.mutation(api.posts.replace, { postId, title: "Second", content: "Body three", slug: "second" });
    const replaced = (await t.run(async (ctx) => ctx.db.get(postId)))!;
    // Every editable field takes the new value (none kept from before, as a partial patch would),
    // and the fields that are not the author's to set (status, dates, author, count) stay.
    expect(replaced, "replace sets every editable field").toEqual({
      ...created,
      title: "Second",
      content: "Body three",
      slug: "second",
      updatedAt: expect.any(Number),
    });
    expect(replaced.updatedAt!).toBeGreaterThanOrEqual(updated.updatedAt!);
    expect(await author.as.query(api.posts.get, { postId })).toEqual(replaced);
  });

  test("update and replace refuse a slug used by another post, and bad fields, writing nothing", async () => {
    const t = newBackend();
    const { author } = await organizationWithTeam(t, "acme");
    await author.as.mutation(api.posts.create, { title: "Taken", content: "A" });
    const postId = await author.as.mutation(api.posts.create, { title: "Mine", content: "B" });
    expect(await outcome(author.as.mutation(api.posts.update, { postId, title: "New", slug: "taken" }))).toBe(
      "CONFLICT",
    );
    expect(await outcome(author.as.mutation(api.posts.update, { postId, title: "" }))).toBe("INVALID_ARGUMENT");
    expect(
      await outcome(author.as.mutation(api.posts.replace, { postId, title: "T", content: "C", slug: "taken" })),
    ).toBe("CONFLICT");
    expect(
      await outcome(author.as.mutation(api.posts.replace, { postId, title: "T", content: " ", slug: "ok" })),
    ).toBe("INVALID_ARGUMENT");
    // Keeping its own slug is fine.
    await author.as.mutation(api.posts.update, { postId, slug: "mine" });
    expect(await author.as.query(api.posts.get, { postId })).toMatchObject({ title: "Mine", content: "B", slug: "mine" });
  });

  test("unknown post ids are NOT_FOUND", async () => {
    const t = newBackend();
    const { author } = await organizationWithTeam(t, "acme");
    const postId = await author.as.mutation(api.posts.create, { title: "Gone", content: "A" });
    await t.run(async (ctx) => ctx.db.delete(postId));
    // Every public function that takes a post id.
    const calls = {
      update: author.as.mutation(api.posts.update, { postId, title: "T" }),
      replace: author.as.mutation(api.posts.replace, { postId, title: "T", content: "C", slug: "t" }),
      publish: author.as.mutation(api.posts.publish, { postId }),
      unpublish: author.as.mutation(api.posts.unpublish, { postId }),
      remove: author.as.mutation(api.posts.remove, { postId }),
    };
    for (const [name, call] of Object.entries(calls)) expect(await outcome(call), name).toBe("NOT_FOUND");
    expect(await author.as.query(api.posts.get, { postId }), "get").toBeNull();
  });
});

describe("publishing and reading", () => {
  test("publish sets publishedAt once; unpublish hides the post again", async () => {
    const t = newBackend();
    const { author, slug } = await organizationWithTeam(t, "acme");
    const postId = await author.as.mutation(api.posts.create, { title: "News", content: "Fresh" });
    expect(await t.query(api.posts.getBySlug, { organizationSlug: slug, slug: "news" })).toBeNull();
    await author.as.mutation(api.posts.publish, { postId });
    const first = (await t.query(api.posts.getBySlug, { organizationSlug: slug, slug: "news" }))!;
    expect(first.status).toBe("published");
    expect(first.publishedAt).toBeTypeOf("number");
    await author.as.mutation(api.posts.publish, { postId });
    expect((await t.query(api.posts.get, { postId }))!.publishedAt).toBe(first.publishedAt);

    await author.as.mutation(api.posts.unpublish, { postId });
    expect(await t.query(api.posts.getBySlug, { organizationSlug: slug, slug: "news" })).toBeNull();
    const page = await t.query(api.posts.listPublished, {
      organizationSlug: slug,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page).toEqual([]);
  });

  test("the feed lists published articles newest first as summaries, without threads or drafts", async () => {
    vi.useFakeTimers();
    const t = newBackend();
    const { author, admin, organizationId, slug } = await organizationWithTeam(t, "acme");
    await published(author.as, "Older", "# Older\n\nThe **first** post.");
    vi.advanceTimersByTime(1000);
    await published(admin.as, "Newer");
    await author.as.mutation(api.posts.create, { title: "Draft", content: "Not yet" });
    await t.run(async (ctx) => {
      await ctx.db.insert("posts", {
        title: "Static page",
        content: "Thread of a static page",
        slug: "static-page",
        kind: "thread",
        authorId: author.userId,
        authorName: author.name,
        organizationId,
        status: "published",
        publishedAt: Date.now() + 5000,
        createdAt: Date.now(),
        commentCount: 0,
      });
    });
    const { page, isDone } = await t.query(api.posts.listPublished, {
      organizationSlug: slug,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(isDone).toBe(true);
    expect(page.map((p) => p.title)).toEqual(["Newer", "Older"]);
    expect(page[1]).toEqual({
      _id: expect.any(String),
      slug: "older",
      title: "Older",
      excerpt: "Older The first post.",
      authorId: author.userId,
      authorName: author.name,
      publishedAt: expect.any(Number),
      commentCount: 0,
    });
    // getBySlug serves threads too.
    expect(await t.query(api.posts.getBySlug, { organizationSlug: slug, slug: "static-page" })).toMatchObject({
      kind: "thread",
    });
    expect(await t.query(api.posts.getBySlug, { organizationSlug: "nobody", slug: "older" })).toBeNull();
    expect(
      await t.query(api.posts.listPublished, { organizationSlug: "nobody", paginationOpts: { numItems: 5, cursor: null } }),
    ).toMatchObject({ page: [], isDone: true });
  });

  test("paging the feed while posts are published in between gives every post once, without gaps", async () => {
    vi.useFakeTimers();
    const t = newBackend();
    const { author, slug } = await organizationWithTeam(t, "acme");
    const before: string[] = [];
    for (let i = 0; i < 25; i++) {
      vi.advanceTimersByTime(1000);
      await published(author.as, `Post ${i}`);
      before.push(`Post ${i}`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    for (;;) {
      const result: { page: { title: string }[]; isDone: boolean; continueCursor: string } = await t.query(
        api.posts.listPublished,
        { organizationSlug: slug, paginationOpts: { numItems: 7, cursor } },
      );
      seen.push(...result.page.map((p) => p.title));
      if (result.isDone) break;
      cursor = result.continueCursor;
      // New posts land at the top of the feed, ahead of the pages already read.
      vi.advanceTimersByTime(1000);
      await published(author.as, `Late ${round++}`);
    }
    expect(round).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...before].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("get shows drafts only to members of the post's organization", async () => {
    const t = newBackend();
    const { home, other } = await matrix(t);
    const postId = await home.author.as.mutation(api.posts.create, { title: "Secret", content: "Draft" });
    expect(await t.query(api.posts.get, { postId })).toBeNull();
    expect(await other.admin.as.query(api.posts.get, { postId })).toBeNull();
    expect(await home.member.as.query(api.posts.get, { postId })).toMatchObject({ title: "Secret" });
    await home.author.as.mutation(api.posts.publish, { postId });
    expect(await t.query(api.posts.get, { postId })).toMatchObject({ title: "Secret" });
  });

  test("listForDashboard pages every status of the caller's organization, newest first", async () => {
    vi.useFakeTimers();
    const t = newBackend();
    const { home, other } = await matrix(t);
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1000);
      const postId = await home.author.as.mutation(api.posts.create, { title: `Home ${i}`, content: "x" });
      if (i % 2 === 0) await home.author.as.mutation(api.posts.publish, { postId });
      titles.push(`Home ${i}`);
    }
    await other.author.as.mutation(api.posts.create, { title: "Elsewhere", content: "x" });
    const first = await home.member.as.query(api.posts.listForDashboard, {
      paginationOpts: { numItems: 3, cursor: null },
    });
    const second = await home.member.as.query(api.posts.listForDashboard, {
      paginationOpts: { numItems: 3, cursor: first.continueCursor },
    });
    expect([...first.page, ...second.page].map((p) => p.title)).toEqual(titles.reverse());
    expect(new Set(first.page.map((p) => p.status))).toEqual(new Set(["draft", "published"]));
    expect(second.isDone).toBe(true);
  });

  test("listAuthors names members with published articles only", async () => {
    const t = newBackend();
    const { author, admin, member, slug } = await organizationWithTeam(t, "acme");
    await published(author.as, "By author");
    await published(admin.as, "By admin");
    await member.as.mutation(api.posts.create, { title: "Draft by member", content: "x" });
    expect(await t.query(api.posts.listAuthors, { organizationSlug: slug })).toEqual([
      { _id: admin.userId, name: admin.name },
      { _id: author.userId, name: author.name },
    ]);
    expect(await t.query(api.posts.listAuthors, { organizationSlug: "nobody" })).toEqual([]);
  });
});

describe("search", () => {
  async function library(t: Backend) {
    const { home, other } = await matrix(t);
    const a = home.author.as;
    const titleHit = await published(a, "Convex patterns", "Indexes and queries.");
    const contentHit = await published(home.admin.as, "Weekly notes", "We tried convex for the backend.");
    const both = await published(a, "Convex everywhere", "Convex in every layer.");
    await a.mutation(api.posts.create, { title: "Convex draft", content: "Unpublished convex." });
    await published(other.author.as, "Convex at globex", "Other organization.");
    await t.run(async (ctx) => {
      const post = (await ctx.db.get(titleHit))!;
      await ctx.db.insert("posts", {
        ...post,
        _id: undefined,
        _creationTime: undefined,
        slug: "convex-thread",
        title: "Convex thread",
        kind: "thread",
      } as never);
    });
    return { home, titleHit, contentHit, both };
  }

  test("title hits come first, content hits follow, each post once; drafts, threads and other organizations are left out", async () => {
    const t = newBackend();
    const { home, titleHit, contentHit, both } = await library(t);
    const results = await t.query(api.posts.search, { organizationSlug: home.slug, query: "convex" });
    const ids = results.map((r) => r._id);
    expect(new Set(ids.slice(0, 2))).toEqual(new Set([titleHit, both]));
    expect(ids.slice(2)).toEqual([contentHit]);
    expect(results[0]).toHaveProperty("excerpt");
  });

  test("the author filter and the limit apply; an empty query finds nothing", async () => {
    const t = newBackend();
    const { home, contentHit } = await library(t);
    const byAdmin = await t.query(api.posts.search, {
      organizationSlug: home.slug,
      query: "convex",
      authorId: home.admin.userId,
    });
    expect(byAdmin.map((r) => r._id)).toEqual([contentHit]);
    expect(await t.query(api.posts.search, { organizationSlug: home.slug, query: "convex", limit: 1 })).toHaveLength(
      1,
    );
    expect(await t.query(api.posts.search, { organizationSlug: home.slug, query: "   " })).toEqual([]);
    expect(await t.query(api.posts.search, { organizationSlug: "nobody", query: "convex" })).toEqual([]);
  });

  test("limit defaults to 10 and may not exceed 20", async () => {
    const t = newBackend();
    const { author, slug } = await organizationWithTeam(t, "acme");
    for (let i = 0; i < 22; i++) await published(author.as, `Lamp ${i}`);
    expect(await t.query(api.posts.search, { organizationSlug: slug, query: "lamp" })).toHaveLength(10);
    expect(await t.query(api.posts.search, { organizationSlug: slug, query: "lamp", limit: 20 })).toHaveLength(20);
    for (const limit of [0, 21, 2.5]) {
      expect(await outcome(t.query(api.posts.search, { organizationSlug: slug, query: "lamp", limit }))).toBe(
        "INVALID_ARGUMENT",
      );
    }
    expect(
      await outcome(t.query(api.posts.search, { organizationSlug: slug, query: "x".repeat(201) })),
    ).toBe("INVALID_ARGUMENT");
  });
});

describe("remove", () => {
  test("deletes the post's comments, then the post", async () => {
    const t = newBackend();
    const { author, slug } = await organizationWithTeam(t, "acme");
    const postId = await published(author.as, "Short thread");
    const keep = await published(author.as, "Other thread");
    await insertComments(t, postId, 3);
    await insertComments(t, keep, 2);
    await t.run(async (ctx) => {
      const [comment] = await ctx.db.query("comments").withIndex("by_postId_parentId_status_pinnedAt_createdAt", (q) => q.eq("postId", postId)).take(1);
      await ctx.db.insert("emailDeliveries", {
        commentId: comment!._id,
        to: "a@b.test",
        reason: "post_author",
        status: "sent",
        createdAt: 0,
      });
    });
    await author.as.mutation(api.posts.remove, { postId });
    expect(await t.run(async (ctx) => await ctx.db.get(postId))).toBeNull();
    expect(await commentsOf(t, postId)).toHaveLength(0);
    expect(await commentsOf(t, keep)).toHaveLength(2);
    expect(
      await t.run(async (ctx) => await ctx.db.query("emailDeliveries").withIndex("by_commentId").collect()),
    ).toHaveLength(0);
    expect(await t.query(api.posts.getBySlug, { organizationSlug: slug, slug: "short-thread" })).toBeNull();
  });

  test("a long thread is hidden at once and deleted in scheduled batches, the post last", async () => {
    vi.useFakeTimers();
    const t = newBackend();
    const { author, slug } = await organizationWithTeam(t, "acme");
    const postId = await published(author.as, "Long thread");
    await insertComments(t, postId, 450);
    await author.as.mutation(api.posts.remove, { postId });

    expect(await t.query(api.posts.getBySlug, { organizationSlug: slug, slug: "long-thread" })).toBeNull();
    expect(await t.run(async (ctx) => await ctx.db.get(postId))).not.toBeNull();
    expect(await commentsOf(t, postId)).toHaveLength(250);

    await t.finishInProgressScheduledFunctions();
    vi.runAllTimers();
    await t.finishInProgressScheduledFunctions();
    expect(await commentsOf(t, postId)).toHaveLength(50);
    expect(await t.run(async (ctx) => await ctx.db.get(postId))).not.toBeNull();

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await commentsOf(t, postId)).toHaveLength(0);
    expect(await t.run(async (ctx) => await ctx.db.get(postId))).toBeNull();
  });
});

describe("authorization matrix", () => {
  type Expect = Record<CallerName, string>;
  const editors: Expect = { anonymous: "UNAUTHENTICATED", otherMember: "FORBIDDEN", member: "FORBIDDEN", author: "ok", admin: "ok" };
  const everyone: Expect = { anonymous: "ok", otherMember: "ok", member: "ok", author: "ok", admin: "ok" };
  const signedIn: Expect = { anonymous: "UNAUTHENTICATED", otherMember: "ok", member: "ok", author: "ok", admin: "ok" };

  const cases: [string, Expect, (as: Caller | Backend, postId: Id<"posts">) => Promise<unknown>][] = [
    ["listPublished", everyone, (as) => as.query(api.posts.listPublished, { organizationSlug: "acme", paginationOpts: { numItems: 5, cursor: null } })],
    ["getBySlug", everyone, (as) => as.query(api.posts.getBySlug, { organizationSlug: "acme", slug: "target" })],
    ["search", everyone, (as) => as.query(api.posts.search, { organizationSlug: "acme", query: "target" })],
    ["listAuthors", everyone, (as) => as.query(api.posts.listAuthors, { organizationSlug: "acme" })],
    ["get", everyone, (as, postId) => as.query(api.posts.get, { postId })],
    ["listForDashboard", signedIn, (as) => as.query(api.posts.listForDashboard, { paginationOpts: { numItems: 5, cursor: null } })],
    ["create", signedIn, (as) => as.mutation(api.posts.create, { title: "New one", content: "x" })],
    ["update", editors, (as, postId) => as.mutation(api.posts.update, { postId, content: "changed" })],
    ["replace", editors, (as, postId) => as.mutation(api.posts.replace, { postId, title: "T", content: "C", slug: "target" })],
    ["publish", editors, (as, postId) => as.mutation(api.posts.publish, { postId })],
    ["unpublish", editors, (as, postId) => as.mutation(api.posts.unpublish, { postId })],
    ["remove", editors, (as, postId) => as.mutation(api.posts.remove, { postId })],
  ];

  test.each(cases)("%s", async (_, expected, call) => {
    for (const [who, want] of Object.entries(expected) as [CallerName, string][]) {
      const t = newBackend();
      const { home, callers } = await matrix(t);
      const postId = await home.author.as.mutation(api.posts.create, { title: "Target", content: "x" });
      const before = await allPosts(t);
      expect({ who, got: await outcome(call(callers[who], postId)) }).toEqual({ who, got: want });
      if (want !== "ok") expect(await allPosts(t)).toEqual(before);
    }
  });

  test("the dashboard and drafts stay inside the organization", async () => {
    const t = newBackend();
    const { home, other } = await matrix(t);
    await home.author.as.mutation(api.posts.create, { title: "Home draft", content: "x" });
    const theirs = await other.admin.as.query(api.posts.listForDashboard, { paginationOpts: { numItems: 5, cursor: null } });
    expect(theirs.page).toEqual([]);
    // A signed-in reader without an organization has no dashboard and cannot write posts.
    const reader = t.withIdentity({ subject: "auth-reader", email: "reader@example.test", name: "Reader" });
    await reader.mutation(api.users.ensureViewer, {});
    expect(await outcome(reader.query(api.posts.listForDashboard, { paginationOpts: { numItems: 5, cursor: null } }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(reader.mutation(api.posts.create, { title: "Mine", content: "x" }))).toBe("FORBIDDEN");
  });

  test("a member of another organization creates posts only in their own organization", async () => {
    const t = newBackend();
    const { other } = await matrix(t);
    const postId = await other.admin.as.mutation(api.posts.create, { title: "Theirs", content: "x" });
    expect((await other.admin.as.query(api.posts.get, { postId }))!.organizationId).toBe(other.organizationId);
  });
});
