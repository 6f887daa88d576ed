import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { insertOrganization, outcome } from "./fixtures";
import { authPost, PASSWORD, replyCookie, signUp } from "../../support/auth";
import { authSite, newBackend, type Backend } from "./setup";

/** The raw reply of the sign-up route. */
function signUpReply(t: Backend, email: string, name: string) {
  return authPost(authSite(t), "sign-up/email", { email, password: PASSWORD, name });
}

test.each([
  ["control characters in the name", "ok@example.test", "a\u0000b\u001bc"],
  ["a 100,000-character name", "ok@example.test", "n".repeat(100_000)],
  ["an 81-character name", "ok@example.test", "n".repeat(81)],
  ["a right-to-left override in the name", "ok@example.test", "Ada\u202Eevil"],
  ["a 5,000-character e-mail", `${"e".repeat(5000)}@example.test`, "Ada"],
  ["a control character in the e-mail", "a\u0001b@example.test", "Ada"],
])("sign-up refuses %s, with the rules of our functions, and creates no session", async (_, email, name) => {
  const t = newBackend();
  const res = await signUpReply(t, email, name);
  expect(res.status).toBe(400);
  expect(replyCookie(res)).not.toContain("session_token");
});

test("sign-up stores the trimmed name and the lower-cased address", async () => {
  const t = newBackend();
  const res = await signUpReply(t, "Ada@Example.TEST", "  Ada  ");
  expect(res.status).toBe(200);
  const { user } = (await res.json()) as { user: { email: string; name: string } };
  expect(user).toMatchObject({ email: "ada@example.test", name: "Ada" });
});

test("a later name change goes through the same rules", async () => {
  const t = newBackend();
  const { cookie } = await signUp(authSite(t), { email: "ada@example.test", name: "Ada", password: PASSWORD });
  const update = await authPost(authSite(t), "update-user", { name: "x\u0007y" }, cookie);
  expect(update.status).toBe(400);
});

const badPages: [string, { numItems: number; cursor: string | null }][] = [
  ["numItems NaN", { numItems: NaN, cursor: null }],
  ["numItems -1", { numItems: -1, cursor: null }],
  ["numItems 0", { numItems: 0, cursor: null }],
  ["numItems 1.5", { numItems: 1.5, cursor: null }],
  ["numItems above the cap", { numItems: 101, cursor: null }],
  ["a garbage cursor", { numItems: 10, cursor: "garbage" }],
  ["an empty cursor", { numItems: 10, cursor: "" }],
  ["a huge cursor", { numItems: 10, cursor: "c".repeat(5000) }],
];

test.each(badPages)("listPublished refuses %s with INVALID_ARGUMENT", async (_, paginationOpts) => {
  const t = newBackend();
  await insertOrganization(t, "acme");
  expect(await outcome(t.query(api.posts.listPublished, { organizationSlug: "acme", paginationOpts }))).toBe(
    "INVALID_ARGUMENT",
  );
});

test.each(badPages)("comments.list refuses %s with INVALID_ARGUMENT", async (_, paginationOpts) => {
  const t = newBackend();
  await insertOrganization(t, "acme");
  expect(
    await outcome(t.query(api.comments.list, { organizationSlug: "acme", postSlug: "hello-world", paginationOpts })),
  ).toBe("INVALID_ARGUMENT");
});

test("a page at the cap is fine", async () => {
  const t = newBackend();
  await insertOrganization(t, "acme");
  const page = await t.query(api.posts.listPublished, {
    organizationSlug: "acme",
    paginationOpts: { numItems: 100, cursor: null },
  });
  expect(page.page).toHaveLength(1);
});

test("a call Convex's own argument validation refuses is a plain error: no code, an ArgumentValidationError message", async () => {
  const t = newBackend();
  const error = await t
    .query(api.posts.listPublished, { organizationSlug: 5 as unknown as string, paginationOpts: { numItems: 1, cursor: null } })
    .then(() => null, (e: unknown) => e as { data?: unknown; message: string });
  expect(error).not.toBeNull();
  expect(error!.data).toBeUndefined();
  // Convex says "ArgumentValidationError: …"; convex-test (and so the local backend) "Validator error: …".
  expect(error!.message).toMatch(/ArgumentValidationError|Validator error/);
});
