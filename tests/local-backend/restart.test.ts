import { afterAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { LocalBackend } from "../../local-backend/server";
import { nodeClient, signedInClient } from "../../support/convex-client";
import { signIn, signUp, startTestBackend, tempDataDir } from "./helpers";
import { startLocalBackend } from "../../local-backend/server";

const running: LocalBackend[] = [];
afterAll(async () => {
  await Promise.all(running.map((backend) => backend.close()));
});

test("data survives a restart with the same ids and creation times; --reset starts clean", async () => {
  const dataDir = tempDataDir();
  const first = await startTestBackend({ dataDir });
  const token = await signUp(first.siteUrl, "kept@example.com", "Kept");
  const client = await signedInClient(first.url, token);
  await client.mutation(api.organizations.create, { name: "Kept Org", slug: "kept" });
  for (const n of [1, 2, 3]) {
    await client.mutation(api.comments.create, { organizationSlug: "kept", postSlug: "p", content: `c${n}`, clientRequestId: `r${n}` });
  }
  const args = { organizationSlug: "kept", postSlug: "p", paginationOpts: { numItems: 10, cursor: null } };
  const before = await client.query(api.comments.list, args);
  const viewerBefore = await client.query(api.users.viewer, {});
  await client.close();
  await first.close();

  // Same ports: the site URL is the JWT issuer the saved tokens name.
  const again = await startLocalBackend({ port: first.port, sitePort: first.sitePort, dataDir, seed: false, quiet: true });
  running.push(again);
  const reader = nodeClient(again.url);
  expect(await reader.query(api.comments.list, args)).toEqual(before);
  await reader.close();
  // The old token still verifies (the signing keys were kept) and a new sign-in works.
  const sameUser = await signedInClient(again.url, token);
  expect(await sameUser.query(api.users.viewer, {})).toEqual(viewerBefore);
  // New rows keep going after the restored ones.
  await sameUser.mutation(api.comments.create, { organizationSlug: "kept", postSlug: "p", content: "c4", clientRequestId: "r4" });
  const after = await sameUser.query(api.comments.list, args);
  expect(after.page.map((c) => c.content)).toEqual(["c1", "c2", "c3", "c4"]);
  expect(new Set(after.page.map((c) => c._id)).size).toBe(4);
  await sameUser.close();
  const fresh = await signedInClient(again.url, await signIn(again.siteUrl, "kept@example.com"));
  expect(await fresh.query(api.users.viewer, {})).toEqual(viewerBefore);
  await fresh.close();
  await again.close();
  running.pop();

  const reset = await startLocalBackend({ port: first.port, sitePort: first.sitePort, dataDir, seed: false, quiet: true, reset: true });
  running.push(reset);
  const empty = nodeClient(reset.url);
  expect(await empty.query(api.organizations.getBySlug, { slug: "kept" })).toBeNull();
  await empty.close();
});
