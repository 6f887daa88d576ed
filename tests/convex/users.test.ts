import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { newBackend, type Backend } from "./setup";
import { ADMIN_ONLY, matrix, organizationWithTeam, outcome, signedIn, type Caller, type CallerName } from "./fixtures";

async function users(t: Backend) {
  return await t.run(async (ctx) => await ctx.db.query("users").withIndex("by_email").collect());
}

test("viewer is null for anonymous readers and before the first ensureViewer", async () => {
  const t = newBackend();
  expect(await t.query(api.users.viewer, {})).toBeNull();
  const ada = signedIn(t, "Ada", "ada@example.test");
  expect(await ada.query(api.users.viewer, {})).toBeNull();
});

test("ensureViewer creates the row once, keyed by the JWT subject, and returns only the caller's own data", async () => {
  const t = newBackend();
  const ada = t.withIdentity({ subject: "better-auth-user-1", email: "Ada@Example.test", name: "Ada" });
  const first = await ada.mutation(api.users.ensureViewer, {});
  const again = await ada.mutation(api.users.ensureViewer, {});
  expect(again).toEqual(first);
  expect(first).toEqual({ _id: first._id, name: "Ada", email: "ada@example.test", role: "user" });
  expect(await ada.query(api.users.viewer, {})).toEqual(first);
  expect((await users(t)).map((u) => u.authId)).toEqual(["better-auth-user-1"]);
  expect(await outcome(t.mutation(api.users.ensureViewer, {}))).toBe("UNAUTHENTICATED");
});

test("viewer includes the organization's slug for members", async () => {
  const t = newBackend();
  const { member, organizationId } = await organizationWithTeam(t, "acme");
  expect(await member.as.query(api.users.viewer, {})).toEqual({
    _id: member.userId,
    name: member.name,
    email: member.email,
    role: "user",
    organizationId,
    organizationSlug: "acme",
  });
});

describe("listMembers and setRole", () => {
  test("listMembers lists the admin's organization only, emails included", async () => {
    const t = newBackend();
    const { home } = await matrix(t);
    const members = await home.admin.as.query(api.users.listMembers, {});
    expect(members.map((m) => m.email).sort()).toEqual([home.admin.email, home.author.email, home.member.email].sort());
    expect(members.find((m) => m._id === home.admin.userId)).toEqual({
      _id: home.admin.userId,
      name: home.admin.name,
      email: home.admin.email,
      role: "admin",
    });
  });

  test("setRole promotes and demotes members, but the owner stays admin", async () => {
    const t = newBackend();
    const { admin, member } = await organizationWithTeam(t, "acme");
    await admin.as.mutation(api.users.setRole, { userId: member.userId, role: "admin" });
    expect((await member.as.query(api.users.viewer, {}))!.role).toBe("admin");
    // The promoted admin can demote other admins, except the owner.
    expect(await outcome(member.as.mutation(api.users.setRole, { userId: admin.userId, role: "user" }))).toBe("FORBIDDEN");
    expect(await outcome(admin.as.mutation(api.users.setRole, { userId: admin.userId, role: "user" }))).toBe("FORBIDDEN");
    expect((await admin.as.query(api.users.viewer, {}))!.role).toBe("admin");
    await admin.as.mutation(api.users.setRole, { userId: member.userId, role: "user" });
    expect((await member.as.query(api.users.viewer, {}))!.role).toBe("user");
  });

  test("setRole on someone outside the organization is NOT_FOUND and changes nothing", async () => {
    const t = newBackend();
    const { home, other } = await matrix(t);
    const before = await users(t);
    expect(await outcome(home.admin.as.mutation(api.users.setRole, { userId: other.member.userId, role: "admin" }))).toBe(
      "NOT_FOUND",
    );
    expect(await users(t)).toEqual(before);
  });

  type Expect = Record<CallerName, string>;
  const admins: Expect = ADMIN_ONLY;
  const cases: [string, Expect, (as: Caller | Backend, target: string) => Promise<unknown>][] = [
    ["viewer", { anonymous: "ok", otherMember: "ok", member: "ok", author: "ok", admin: "ok" }, (as) => as.query(api.users.viewer, {})],
    ["ensureViewer", { anonymous: "UNAUTHENTICATED", otherMember: "ok", member: "ok", author: "ok", admin: "ok" }, (as) => as.mutation(api.users.ensureViewer, {})],
    // otherMember administers its own organization: it lists its own members, which the next test checks.
    ["listMembers", { ...admins, otherMember: "ok" }, (as) => as.query(api.users.listMembers, {})],
    // The target is a member of acme: to the other organization's admin it does not exist.
    ["setRole", { ...admins, otherMember: "NOT_FOUND" }, (as, target) => as.mutation(api.users.setRole, { userId: target as never, role: "admin" })],
  ];

  test.each(cases)("authorization matrix: %s", async (_, expected, call) => {
    for (const [who, want] of Object.entries(expected) as [CallerName, string][]) {
      const t = newBackend();
      const { home, callers } = await matrix(t);
      const before = await users(t);
      const got = await outcome(call(callers[who], home.member.userId));
      expect({ who, got }).toEqual({ who, got: want });
      if (want !== "ok") expect(await users(t)).toEqual(before);
    }
  });

  test("listMembers never shows another organization's people", async () => {
    const t = newBackend();
    const { home, other } = await matrix(t);
    const theirs = await other.admin.as.query(api.users.listMembers, {});
    expect(theirs.map((m) => m.email)).not.toContain(home.member.email);
    expect(theirs).toHaveLength(3);
  });
});
