import { createHmac } from "node:crypto";
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { LocalBackend } from "../../local-backend/server";
import { PAGE_ORIGIN } from "../../support/auth";
import { signUp, startTestBackend } from "./helpers";

let backend: LocalBackend;
let token: string;

beforeAll(async () => {
  backend = await startTestBackend();
  token = await signUp(backend.siteUrl, "http@example.com", "Hattie");
});

afterAll(async () => {
  await backend?.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${backend.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

test("the HTTP API answers 200 with the value, 560 with a function's error and its data", async () => {
  const ok = await post("/api/query", { path: "organizations:getBySlug", format: "convex_encoded_json", args: [{ slug: "none" }] });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ status: "success", value: null, logLines: [] });

  const failed = await post(
    "/api/mutation",
    { path: "organizations:create", format: "convex_encoded_json", args: [{ name: "X", slug: "x" }] },
  );
  expect(failed.status).toBe(560);
  expect(await failed.json()).toMatchObject({
    status: "error",
    errorData: { code: "UNAUTHENTICATED", message: "Sign in to continue." },
  });
  expect((await post("/api/query", "{not json")).status).toBe(400);
});

test("ConvexHttpClient works with a Bearer token; internal functions, the wrong kind and forged tokens are refused", async () => {
  const client = new ConvexHttpClient(backend.url);
  client.setAuth(token);
  const orgId = await client.mutation(api.organizations.create, { name: "Http Org", slug: "http-org" });
  expect(await client.query(api.users.viewer, {})).toMatchObject({ organizationId: orgId, role: "admin" });

  const internal = await client.mutation("accounts:anonymizeCommentsBatch" as never, { userId: "x" } as never).catch((e: Error) => e);
  expect(internal.message).toContain(
    "Could not find public function for 'accounts:anonymizeCommentsBatch'. Did you forget to run `npx convex dev` or `npx convex deploy`?",
  );
  const wrongKind = await client.query("organizations:create" as never, {} as never).catch((e: Error) => e);
  expect(wrongKind.message).toContain("as Query, but it is defined as Mutation");

  const forged = await post("/api/query", { path: "users:viewer", format: "convex_encoded_json", args: [{}] }, {
    authorization: `Bearer ${token.slice(0, -4)}AAAA`,
  });
  expect(forged.status).toBe(401);
});

test("HTTP actions keep status, headers (each Set-Cookie) and body", async () => {
  const health = await fetch(`${backend.siteUrl}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  const preflight = await fetch(`${backend.siteUrl}/api/auth/sign-in/email`, {
    method: "OPTIONS",
    headers: { origin: PAGE_ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  expect(preflight.status).toBeLessThan(300);
  expect(preflight.headers.get("access-control-allow-origin")).toBe(PAGE_ORIGIN);

  const signIn = await fetch(`${backend.siteUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: PAGE_ORIGIN },
    body: JSON.stringify({ email: "http@example.com", password: "correct horse battery" }),
  });
  expect(signIn.status).toBe(200);
  const cookies = signIn.headers.getSetCookie().map((cookie) => cookie.split("=")[0]);
  expect(cookies).toEqual(expect.arrayContaining(["better-auth.session_token", "better-auth.convex_jwt"]));

  const body = JSON.stringify({ id: "evt-1", type: "post.upsert", organization: "http-org", post: { slug: "a" } });
  const badSignature = await fetch(`${backend.siteUrl}/api/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature": `sha256=${createHmac("sha256", "wrong").update(body).digest("hex")}` },
    body,
  });
  expect(badSignature.status).toBe(401);
  expect((await fetch(`${backend.siteUrl}/api/v1/posts`)).status).toBe(401);
  expect((await fetch(`${backend.siteUrl}/nowhere`)).status).toBe(404);
});
