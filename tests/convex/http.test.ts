import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { newBackend, type Backend } from "./setup";
import { matrix } from "./fixtures";

async function getPosts(t: Backend, headers: Record<string, string> = {}) {
  return await t.fetch("/api/v1/posts", { headers });
}

async function withKey() {
  const t = newBackend();
  const { home, other } = await matrix(t);
  const draft = await home.author.as.mutation(api.posts.create, { title: "Draft", content: "Draft body" });
  const live = await home.author.as.mutation(api.posts.create, { title: "Live", content: "Live body" });
  await home.author.as.mutation(api.posts.publish, { postId: live });
  await other.author.as.mutation(api.posts.create, { title: "Globex only", content: "x" });
  const { key, keyId } = await home.admin.as.mutation(api.apiKeys.create, { name: "Site build" });
  return { t, home, key, keyId, draft, live };
}

test("GET /api/v1/posts with a valid key answers 200 with the key's organization's posts, newest first", async () => {
  const { t, key, home, draft, live } = await withKey();
  const res = await getPosts(t, { Authorization: `Bearer ${key}` });
  expect(res.status).toBe(200);
  const { posts } = (await res.json()) as { posts: { _id: string; title: string; organizationId: string }[] };
  expect(posts.map((p) => p._id)).toEqual([live, draft]);
  expect(posts.every((p) => p.organizationId === home.organizationId)).toBe(true);
  expect(posts[0]).toMatchObject({ title: "Live", status: "published", content: "Live body", commentCount: 0 });
  const [listed] = await home.admin.as.query(api.apiKeys.list, {});
  expect(listed!.lastUsedAt).toBeTypeOf("number");
});

test.each([
  ["no Authorization header", {}],
  ["a Basic header", { Authorization: "Basic dXNlcjpwYXNz" }],
  ["an unknown key", { Authorization: "Bearer sk_abc_0123456789abcdef0123456789abcdef" }],
  ["a key with no scheme", { Authorization: "sk_abc_0123456789abcdef0123456789abcdef" }],
])("GET /api/v1/posts with %s answers 401 with no data", async (_, headers) => {
  const { t } = await withKey();
  const res = await getPosts(t, headers);
  expect(res.status).toBe(401);
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(["error"]);
});

test("a revoked key answers 401", async () => {
  const { t, home, key, keyId } = await withKey();
  expect((await getPosts(t, { Authorization: `Bearer ${key}` })).status).toBe(200);
  await home.admin.as.mutation(api.apiKeys.revoke, { keyId });
  const res = await getPosts(t, { Authorization: `Bearer ${key}` });
  expect(res.status).toBe(401);
  expect(await res.json()).not.toHaveProperty("posts");
});

test("CORS: preflight allows the Authorization header; responses carry Access-Control-Allow-Origin", async () => {
  const { t, key } = await withKey();
  const preflight = await t.fetch("/api/v1/posts", {
    method: "OPTIONS",
    headers: { Origin: "https://blog.example.test", "Access-Control-Request-Method": "GET" },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("https://blog.example.test");
  expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
  const res = await getPosts(t, { Authorization: `Bearer ${key}`, Origin: "https://blog.example.test" });
  expect(res.status).toBe(200);
  expect(res.headers.get("access-control-allow-origin")).toBe("https://blog.example.test");
});

test("an organization's allowed origins restrict browser calls with its keys", async () => {
  const { t, home, key } = await withKey();
  await home.admin.as.mutation(api.organizations.updateSettings, { allowedOrigins: ["https://blog.acme.test"] });
  const auth = { Authorization: `Bearer ${key}` };
  expect((await getPosts(t, { ...auth, Origin: "https://blog.acme.test" })).status).toBe(200);
  expect((await getPosts(t, { ...auth, Origin: "https://evil.example.test" })).status).toBe(403);
  // Servers send no Origin header.
  expect((await getPosts(t, auth)).status).toBe(200);
});

test("GET /api/health still answers, and Better Auth routes are still mounted", async () => {
  const t = newBackend();
  expect(await (await t.fetch("/api/health")).json()).toEqual({ status: "ok" });
  const session = await t.fetch("/api/auth/get-session", { headers: { origin: "http://localhost:5173" } });
  expect(session.status).toBe(200);
});
