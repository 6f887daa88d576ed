import type { ConvexClient } from "convex/browser";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { LocalBackend } from "../../local-backend/server";
import { nodeClient, signedInClient } from "../../support/convex-client";
import { signUp, startTestBackend, waitFor } from "./helpers";

let backend: LocalBackend;
const clients: ConvexClient[] = [];
let owner: ConvexClient;
const ORG = "sync-org";

function track(client: ConvexClient) {
  clients.push(client);
  return client;
}

beforeAll(async () => {
  backend = await startTestBackend();
  owner = track(await signedInClient(backend.url, await signUp(backend.siteUrl, "owner@example.com", "Olga Owner")));
  await owner.mutation(api.organizations.create, { name: "Sync Org", slug: ORG });
  // Readers (not members) start threads on these pages.
  await owner.mutation(api.organizations.updateSettings, { autoCreateThreadsBy: "signedIn" });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await backend?.close();
});

const threadArgs = (postSlug: string, numItems = 10, cursor: string | null = null) => ({
  organizationSlug: ORG,
  postSlug,
  paginationOpts: { numItems, cursor },
});

test("a comment posted by a signed-in client reaches another client's live thread", async () => {
  const reader = track(nodeClient(backend.url));
  const empty = await waitFor(reader, api.comments.list, threadArgs("live"), () => true);
  expect(empty.page).toEqual([]);

  const token = await signUp(backend.siteUrl, "ada@example.com", "Ada");
  const writer = track(nodeClient(backend.url));
  const authChanges: boolean[] = [];
  await new Promise<void>((resolve) => writer.setAuth(async () => token, (ok) => (authChanges.push(ok), resolve())));
  expect(authChanges).toEqual([true]);

  const seen = waitFor(reader, api.comments.list, threadArgs("live"), (page) => page.page.length === 1);
  const { status } = await writer.mutation(api.comments.create, {
    organizationSlug: ORG,
    postSlug: "live",
    content: "Hello from Ada",
    clientRequestId: "live-1",
  });
  expect(status).toBe("visible");
  const thread = await seen;
  expect(thread.page[0]).toMatchObject({ authorName: "Ada", content: "Hello from Ada", replies: [] });
  const viewer = await writer.query(api.users.viewer, {});
  expect(viewer).toMatchObject({ name: "Ada", email: "ada@example.com", role: "user" });
});

test("a live page keeps its boundaries while rows are inserted and removed", async () => {
  const published: string[] = [];
  async function publish(title: string) {
    const postId = await owner.mutation(api.posts.create, { title, content: `About ${title}.` });
    await owner.mutation(api.posts.publish, { postId });
    published.push(title);
    return postId;
  }
  for (const title of ["One", "Two", "Three", "Four"]) await publish(title);

  const reader = track(nodeClient(backend.url));
  const feed = (numItems: number, cursor: string | null) => ({ organizationSlug: ORG, paginationOpts: { numItems, cursor } });
  const first = await waitFor(reader, api.posts.listPublished, feed(2, null), () => true);
  expect(first.page.map((post) => post.title)).toEqual(["Four", "Three"]);
  const second = await waitFor(reader, api.posts.listPublished, feed(2, first.continueCursor), () => true);
  expect(second.page.map((post) => post.title)).toEqual(["Two", "One"]);

  const pages: Record<string, string[]> = {};
  const firstCursors: string[] = [];
  reader.onUpdate(api.posts.listPublished, feed(2, null), (page) => {
    pages.first = page.page.map((post) => post.title);
    firstCursors.push(page.continueCursor);
  });
  reader.onUpdate(api.posts.listPublished, feed(2, first.continueCursor), (page) => {
    pages.second = page.page.map((post) => post.title);
  });

  // A newer post joins the top of the first page instead of pushing "Three" onto the second.
  await publish("Five");
  await expect.poll(() => pages.first).toEqual(["Five", "Four", "Three"]);
  expect(pages.second).toEqual(["Two", "One"]);

  // The row at the first page's end goes away: the page still ends where it did.
  await owner.mutation(api.posts.unpublish, { postId: first.page[1]!._id });
  await expect.poll(() => pages.first).toEqual(["Five", "Four"]);
  expect(pages.second).toEqual(["Two", "One"]);
  expect(new Set(firstCursors)).toEqual(new Set([first.continueCursor]));
});

test("a ConvexError reaches the client with its data", async () => {
  const error = await owner.mutation(api.organizations.create, { name: "Again", slug: "another" }).catch((e) => e);
  expect(error.data).toEqual({ code: "CONFLICT", message: "You already belong to an organization." });

  const anonymous = track(nodeClient(backend.url));
  const failed = await new Promise<Error & { data?: unknown }>((resolve) =>
    anonymous.onUpdate(api.users.listMembers, {}, () => {}, resolve),
  );
  expect(failed.data).toMatchObject({ code: "UNAUTHENTICATED" });
});

test("internal and unknown functions are refused over sync", async () => {
  const error = await owner
    .mutation("accounts:anonymizeCommentsBatch" as never, { userId: "x" } as never)
    .catch((e: Error) => e);
  expect(error.message).toContain(
    "Could not find public function for 'accounts:anonymizeCommentsBatch'. Did you forget to run `npx convex dev` or `npx convex deploy`?",
  );
  const unknown = await owner.query("nowhere:nothing" as never, {} as never).catch((e: Error) => e);
  expect(unknown.message).toContain("Could not find public function for 'nowhere:nothing'");
});

test("a forged token is refused: the auth callback reports false and the identity stays anonymous", async () => {
  const token = await signUp(backend.siteUrl, "mallory@example.com", "Mallory");
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  const forged = [header, Buffer.from(JSON.stringify({ ...claims, sub: "someone-else" })).toString("base64url"), signature].join(".");

  const client = track(nodeClient(backend.url));
  const ok = await new Promise<boolean>((resolve) => client.setAuth(async () => forged, resolve));
  expect(ok).toBe(false);
  expect(await client.query(api.users.viewer, {})).toBeNull();
});

test("a scheduled function runs and its writes reach subscribers", async () => {
  const token = await signUp(backend.siteUrl, "leaving@example.com", "Lea Ving");
  const leaving = track(await signedInClient(backend.url, token));
  await leaving.mutation(api.comments.create, {
    organizationSlug: ORG,
    postSlug: "farewell",
    content: "Goodbye",
    clientRequestId: "bye-1",
  });
  const reader = track(nodeClient(backend.url));
  await waitFor(reader, api.comments.list, threadArgs("farewell"), (t) => t.page[0]?.authorName === "Lea Ving");

  // deleteAccount schedules the anonymizing batch (runAfter 0); nobody calls it directly.
  await leaving.mutation(api.accounts.deleteAccount, {});
  const anonymized = await waitFor(reader, api.comments.list, threadArgs("farewell"), (t) => t.page[0]?.authorName === "Deleted user");
  expect(anonymized.page[0]!.authorId).toBeUndefined();
});
