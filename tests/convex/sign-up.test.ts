/** Sign-up tells nobody whether an address has an account (issue: account enumeration). */
import { expect, test } from "vitest";
import { components } from "../../convex/_generated/api";
import { authPost, PASSWORD, replyCookie, signIn, signUp } from "../../support/auth";
import { authSite, newBackend, type Backend } from "./setup";

/** A JSON value with every leaf replaced by its type: what a client can tell apart besides the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shape(v)]));
  }
  return value === null ? "null" : typeof value;
}

async function reply(t: Backend, email: string, name = "  Second  ") {
  const res = await authPost(authSite(t), "sign-up/email", { email, name, password: "another password" });
  const body = (await res.json()) as { token: unknown; user?: { email?: string; name?: string } };
  return { status: res.status, body, headers: [...res.headers.keys()].sort(), cookie: replyCookie(res) };
}

test("sign-up answers an address that has an account exactly like a new one, and starts no session", async () => {
  const t = newBackend();
  await signUp(authSite(t), { email: "taken@example.test", name: "First", password: PASSWORD });

  const existing = await reply(t, "taken@example.test");
  const fresh = await reply(t, "fresh@example.test");

  expect(existing.status, "the same status").toBe(fresh.status);
  expect(existing.status).toBe(200);
  expect(shape(existing.body), "the same body shape").toEqual(shape(fresh.body));
  // Nothing stored either: Better Auth's stand-in for an existing address has an id of another format.
  expect(existing.body.user, "no id").not.toHaveProperty("id");
  expect([existing.body.token, fresh.body.token]).toEqual([null, null]);
  expect([existing.body.user?.email, fresh.body.user?.email]).toEqual(["taken@example.test", "fresh@example.test"]);
  expect([existing.body.user?.name, fresh.body.user?.name], "the name checked and trimmed alike").toEqual(["Second", "Second"]);
  expect(existing.headers, "the same headers").toEqual(fresh.headers);
  expect(existing.cookie, "no session for the existing address").toBe("");
  expect(fresh.cookie, "no session from sign-up itself").toBe("");

  // The existing account is untouched: its own password still signs in, the second one does not.
  await signIn(authSite(t), { email: "taken@example.test", password: PASSWORD });
  const impostor = await authPost(authSite(t), "sign-in/email", { email: "taken@example.test", password: "another password" });
  expect(impostor.status).toBe(401);
  expect(replyCookie(impostor)).not.toContain("session_token");
  const accounts = await t.run((ctx) =>
    ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "user",
      where: [{ field: "email", value: "taken@example.test" }],
      paginationOpts: { numItems: 10, cursor: null },
    }),
  );
  expect(accounts.page.map((user: { name: string }) => user.name)).toEqual(["First"]);

  // The new address signs in with the password it chose: sign-up, then sign-in, as the elements do.
  await signIn(authSite(t), { email: "fresh@example.test", password: "another password" });
});

test("a name sign-up refuses is refused for an address that has an account too", async () => {
  const t = newBackend();
  await signUp(authSite(t), { email: "taken@example.test", name: "First", password: PASSWORD });

  const existing = await reply(t, "taken@example.test", "a\u0000b");
  const fresh = await reply(t, "fresh@example.test", "a\u0000b");

  expect(existing.status).toBe(400);
  expect(existing.body, "the same refusal").toEqual(fresh.body);
  expect(existing.headers).toEqual(fresh.headers);
});
