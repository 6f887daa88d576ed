import type { ConvexClient } from "convex/browser";
import { convexToJson, jsonToConvex } from "convex/values";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { LocalBackend } from "../../local-backend/server";
import type { SyncMetrics } from "../../local-backend/sync-metrics";
import { nodeClient, signedInClient } from "../../support/convex-client";
import { signUp, startTestBackend, syncMetrics, syncSocket } from "./helpers";

let backend: LocalBackend;
let owner: ConvexClient;
let commentId: Id<"comments">;
const clients: ConvexClient[] = [];
const ORG = "fan-out-org";
const POST = "fan-out";
const threadArgs = { organizationSlug: ORG, postSlug: POST, paginationOpts: { numItems: 10, cursor: null } };

beforeAll(async () => {
  backend = await startTestBackend();
  owner = await signedInClient(backend.url, await signUp(backend.siteUrl, "fan@example.com", "Fay Fanout"));
  clients.push(owner);
  await owner.mutation(api.organizations.create, { name: "Fan-out Org", slug: ORG });
  await owner.mutation(api.comments.create, { organizationSlug: ORG, postSlug: POST, content: "first", clientRequestId: "first" });
  commentId = (await owner.query(api.comments.list, threadArgs)).page[0]!._id;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await backend?.close();
});

/** A reader holding the thread: resolves `shows(content)` once its first comment reads `content`. */
function threadReader() {
  const client = nodeClient(backend.url);
  clients.push(client);
  let shown: string | undefined;
  const waiters = new Set<() => void>();
  client.onUpdate(api.comments.list, threadArgs, (thread) => {
    shown = thread.page[0]?.content;
    waiters.forEach((wake) => wake());
  });
  const shows = (content: string | null) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (shown === undefined || (content !== null && shown !== content)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return { client, shows };
}

/** What one edit of the thread's first comment costs the sync server with `count` readers of the thread. */
async function editSeenBy(count: number, content: string) {
  const readers = Array.from({ length: count }, threadReader);
  await Promise.all(readers.map((reader) => reader.shows(null)));
  const before = await syncMetrics(backend.url);
  await owner.mutation(api.comments.edit, { commentId, content });
  await Promise.all(readers.map((reader) => reader.shows(content)));
  const after = await syncMetrics(backend.url);
  await Promise.all(readers.map((reader) => reader.client.close()));
  const delta = (field: keyof SyncMetrics) => after[field] - before[field];
  return { executions: delta("executions"), framesEncoded: delta("framesEncoded"), transitions: delta("transitions") };
}

test("an edit executes the thread once and encodes its frame once, for 1 reader as for 50", async () => {
  const one = await editSeenBy(1, "seen by one");
  const fifty = await editSeenBy(50, "seen by fifty");
  expect(one.executions).toBeGreaterThan(0);
  expect(fifty.executions).toBe(one.executions);
  // The readers are in the same state (versions, queries): one frame for all of them, one for the writer.
  expect(fifty.framesEncoded).toBe(one.framesEncoded);
  expect(fifty.transitions - one.transitions).toBe(49);
});

test("sessions at different query-set versions sharing a result each get Transitions chained from their own versions", async () => {
  const add = (queryId: number, udfPath: string, args: object) => ({ type: "Add", queryId, udfPath, args: [convexToJson(args as any)] });
  const connect = { type: "Connect", connectionCount: 0, lastCloseReason: null };
  // A holds the thread as query 0 at query-set version 1; B first adds an organization lookup, then the thread as query 0 too, at version 2.
  const a = await syncSocket(backend.url);
  a.send({ ...connect, sessionId: "00000000-0000-0000-0000-00000000000a" });
  a.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "comments:list", threadArgs)] });
  const b = await syncSocket(backend.url);
  b.send({ ...connect, sessionId: "00000000-0000-0000-0000-00000000000b" });
  b.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(1, "organizations:getBySlug", { slug: ORG })] });
  const firstA = await a.next("Transition");
  const firstB = await b.next("Transition");
  b.send({ type: "ModifyQuerySet", baseVersion: 1, newVersion: 2, modifications: [add(0, "comments:list", threadArgs)] });
  const secondB = await b.next("Transition");
  expect(firstA.endVersion.querySet).toBe(1);
  expect(secondB.startVersion).toEqual(firstB.endVersion);
  expect(secondB.endVersion.querySet).toBe(2);

  const before = await syncMetrics(backend.url);
  await owner.mutation(api.comments.edit, { commentId, content: "seen by both sockets" });
  const [editA, editB] = [await a.next("Transition"), await b.next("Transition")];
  const after = await syncMetrics(backend.url);
  a.close();
  b.close();

  expect(editA.startVersion).toEqual(firstA.endVersion);
  expect(editA.endVersion).toMatchObject({ querySet: 1, identity: 0 });
  expect(editB.startVersion).toEqual(secondB.endVersion);
  expect(editB.endVersion).toMatchObject({ querySet: 2, identity: 0 });
  expect(editB.endVersion.ts).toBe(editA.endVersion.ts);
  for (const edit of [editA, editB]) {
    expect(edit.modifications).toHaveLength(1);
    expect(edit.modifications[0]).toMatchObject({ type: "QueryUpdated", queryId: 0 });
    const thread = jsonToConvex(edit.modifications[0].value) as { page: { content: string }[] };
    expect(thread.page[0]!.content).toBe("seen by both sockets");
  }
  // One execution of the thread serves both; their frames differ only by their versions.
  expect(after.executions - before.executions).toBe(1);
  expect(after.framesEncoded - before.framesEncoded).toBeGreaterThanOrEqual(2);
});
