import { describe, expect, test, vi, afterEach } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { sha256Hex } from "../../convex/lib/crypto";
import { newBackend, type Backend } from "./setup";
import { ADMIN_ONLY, matrix, organizationWithTeam, outcome, type Caller, type CallerName } from "./fixtures";

afterEach(() => {
  vi.useRealTimers();
});

async function storedKeys(t: Backend) {
  return await t.run(async (ctx) => await ctx.db.query("apiKeys").withIndex("by_hashedKey").collect());
}

test("create returns the key once and stores only its SHA-256 and a display prefix", async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-01-02T03:04:05Z"));
  const t = newBackend();
  const { admin, organizationId } = await organizationWithTeam(t, "acme");
  const { keyId, key, prefix } = await admin.as.mutation(api.apiKeys.create, { name: " Build server " });
  const timestamp = Date.parse("2026-01-02T03:04:05Z").toString(36);
  expect(key).toMatch(new RegExp(`^sk_${timestamp}_[A-Za-z0-9_-]{32}$`));
  expect(key.startsWith(prefix)).toBe(true);
  expect(prefix.length).toBeLessThan(key.length - 20);

  const [stored] = await storedKeys(t);
  expect(stored).toMatchObject({ _id: keyId, name: "Build server", organizationId, prefix, createdBy: admin.userId });
  expect(stored!.hashedKey).toBe(await sha256Hex(key));
  expect(JSON.stringify(stored)).not.toContain(key);

  const second = await admin.as.mutation(api.apiKeys.create, { name: "Other" });
  expect(second.key).not.toBe(key);
});

test("sha256Hex matches the standard test vector", async () => {
  expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("list shows names, prefixes and dates, newest first, never hashes", async () => {
  vi.useFakeTimers();
  const t = newBackend();
  const { admin } = await organizationWithTeam(t, "acme");
  await admin.as.mutation(api.apiKeys.create, { name: "First" });
  vi.advanceTimersByTime(1000);
  const { keyId } = await admin.as.mutation(api.apiKeys.create, { name: "Second" });
  await admin.as.mutation(api.apiKeys.revoke, { keyId });
  const keys = await admin.as.query(api.apiKeys.list, {});
  expect(keys.map((k) => k.name)).toEqual(["Second", "First"]);
  expect(Object.keys(keys[0]!).sort()).toEqual(["_id", "createdAt", "name", "prefix", "revokedAt"]);
  expect(keys[1]!.revokedAt).toBeUndefined();
});

test("revoke sets revokedAt once; the internal lookup then finds nothing", async () => {
  vi.useFakeTimers();
  const t = newBackend();
  const { admin, organizationId } = await organizationWithTeam(t, "acme");
  const { keyId, key } = await admin.as.mutation(api.apiKeys.create, { name: "CI" });
  const hashedKey = await sha256Hex(key);
  expect(await t.query(internal.apiKeys.findActiveByHash, { hashedKey })).toEqual({
    keyId,
    organizationId,
    allowedOrigins: [],
    createdByAdmin: true,
  });
  await admin.as.mutation(api.apiKeys.revoke, { keyId });
  const revokedAt = (await storedKeys(t))[0]!.revokedAt;
  expect(revokedAt).toBeTypeOf("number");
  vi.advanceTimersByTime(5000);
  await admin.as.mutation(api.apiKeys.revoke, { keyId });
  expect((await storedKeys(t))[0]!.revokedAt).toBe(revokedAt);
  expect(await t.query(internal.apiKeys.findActiveByHash, { hashedKey })).toBeNull();
  expect(await t.query(internal.apiKeys.findActiveByHash, { hashedKey: "0".repeat(64) })).toBeNull();
});

test("touchLastUsed records use at most once a minute", async () => {
  vi.useFakeTimers();
  const t = newBackend();
  const { admin } = await organizationWithTeam(t, "acme");
  const { keyId } = await admin.as.mutation(api.apiKeys.create, { name: "CI" });
  await t.mutation(internal.apiKeys.touchLastUsed, { keyId });
  const first = (await storedKeys(t))[0]!.lastUsedAt;
  expect(first).toBe(Date.now());
  vi.advanceTimersByTime(30_000);
  await t.mutation(internal.apiKeys.touchLastUsed, { keyId });
  expect((await storedKeys(t))[0]!.lastUsedAt).toBe(first);
  vi.advanceTimersByTime(30_000);
  await t.mutation(internal.apiKeys.touchLastUsed, { keyId });
  expect((await storedKeys(t))[0]!.lastUsedAt).toBe(first! + 60_000);
});

test("bad names are INVALID_ARGUMENT and another organization's key is NOT_FOUND, writing nothing", async () => {
  const t = newBackend();
  const { home, other } = await matrix(t);
  for (const name of ["", "   ", "n".repeat(81), "tab\u0000"]) {
    expect(await outcome(home.admin.as.mutation(api.apiKeys.create, { name }))).toBe("INVALID_ARGUMENT");
  }
  expect(await storedKeys(t)).toHaveLength(0);
  const { keyId } = await other.admin.as.mutation(api.apiKeys.create, { name: "Theirs" });
  expect(await outcome(home.admin.as.mutation(api.apiKeys.revoke, { keyId }))).toBe("NOT_FOUND");
  expect((await storedKeys(t))[0]!.revokedAt).toBeUndefined();
  expect(await home.admin.as.query(api.apiKeys.list, {})).toEqual([]);
});

describe("authorization matrix", () => {
  type Expect = Record<CallerName, string>;
  const admins: Expect = ADMIN_ONLY;
  const cases: [string, Expect, (as: Caller | Backend, keyId: string) => Promise<unknown>][] = [
    // The other organization's admin creates and lists keys of its own organization only (checked above).
    ["create", { ...admins, otherMember: "ok" }, (as) => as.mutation(api.apiKeys.create, { name: "New" })],
    ["list", { ...admins, otherMember: "ok" }, (as) => as.query(api.apiKeys.list, {})],
    ["revoke", { ...admins, otherMember: "NOT_FOUND" }, (as, keyId) => as.mutation(api.apiKeys.revoke, { keyId: keyId as never })],
  ];
  test.each(cases)("%s", async (_, expected, call) => {
    for (const [who, want] of Object.entries(expected) as [CallerName, string][]) {
      const t = newBackend();
      const { home, callers } = await matrix(t);
      const { keyId } = await home.admin.as.mutation(api.apiKeys.create, { name: "Existing" });
      const before = (await storedKeys(t)).filter((k) => k.organizationId === home.organizationId);
      expect({ who, got: await outcome(call(callers[who], keyId)) }).toEqual({ who, got: want });
      if (who !== "admin") {
        expect((await storedKeys(t)).filter((k) => k.organizationId === home.organizationId)).toEqual(before);
      }
    }
  });
});
