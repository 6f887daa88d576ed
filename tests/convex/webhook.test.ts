import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { hmacSha256Hex } from "../../convex/lib/crypto";
import { newBackend, type Backend } from "./setup";
import { organizationWithTeam } from "./fixtures";

afterEach(() => {
  vi.unstubAllEnvs();
});

async function send(t: Backend, raw: string, secret: string | null, headers: Record<string, string> = {}) {
  const signature: Record<string, string> =
    secret === null ? {} : { "X-Signature": `sha256=${await hmacSha256Hex(secret, raw)}` };
  return await t.fetch("/api/webhook", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...signature, ...headers },
    body: raw,
  });
}

async function setup() {
  const t = newBackend();
  const team = await organizationWithTeam(t, "acme");
  const secret = await team.admin.as.query(api.organizations.webhookSecret, {});
  return { t, team, secret };
}

const upsert = (id: string, post: Record<string, unknown>) =>
  JSON.stringify({ id, type: "post.upsert", organization: "acme", post });

async function postsAndEvents(t: Backend) {
  return await t.run(async (ctx) => ({
    posts: await ctx.db.query("posts").withIndex("by_organizationId_createdAt").collect(),
    events: await ctx.db.query("webhookEvents").withIndex("by_organizationId_eventId").collect(),
  }));
}

test("HMAC-SHA256 matches RFC 4231 test case 2", async () => {
  expect(await hmacSha256Hex("Jefe", "what do ya want for nothing?")).toBe(
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});

describe("POST /api/webhook", () => {
  test("a signed post.upsert creates a published article credited to the owner", async () => {
    const { t, team, secret } = await setup();
    const res = await send(t, upsert("evt-1", { slug: "from-cms", title: "From the CMS", content: "Hello **there**" }), secret);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, duplicate: false });
    const post = await t.query(api.posts.getBySlug, { organizationSlug: "acme", slug: "from-cms" });
    expect(post).toMatchObject({
      title: "From the CMS",
      content: "Hello **there**",
      kind: "article",
      status: "published",
      authorId: team.admin.userId,
      authorName: team.admin.name,
      commentCount: 0,
    });
    expect(post!.publishedAt).toBeTypeOf("number");
  });

  test("a replayed event id answers 200 with no second effect", async () => {
    const { t, secret } = await setup();
    const body = upsert("evt-1", { slug: "once", title: "Once", content: "First" });
    expect((await send(t, body, secret)).status).toBe(200);
    const before = await postsAndEvents(t);
    const replay = await send(t, body, secret);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    // Even a different body under the same id is ignored.
    const changed = await send(t, upsert("evt-1", { slug: "once", title: "Twice", content: "Second" }), secret);
    expect(await changed.json()).toEqual({ ok: true, duplicate: true });
    expect(await postsAndEvents(t)).toEqual(before);
    expect(before.events).toHaveLength(1);
  });

  test("upsert on an existing slug patches only the given fields; delete removes the post and its comments", async () => {
    const { t, secret } = await setup();
    await send(t, upsert("evt-1", { slug: "doc", title: "Doc", content: "v1" }), secret);
    const created = (await t.query(api.posts.getBySlug, { organizationSlug: "acme", slug: "doc" }))!;
    await send(t, upsert("evt-2", { slug: "doc", content: "v2" }), secret);
    const patched = (await t.query(api.posts.getBySlug, { organizationSlug: "acme", slug: "doc" }))!;
    expect(patched).toMatchObject({ _id: created._id, title: "Doc", content: "v2", publishedAt: created.publishedAt });

    await send(t, upsert("evt-3", { slug: "doc", status: "draft" }), secret);
    expect(await t.query(api.posts.getBySlug, { organizationSlug: "acme", slug: "doc" })).toBeNull();

    await t.run(async (ctx) => {
      await ctx.db.insert("comments", {
        postId: created._id,
        organizationId: created.organizationId,
        authorName: "Reader",
        content: "Nice",
        createdAt: 1,
        status: "visible",
      });
    });
    const del = JSON.stringify({ id: "evt-4", type: "post.delete", organization: "acme", post: { slug: "doc" } });
    expect((await send(t, del, secret)).status).toBe(200);
    const { posts, events } = await postsAndEvents(t);
    expect(posts).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(["post.upsert", "post.upsert", "post.upsert", "post.delete"]);
    expect(await t.run(async (ctx) => await ctx.db.query("comments").withIndex("by_postId_parentId_status_pinnedAt_createdAt").collect())).toEqual([]);
    // Deleting what is not there is fine.
    const again = JSON.stringify({ id: "evt-5", type: "post.delete", organization: "acme", post: { slug: "doc" } });
    expect((await send(t, again, secret)).status).toBe(200);
  });

  test("a WEBHOOK_SECRET environment variable signs for no organization", async () => {
    const { t } = await setup();
    vi.stubEnv("WEBHOOK_SECRET", "shared-deployment-secret");
    const res = await send(t, upsert("evt-env", { slug: "env", title: "Env", content: "Body" }), "shared-deployment-secret");
    expect(res.status).toBe(401);
    expect(await postsAndEvents(t)).toEqual({ posts: [], events: [] });
  });

  test("a rotated secret stops the old one", async () => {
    const { t, team, secret } = await setup();
    await team.admin.as.mutation(api.organizations.rotateWebhookSecret, {});
    expect((await send(t, upsert("evt-1", { slug: "a", title: "A", content: "B" }), secret)).status).toBe(401);
  });

  test.each([
    ["no signature", null, {}],
    ["a wrong secret", "not-the-secret", {}],
    ["a malformed header", null, { "X-Signature": "md5=abc" }],
    ["an all-zero signature", null, { "X-Signature": "sha256=" + "0".repeat(64) }],
  ])("401 with %s, and nothing written", async (_, secret, headers) => {
    const { t } = await setup();
    const res = await send(t, upsert("evt-1", { slug: "a", title: "A", content: "B" }), secret, headers);
    expect(res.status).toBe(401);
    expect(await postsAndEvents(t)).toEqual({ posts: [], events: [] });
  });

  test("401 with a signature of another body, and nothing written", async () => {
    const { t, secret } = await setup();
    const signed = upsert("evt-1", { slug: "a", title: "A", content: "B" });
    const sent = upsert("evt-2", { slug: "a", title: "A", content: "Changed in transit" });
    // A real signature with the organization's secret, of the body the sender signed.
    const signature = `sha256=${await hmacSha256Hex(secret, signed)}`;
    expect((await send(t, signed, null, { "X-Signature": signature })).status, "the signature is valid for its body").toBe(200);
    const before = await postsAndEvents(t);
    const res = await send(t, sent, null, { "X-Signature": signature });
    expect(res.status, "a signature of another body is refused").toBe(401);
    expect(await postsAndEvents(t), "nothing written for the altered body").toEqual(before);
  });

  test("401 for an unknown organization without the shared secret", async () => {
    const { t, secret } = await setup();
    const body = JSON.stringify({ id: "e", type: "post.upsert", organization: "nobody", post: { slug: "a" } });
    expect((await send(t, body, secret)).status).toBe(401);
  });

  test("400 for a body that is not JSON", async () => {
    const { t, secret } = await setup();
    const res = await send(t, "{not json", secret);
    expect(res.status).toBe(400);
    expect(await postsAndEvents(t)).toEqual({ posts: [], events: [] });
  });

  test.each([
    ["an unknown type", { id: "e", type: "post.publish", organization: "acme", post: { slug: "a" } }],
    ["a missing id", { type: "post.upsert", organization: "acme", post: { slug: "a", title: "A", content: "B" } }],
    ["a missing post", { id: "e", type: "post.upsert", organization: "acme" }],
    ["a numeric title", { id: "e", type: "post.upsert", organization: "acme", post: { slug: "a", title: 5, content: "B" } }],
    ["an unknown status", { id: "e", type: "post.upsert", organization: "acme", post: { slug: "a", title: "A", content: "B", status: "live" } }],
    ["a bad slug", { id: "e", type: "post.upsert", organization: "acme", post: { slug: "Bad Slug", title: "A", content: "B" } }],
    ["an empty title", { id: "e", type: "post.upsert", organization: "acme", post: { slug: "a", title: " ", content: "B" } }],
    ["a new post without content", { id: "e", type: "post.upsert", organization: "acme", post: { slug: "a", title: "A" } }],
  ])("422 for %s, and nothing written", async (_, body) => {
    const { t, secret } = await setup();
    const res = await send(t, JSON.stringify(body), secret);
    expect(res.status).toBe(422);
    expect(await postsAndEvents(t)).toEqual({ posts: [], events: [] });
  });

  test("a body naming no known organization is 401, whatever secret signed it", async () => {
    const { t, secret } = await setup();
    const unknown = JSON.stringify({ id: "e", type: "post.upsert", organization: "nobody", post: { slug: "a" } });
    const array = JSON.stringify(["post.upsert"]);
    vi.stubEnv("WEBHOOK_SECRET", "shared-deployment-secret");
    for (const key of [secret, "shared-deployment-secret"]) {
      expect((await send(t, array, key)).status).toBe(401);
      expect((await send(t, unknown, key)).status).toBe(401);
    }
    expect(await postsAndEvents(t)).toEqual({ posts: [], events: [] });
  });

  test("a rejected event can be sent again, fixed, under the same id", async () => {
    const { t, secret } = await setup();
    expect((await send(t, upsert("evt-1", { slug: "a", title: "A" }), secret)).status).toBe(422);
    expect((await send(t, upsert("evt-1", { slug: "a", title: "A", content: "B" }), secret)).status).toBe(200);
    expect((await postsAndEvents(t)).posts).toHaveLength(1);
  });

  test("answers CORS preflight", async () => {
    const { t } = await setup();
    const res = await t.fetch("/api/webhook", {
      method: "OPTIONS",
      headers: { Origin: "https://cms.example.test", "Access-Control-Request-Method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://cms.example.test");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toContain("X-Signature");
  });
});
