import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { newBackend, type Backend } from "./setup";
import { ADMIN_ONLY, matrix, organizationWithTeam, outcome, signedIn, type Caller, type CallerName } from "./fixtures";

async function organizations(t: Backend) {
  return await t.run(async (ctx) => await ctx.db.query("organizations").withIndex("by_slug").collect());
}
async function users(t: Backend) {
  return await t.run(async (ctx) => await ctx.db.query("users").withIndex("by_email").collect());
}

describe("create", () => {
  test("the creator becomes owner and admin; defaults are safe; the secret is random", async () => {
    const t = newBackend();
    const ada = signedIn(t, "Ada", "ada@example.test");
    const organizationId = await ada.mutation(api.organizations.create, { name: " Acme Blog ", slug: "acme" });
    const viewer = await ada.query(api.users.viewer, {});
    expect(viewer).toMatchObject({ role: "admin", organizationId, organizationSlug: "acme", email: "ada@example.test" });
    const [stored] = await organizations(t);
    expect(stored).toMatchObject({
      name: "Acme Blog",
      slug: "acme",
      ownerId: viewer!._id,
      settings: { allowGuestComments: false, preModeration: false, autoCreateThreads: true, allowedOrigins: [] },
    });
    expect(stored!.webhookSecret).toMatch(/^[A-Za-z0-9_-]{48}$/);

    const bob = signedIn(t, "Bob", "bob@example.test");
    await bob.mutation(api.organizations.create, { name: "Globex", slug: "globex" });
    const secrets = (await organizations(t)).map((o) => o.webhookSecret);
    expect(new Set(secrets).size).toBe(2);
  });

  test("a taken slug or a caller who already has an organization is a CONFLICT, writing nothing", async () => {
    const t = newBackend();
    const ada = signedIn(t, "Ada", "ada@example.test");
    await ada.mutation(api.organizations.create, { name: "Acme", slug: "acme" });
    expect(await outcome(ada.mutation(api.organizations.create, { name: "Second", slug: "second" }))).toBe("CONFLICT");
    const bob = signedIn(t, "Bob", "bob@example.test");
    expect(await outcome(bob.mutation(api.organizations.create, { name: "Acme too", slug: "acme" }))).toBe("CONFLICT");
    expect(await organizations(t)).toHaveLength(1);
    // Bob's failed attempt did not even leave a users row behind.
    expect((await users(t)).map((u) => u.email)).toEqual(["ada@example.test"]);
  });

  test.each([
    ["empty name", { name: " ", slug: "ok" }],
    ["long name", { name: "n".repeat(81), slug: "ok" }],
    ["bad slug", { name: "Ok", slug: "Bad Slug" }],
    ["double hyphen", { name: "Ok", slug: "a--b" }],
  ])("rejects %s with INVALID_ARGUMENT", async (_, args) => {
    const t = newBackend();
    const ada = signedIn(t, "Ada", "ada@example.test");
    expect(await outcome(ada.mutation(api.organizations.create, args))).toBe("INVALID_ARGUMENT");
    expect(await organizations(t)).toHaveLength(0);
  });
});

test("getBySlug is public and hides the secret and the allowed origins", async () => {
  const t = newBackend();
  const { admin, organizationId } = await organizationWithTeam(t, "acme");
  await admin.as.mutation(api.organizations.updateSettings, { allowedOrigins: ["https://blog.acme.test"] });
  const found = await t.query(api.organizations.getBySlug, { slug: "acme" });
  expect(found).toEqual({
    _id: organizationId,
    name: "acme Blog",
    slug: "acme",
    settings: { allowGuestComments: false, preModeration: false, autoCreateThreads: true },
  });
  expect(await t.query(api.organizations.getBySlug, { slug: "nobody" })).toBeNull();
});

describe("updateSettings", () => {
  test("changes only the given settings", async () => {
    const t = newBackend();
    const { admin } = await organizationWithTeam(t, "acme");
    await admin.as.mutation(api.organizations.updateSettings, {
      preModeration: true,
      allowedOrigins: ["https://blog.acme.test", "http://localhost:5173", "https://blog.acme.test"],
    });
    await admin.as.mutation(api.organizations.updateSettings, { allowGuestComments: true });
    const [stored] = await organizations(t);
    expect(stored!.settings).toEqual({
      allowGuestComments: true,
      preModeration: true,
      autoCreateThreads: true,
      allowedOrigins: ["https://blog.acme.test", "http://localhost:5173"],
    });
  });

  test.each(["blog.acme.test", "ftp://acme.test", "https://acme.test/", "https://acme.test/path", "*", "null"])(
    "refuses the origin %j",
    async (origin) => {
      const t = newBackend();
      const { admin } = await organizationWithTeam(t, "acme");
      expect(await outcome(admin.as.mutation(api.organizations.updateSettings, { allowedOrigins: [origin] }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect((await organizations(t))[0]!.settings.allowedOrigins).toEqual([]);
    },
  );
});

describe("addMember", () => {
  test("answers the same for every address and writes no users row: nobody joins without accepting", async () => {
    const t = newBackend();
    const { home, other } = await matrix(t);
    const reader = signedIn(t, "Rita", "rita@example.test");
    await reader.mutation(api.users.ensureViewer, {});
    const before = await users(t);
    // Unknown, a member of another organization, a member here, someone without an organization.
    for (const email of ["new@example.test", other.member.email, home.member.email, " Rita@Example.test "]) {
      expect(await home.admin.as.mutation(api.organizations.addMember, { email, role: "admin" })).toBeNull();
    }
    expect(await users(t)).toEqual(before);
    expect(await reader.query(api.users.viewer, {})).toMatchObject({ role: "user" });
    expect(await reader.query(api.users.viewer, {})).not.toHaveProperty("organizationId");
    // Rita can still found her own organization.
    await reader.mutation(api.organizations.create, { name: "Rita's", slug: "rita" });
  });

  test("a bad email is INVALID_ARGUMENT and writes nothing", async () => {
    const t = newBackend();
    const { home } = await matrix(t);
    for (const email of ["", "not-an-email", "a@b", `${"x".repeat(250)}@example.test`, "a\u0001b@example.test", "a\u202Eb@example.test"]) {
      expect(await outcome(home.admin.as.mutation(api.organizations.addMember, { email, role: "user" }))).toBe(
        "INVALID_ARGUMENT",
      );
    }
    const invitations = await t.run((ctx) => ctx.db.query("invitations").withIndex("by_tokenHash").collect());
    expect(invitations).toEqual([]);
  });
});

test("webhookSecret returns the organization's secret; rotation replaces it", async () => {
  const t = newBackend();
  const { admin } = await organizationWithTeam(t, "acme");
  const first = await admin.as.query(api.organizations.webhookSecret, {});
  expect(first).toBe((await organizations(t))[0]!.webhookSecret);
  const rotated = await admin.as.mutation(api.organizations.rotateWebhookSecret, {});
  expect(rotated).not.toBe(first);
  expect(await admin.as.query(api.organizations.webhookSecret, {})).toBe(rotated);
});

describe("authorization matrix", () => {
  type Expect = Record<CallerName, string>;
  const admins: Expect = ADMIN_ONLY;
  // otherMember is the admin of another organization: it acts on its own organization only.
  const ownAdmins: Expect = { ...admins, otherMember: "ok" };
  const everyone: Expect = { anonymous: "ok", otherMember: "ok", member: "ok", author: "ok", admin: "ok" };
  const createExpect: Expect = {
    anonymous: "UNAUTHENTICATED",
    otherMember: "CONFLICT",
    member: "CONFLICT",
    author: "CONFLICT",
    admin: "CONFLICT",
  };

  const cases: [string, Expect, (as: Caller | Backend) => Promise<unknown>][] = [
    ["create", createExpect, (as) => as.mutation(api.organizations.create, { name: "Fresh", slug: "fresh" })],
    ["getBySlug", everyone, (as) => as.query(api.organizations.getBySlug, { slug: "acme" })],
    ["updateSettings", ownAdmins, (as) => as.mutation(api.organizations.updateSettings, { preModeration: true })],
    [
      "updateSettings (spam rules)",
      ownAdmins,
      (as) => as.mutation(api.organizations.updateSettings, { blockedWords: ["casino"], maxLinks: 1 }),
    ],
    ["adminSettings", ownAdmins, (as) => as.query(api.organizations.adminSettings, {})],
    ["addMember", ownAdmins, (as) => as.mutation(api.organizations.addMember, { email: "x@example.test", role: "user" })],
    ["listInvitations", ownAdmins, (as) => as.query(api.organizations.listInvitations, {})],
    ["webhookSecret", ownAdmins, (as) => as.query(api.organizations.webhookSecret, {})],
    ["rotateWebhookSecret", ownAdmins, (as) => as.mutation(api.organizations.rotateWebhookSecret, {})],
  ];

  test.each(cases)("%s", async (_, expected, call) => {
    for (const [who, want] of Object.entries(expected) as [CallerName, string][]) {
      const t = newBackend();
      const { home, callers } = await matrix(t);
      const before = await organizations(t);
      expect({ who, got: await outcome(call(callers[who])) }).toEqual({ who, got: want });
      const acmeAfter = (await organizations(t)).find((o) => o._id === home.organizationId);
      if (who !== "admin") expect(acmeAfter).toEqual(before.find((o) => o._id === home.organizationId));
    }
  });

  test("an admin's settings, secret and members are those of their own organization", async () => {
    const t = newBackend();
    const { home, other } = await matrix(t);
    await other.admin.as.mutation(api.organizations.updateSettings, { preModeration: true });
    const secret = await other.admin.as.query(api.organizations.webhookSecret, {});
    const stored = await organizations(t);
    expect(stored.find((o) => o._id === other.organizationId)!.settings.preModeration).toBe(true);
    expect(stored.find((o) => o._id === home.organizationId)!.settings.preModeration).toBe(false);
    expect(secret).toBe(stored.find((o) => o._id === other.organizationId)!.webhookSecret);
  });
});
