import { expect, test } from "vitest";
import { api, components, internal } from "../../convex/_generated/api";
import { authPost, PASSWORD, replyCookie } from "../../support/auth";
import { authSite, newBackend } from "./setup";

test("seed.demo creates a consistent demo organization, once", async () => {
  const t = newBackend();
  const summary = await t.mutation(internal.seed.demo, {});
  expect(summary).toMatchObject({ created: true, users: 5, posts: 7, publishedPosts: 6 });
  expect(summary.comments).toBeGreaterThanOrEqual(6);

  const organization = await t.query(api.organizations.getBySlug, { slug: "acme" });
  expect(organization).toMatchObject({ name: "Acme Blog", settings: { autoCreateThreads: true } });

  const data = await t.run(async (ctx) => ({
    users: await ctx.db.query("users").withIndex("by_email").collect(),
    posts: await ctx.db.query("posts").withIndex("by_organizationId_createdAt").collect(),
    comments: await ctx.db.query("comments").withIndex("by_postId_parentId_status_pinnedAt_createdAt").collect(),
  }));
  expect(data.users).toHaveLength(summary.users);
  expect(data.posts).toHaveLength(summary.posts);
  expect(data.comments).toHaveLength(summary.comments);
  // Each seeded person is a real Better Auth user (verified address), linked by authId.
  for (const user of data.users) {
    const authUser = await t.run((ctx) =>
      ctx.runQuery(components.betterAuth.adapter.findOne, { model: "user", where: [{ field: "_id", value: user.authId }] }),
    );
    expect(authUser).toMatchObject({ email: user.email, emailVerified: true });
  }
  const admin = data.users.find((u) => u.email === "admin@acme.test")!;
  expect(admin).toMatchObject({ name: "Ada Admin", role: "admin", organizationId: summary.organizationId });

  // Every post's count equals its visible comments, replies included; replies point at a top-level comment of the same post.
  for (const post of data.posts) {
    const own = data.comments.filter((c) => c.postId === post._id);
    expect({ slug: post.slug, count: post.commentCount }).toEqual({
      slug: post.slug,
      count: own.filter((c) => c.status === "visible").length,
    });
    for (const reply of own.filter((c) => c.parentId)) {
      const parent = own.find((c) => c._id === reply.parentId);
      expect(parent?.parentId).toBeUndefined();
    }
    for (const comment of own) {
      const author = data.users.find((u) => u._id === comment.authorId)!;
      expect(comment.authorName).toBe(author.name);
    }
  }
  expect(data.comments.some((c) => c.parentId)).toBe(true);

  const feed = await t.query(api.posts.listPublished, {
    organizationSlug: "acme",
    paginationOpts: { numItems: 20, cursor: null },
  });
  expect(feed.page).toHaveLength(6);
  expect(feed.page.at(-1)!.slug).toBe("hello-world");
  const hello = await t.query(api.posts.getBySlug, { organizationSlug: "acme", slug: "hello-world" });
  expect(hello!.commentCount).toBe(3);
  const threads = await t.query(api.comments.list, {
    organizationSlug: "acme",
    postSlug: "hello-world",
    paginationOpts: { numItems: 10, cursor: null },
  });
  // Eli's tip is pinned: it leads the thread, marked, before the older comment and its reply.
  expect(threads.page.map((c) => [c.authorName, c.pinnedAt !== undefined, c.replies.length])).toEqual([
    ["Eli Reader", true, 0],
    ["Dana Reader", false, 1],
  ]);
  // The blog post and its comments have reactions, counted and scored as readers' would be.
  const [pinned, older] = threads.page;
  const reactions = await t.query(api.reactions.counts, {
    organizationSlug: "acme",
    postSlug: "hello-world",
    commentIds: [older!._id, older!.replies[0]!._id, pinned!._id],
  });
  expect(reactions).toEqual([
    { targetId: hello!._id, counts: { hooray: 3, heart: 1, rocket: 2 } },
    { targetId: older!._id, counts: { thumbsUp: 3, heart: 1 } },
    { targetId: older!.replies[0]!._id, counts: { thumbsUp: 1 } },
    { targetId: pinned!._id, counts: { eyes: 1, laugh: 1 } },
  ]);
  const scores = await t.run(async (ctx) => [(await ctx.db.get(older!._id))!.reactionScore, (await ctx.db.get(pinned!._id))!.reactionScore]);
  expect(scores).toEqual([4, 2]);

  const again = await t.mutation(internal.seed.demo, {});
  expect(again).toMatchObject({ created: false, organizationId: summary.organizationId });
  const postsAfter = await t.run(async (ctx) => await ctx.db.query("posts").withIndex("by_organizationId_createdAt").collect());
  expect(postsAfter).toHaveLength(summary.posts);
});

test("signing up as a seeded address makes no second account: one users row per address", async () => {
  const t = newBackend();
  await t.mutation(internal.seed.demo, {});
  for (const email of ["admin@acme.test", " Dana@Example.test "]) {
    const res = await authPost(authSite(t), "sign-up/email", { email, password: PASSWORD, name: "Impostor" });
    expect(replyCookie(res), `no session for ${email}`).not.toContain("session_token");
    const signIn = await authPost(authSite(t), "sign-in/email", { email: email.trim(), password: PASSWORD });
    expect(signIn.status, `the impostor cannot sign in as ${email}`).not.toBe(200);
  }
  const rows = await t.run((ctx) =>
    ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", "admin@acme.test")).collect(),
  );
  expect(rows).toHaveLength(1);
});
