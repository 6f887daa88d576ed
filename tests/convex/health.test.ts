import { expect, test } from "vitest";
import { newBackend } from "./setup";
import { decodeJwt } from "jose";
import { components } from "../../convex/_generated/api";
import { PAGE_ORIGIN, PASSWORD, signUp } from "../../support/auth";
import { authSite } from "./setup";

test("GET /api/health answers ok", async () => {
  const t = newBackend();
  const res = await t.fetch("/api/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

test("sign-up through the Better Auth routes yields a Convex JWT whose subject is the Better Auth user id", async () => {
  const t = newBackend();
  const { cookie } = await signUp(authSite(t), { email: "ada@example.com", password: PASSWORD, name: "Ada" });

  // The user id as Better Auth stores it and reports it for the session, independently of the token.
  const { _id: userId } = (await t.run((ctx) =>
    ctx.runQuery(components.betterAuth.adapter.findOne, { model: "user", where: [{ field: "email", value: "ada@example.com" }] }),
  )) as { _id: string };
  const session = await t.fetch("/api/auth/get-session", { headers: { origin: PAGE_ORIGIN, "better-auth-cookie": cookie } });
  const { user: sessionUser } = (await session.json()) as { user: { id: string } };
  expect(sessionUser.id).toBe(userId);

  const tokenRes = await t.fetch("/api/auth/convex/token", { headers: { origin: PAGE_ORIGIN, "better-auth-cookie": cookie } });
  expect(tokenRes.status).toBe(200);
  const { token } = (await tokenRes.json()) as { token: string };
  expect(token.split(".")).toHaveLength(3);
  const claims = decodeJwt(token);
  expect(claims.sub, "the token's subject is the Better Auth user id").toBe(userId);
  // The token carries what functions read (subject, session, display name) and no e-mail address.
  expect(claims).not.toHaveProperty("email");
  expect(claims.name).toBe("Ada");
  expect(claims.sessionId).toMatch(/\w+/);
});
