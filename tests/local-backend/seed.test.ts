import { afterAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { LocalBackend } from "../../local-backend/server";
import { signedInClient } from "../../support/convex-client";
import { signIn, startTestBackend } from "./helpers";

let backend: LocalBackend | undefined;
afterAll(async () => {
  await backend?.close();
});

test("the first start seeds the demo and the seeded admin can sign in", async () => {
  backend = await startTestBackend({ seed: true });
  expect(backend.accounts.length).toBeGreaterThan(0);
  const { email, password } = backend.accounts[0]!;
  const admin = await signedInClient(backend.url, await signIn(backend.siteUrl, email, password));
  const viewer = await admin.query(api.users.viewer, {});
  expect(viewer).toMatchObject({ email, role: "admin", organizationSlug: "acme" });
  const feed = await admin.query(api.posts.listPublished, { organizationSlug: "acme", paginationOpts: { numItems: 5, cursor: null } });
  expect(feed.page.length).toBeGreaterThan(0);
  await admin.close();
});
