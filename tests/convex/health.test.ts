import { expect, test } from "vitest";
import { newBackend } from "./setup";
import { signUpViaHttp } from "./auth-helpers";

test("GET /api/health answers ok", async () => {
  const t = newBackend();
  const res = await t.fetch("/api/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

test("sign-up through the Better Auth routes yields a Convex JWT whose subject is the Better Auth user id", async () => {
  const t = newBackend();
  const { token, authId, claims } = await signUpViaHttp(t, "ada@example.com", "Ada");
  expect(token.split(".")).toHaveLength(3);
  expect(authId).toMatch(/\w+/);
  // The token carries what functions read (subject, session, display name) and no e-mail address.
  expect(claims).not.toHaveProperty("email");
  expect(claims.name).toBe("Ada");
  expect(claims.sessionId).toMatch(/\w+/);
});
