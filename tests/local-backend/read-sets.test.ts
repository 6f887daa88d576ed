import type { ConvexClient } from "convex/browser";
import type { Value } from "convex/values";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { LocalBackend } from "../../local-backend/server";
import { nodeClient, signedInClient } from "../../support/convex-client";
import { signUp, startTestBackend } from "./helpers";

let backend: LocalBackend;
let owner: ConvexClient;
const clients: ConvexClient[] = [];
const ORG = "reads-org";

beforeAll(async () => {
  backend = await startTestBackend();
  owner = await signedInClient(backend.url, await signUp(backend.siteUrl, "reads@example.com", "Rhea Reads"));
  clients.push(owner);
  await owner.mutation(api.organizations.create, { name: "Reads Org", slug: ORG });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await backend?.close();
});

function reader() {
  const client = nodeClient(backend.url);
  clients.push(client);
  return client;
}

/** Every execution of `udfPath` from now on, with its arguments. */
function executionsOf(udfPath: string) {
  const seen: Record<string, Value>[] = [];
  const stop = backend.onQueryExecuted((path, args) => {
    if (path === udfPath) seen.push(args);
  });
  return { seen, stop };
}

/** The latest value of a live subscription, by a projection. */
function live<T>(subscribe: (onValue: (value: T) => void) => unknown) {
  const values: T[] = [];
  subscribe((value) => values.push(value));
  return values;
}

const threadArgs = (postSlug: string) => ({ organizationSlug: ORG, postSlug, paginationOpts: { numItems: 10, cursor: null } });

async function comment(postSlug: string, content: string) {
  await owner.mutation(api.comments.create, { organizationSlug: ORG, postSlug, content, clientRequestId: content });
}

test("a comment on one post re-runs that post's thread and not another post's", async () => {
  await comment("post-a", "first on A");
  await comment("post-b", "first on B");
  const [readerA, readerB] = [reader(), reader()];
  const threadA = live<string[]>((on) => readerA.onUpdate(api.comments.list, threadArgs("post-a"), (t) => on(t.page.map((c) => c.content))));
  const threadB = live<string[]>((on) => readerB.onUpdate(api.comments.list, threadArgs("post-b"), (t) => on(t.page.map((c) => c.content))));
  await expect.poll(() => [threadA.at(-1), threadB.at(-1)]).toEqual([["first on A"], ["first on B"]]);

  const executions = executionsOf("comments:list");
  await comment("post-a", "second on A");
  await expect.poll(() => threadA.at(-1)).toEqual(["first on A", "second on A"]);
  // A query on B's connection is answered after anything the write queued for that connection.
  await readerB.query(api.organizations.getBySlug, { slug: ORG });
  executions.stop();

  const slugs = executions.seen.map((args) => args.postSlug);
  expect(slugs).toContain("post-a");
  expect(slugs).not.toContain("post-b");
  expect(threadB).toHaveLength(1);
});

test("a post leaving the feed's index range (unpublished) and one entering it (published) re-run the feed", async () => {
  async function published(title: string) {
    const postId = await owner.mutation(api.posts.create, { title, content: `About ${title}.` });
    await owner.mutation(api.posts.publish, { postId });
    return postId;
  }
  const alpha: Id<"posts"> = await published("Alpha");
  await published("Beta");
  const feed = live<string[]>((on) =>
    reader().onUpdate(api.posts.listPublished, { organizationSlug: ORG, paginationOpts: { numItems: 10, cursor: null } }, (page) =>
      on(page.page.map((post) => post.title)),
    ),
  );
  await expect.poll(() => feed.at(-1)).toEqual(["Beta", "Alpha"]);

  // Unpublished, Alpha no longer matches the range (status "published"): only its old version did.
  await owner.mutation(api.posts.unpublish, { postId: alpha });
  await expect.poll(() => feed.at(-1)).toEqual(["Beta"]);
  await owner.mutation(api.posts.publish, { postId: alpha });
  await expect.poll(() => feed.at(-1)).toEqual(["Alpha", "Beta"]);
});
