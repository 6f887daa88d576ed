import { expect, test } from "vitest";
import { api, components } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { accountMails as mailbox, organizationWithTeam, outcome, signedUp, verifyEmail } from "./fixtures";
import { newBackend, type Backend } from "./setup";

async function invitationToken(t: Backend, to: string): Promise<string> {
  const mails = (await mailbox(t, to)).filter((m) => m.subject.startsWith("Invitation"));
  const match = /#invitation=([A-Za-z0-9_-]+)/.exec(mails.at(-1)?.text ?? "");
  if (!match) throw new Error(`no invitation mailed to ${to}`);
  return match[1]!;
}

async function membership(t: Backend, authId: string) {
  const row = await t.run((ctx) =>
    ctx.db.query("users").withIndex("by_authId", (q) => q.eq("authId", authId)).unique(),
  );
  return { organizationId: row?.organizationId, role: row?.role };
}

test("an invitation is accepted only by the account whose verified address it was sent to, once", async () => {
  const t = newBackend();
  const { admin, organizationId } = await organizationWithTeam(t, "acme");
  await admin.as.mutation(api.organizations.addMember, { email: "Eve@Example.test", role: "admin" });
  const token = await invitationToken(t, "eve@example.test");

  // Someone signs up with the invited address before its owner: no verification, no membership.
  const squatter = await signedUp(t, "eve@example.test", "Not Eve");
  await squatter.as.mutation(api.users.ensureViewer, {});
  expect(await outcome(squatter.as.mutation(api.organizations.acceptInvitation, { token }))).toBe("FORBIDDEN");
  expect(await membership(t, squatter.authId)).toMatchObject({ organizationId: undefined, role: "user" });
  expect(await outcome(squatter.as.query(api.organizations.webhookSecret, {}))).toBe("FORBIDDEN");

  // Another verified account cannot use Eve's token.
  const mallory = await signedUp(t, "mallory@example.test", "Mallory");
  await verifyEmail(t, "mallory@example.test");
  expect(await outcome(mallory.as.mutation(api.organizations.acceptInvitation, { token }))).toBe("FORBIDDEN");
  expect(await membership(t, mallory.authId)).toMatchObject({ organizationId: undefined });

  // Once the address is proven (the link in the mailbox), the invitation works, exactly once.
  await verifyEmail(t, "eve@example.test");
  expect(await squatter.as.mutation(api.organizations.acceptInvitation, { token })).toEqual({
    organizationId,
    organizationSlug: "acme",
  });
  expect(await membership(t, squatter.authId)).toEqual({ organizationId, role: "admin" });
  expect(await outcome(squatter.as.mutation(api.organizations.acceptInvitation, { token }))).toBe("NOT_FOUND");
  const [listed] = await admin.as.query(api.organizations.listInvitations, {});
  expect(listed).toMatchObject({ email: "eve@example.test", role: "admin", acceptedAt: expect.any(Number) });
  expect(JSON.stringify(listed)).not.toContain(token);
});

test("expired, revoked, replaced and garbage tokens are all NOT_FOUND and join nobody", async () => {
  const t = newBackend();
  const { admin } = await organizationWithTeam(t, "acme");
  const ivy = await signedUp(t, "ivy@example.test", "Ivy");
  await verifyEmail(t, "ivy@example.test");
  const invite = async () => {
    await admin.as.mutation(api.organizations.addMember, { email: "ivy@example.test", role: "user" });
    return await invitationToken(t, "ivy@example.test");
  };
  const latest = async () => (await admin.as.query(api.organizations.listInvitations, {}))[0]!._id as Id<"invitations">;

  const expired = await invite();
  await t.run(async (ctx) => ctx.db.patch(await latest(), { expiresAt: Date.now() - 1 }));
  expect(await outcome(ivy.as.mutation(api.organizations.acceptInvitation, { token: expired }))).toBe("NOT_FOUND");

  const revoked = await invite();
  await admin.as.mutation(api.organizations.revokeInvitation, { invitationId: await latest() });
  expect(await outcome(ivy.as.mutation(api.organizations.acceptInvitation, { token: revoked }))).toBe("NOT_FOUND");

  const replaced = await invite();
  await invite();
  expect(await outcome(ivy.as.mutation(api.organizations.acceptInvitation, { token: replaced }))).toBe("NOT_FOUND");

  for (const token of ["", "x".repeat(43), "../../etc"]) {
    expect(await outcome(ivy.as.mutation(api.organizations.acceptInvitation, { token }))).toBe("NOT_FOUND");
  }
  expect(await membership(t, ivy.authId)).toMatchObject({ organizationId: undefined });
  expect(await outcome(t.mutation(api.organizations.acceptInvitation, { token: replaced }))).toBe("UNAUTHENTICATED");
});

test("revokeInvitation acts on the admin's own organization only", async () => {
  const t = newBackend();
  const home = await organizationWithTeam(t, "acme");
  const other = await organizationWithTeam(t, "globex");
  await home.admin.as.mutation(api.organizations.addMember, { email: "x@example.test", role: "user" });
  const [invitation] = await home.admin.as.query(api.organizations.listInvitations, {});
  expect(await other.admin.as.query(api.organizations.listInvitations, {})).toEqual([]);
  expect(
    await outcome(other.admin.as.mutation(api.organizations.revokeInvitation, { invitationId: invitation!._id })),
  ).toBe("NOT_FOUND");
  expect(
    await outcome(home.member.as.mutation(api.organizations.revokeInvitation, { invitationId: invitation!._id })),
  ).toBe("FORBIDDEN");
  expect((await home.admin.as.query(api.organizations.listInvitations, {}))[0]).not.toHaveProperty("revokedAt");
  await home.admin.as.mutation(api.organizations.revokeInvitation, { invitationId: invitation!._id });
  expect((await home.admin.as.query(api.organizations.listInvitations, {}))[0]).toHaveProperty("revokedAt");
});

test("sign-up sends the verification link through the e-mail action; the address is unverified until opened", async () => {
  const t = newBackend();
  const { claims } = await signedUp(t, "new@example.test", "New");
  const [mail] = await mailbox(t, "new@example.test");
  expect(mail?.text).toMatch(/\/api\/auth\/verify-email\?token=/);
  const user = async () =>
    await t.run((ctx) =>
      ctx.runQuery(components.betterAuth.adapter.findOne, { model: "user", where: [{ field: "_id", value: claims.sub }] }),
    );
  expect(await user()).toMatchObject({ emailVerified: false });
  await verifyEmail(t, "new@example.test");
  expect(await user()).toMatchObject({ emailVerified: true });
});
