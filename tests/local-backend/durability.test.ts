/**
 * Acknowledged writes survive SIGKILL of the backend process. The backend runs as a child process
 * (the real CLI), on loopback, with a bounded number of kills and requests.
 */
import { appendFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ConvexClient } from "convex/browser";
import { afterAll, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { BackendProcess } from "../../support/backend-process";
import { nodeClient, signedInClient } from "../../support/convex-client";
import { signUp, spawnTestBackend, tempDataDir, waitFor } from "./helpers";
import { startProxy, type Proxy } from "./proxy";

const children: BackendProcess[] = [];
const proxies: Proxy[] = [];
afterAll(async () => {
  await Promise.all(children.map((child) => child.kill("SIGKILL")));
  await Promise.all(proxies.map((proxy) => proxy.close()));
});

async function spawn(dataDir: string, ports?: { port: number; sitePort: number }) {
  const child = await spawnTestBackend(dataDir, ports);
  children.push(child);
  return child;
}

const KILLS = 20;

test(`a mutation acknowledged right before SIGKILL is never lost (${KILLS} kills)`, { timeout: 240_000 }, async () => {
  const dataDir = tempDataDir();
  let backend = await spawn(dataDir);
  const ports = { port: backend.port, sitePort: backend.sitePort };
  const token = await signUp(backend.siteUrl, "durable@example.com", "Dora");
  const acked: { id: Id<"posts">; title: string }[] = [];
  for (let round = 0; round <= KILLS; round++) {
    const client = await signedInClient(backend.url, token);
    // Everything acknowledged before earlier kills is there, with its id.
    for (const { id, title } of acked) {
      expect((await client.query(api.posts.get, { postId: id }))?.title, `after ${round} kill(s)`).toBe(title);
    }
    if (round === KILLS) {
      await client.close();
      break;
    }
    if (round === 0) await client.mutation(api.organizations.create, { name: "Durable", slug: "durable" });
    const title = `Post ${round}`;
    const id = await client.mutation(api.posts.create, { title, content: "x", slug: `post-${round}` });
    backend.child.kill("SIGKILL");
    // A new id never repeats one handed out before.
    expect(acked.map((post) => post.id)).not.toContain(id);
    acked.push({ id, title });
    await backend.exited;
    void client.close();
    backend = await spawn(dataDir, ports);
  }
  expect(acked).toHaveLength(KILLS);
  await backend.kill();
});

test("a torn log tail is cut at the last whole record, with one line saying so; nothing before it is lost", { timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  let backend = await spawn(dataDir);
  const ports = { port: backend.port, sitePort: backend.sitePort };
  const token = await signUp(backend.siteUrl, "torn@example.com", "Tom");
  const client = await signedInClient(backend.url, token);
  await client.mutation(api.organizations.create, { name: "Torn", slug: "torn" });
  const id = await client.mutation(api.posts.create, { title: "Kept", content: "x" });
  backend.child.kill("SIGKILL");
  await backend.exited;
  void client.close();
  const log = join(dataDir, "log.bin");
  const whole = statSync(log).size;
  expect(whole).toBeGreaterThan(0);
  // Half a record: a header that promises more bytes than follow, as a crash mid-append leaves it.
  const header = Buffer.alloc(8);
  header.writeUInt32LE(1000, 0);
  appendFileSync(log, Buffer.concat([header, Buffer.from('{"ts":"1","compo')]));

  backend = await spawn(dataDir, ports);
  const lines = backend.output().split("\n").filter((line) => line.includes("torn or corrupt"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`cut at byte ${whole}`);
  const reader = await signedInClient(backend.url, token);
  expect((await reader.query(api.posts.get, { postId: id }))?.title).toBe("Kept");
  // The cut log keeps taking records.
  const second = await reader.mutation(api.posts.create, { title: "After", content: "x" });
  expect(second).not.toBe(id);
  await reader.close();
  await backend.kill();
  expect(readFileSync(join(dataDir, "snapshot.json"), "utf8")).toContain("After");
});

const USERS = 40;
const PER_USER = 5;

test(`${USERS * PER_USER} comments from ${USERS} clients through severed connections and one SIGKILL: exactly one each`, { timeout: 120_000 }, async () => {
  const dataDir = tempDataDir();
  let backend = await spawn(dataDir);
  const ports = { port: backend.port, sitePort: backend.sitePort };
  const proxy = await startProxy(backend.port);
  proxies.push(proxy);
  const owner = await signedInClient(backend.url, await signUp(backend.siteUrl, "owner@fault.test", "Owner"));
  await owner.mutation(api.organizations.create, { name: "Fault", slug: "fault" });
  // The writers are readers, not members: let the first comment start the thread.
  await owner.mutation(api.organizations.updateSettings, { autoCreateThreadsBy: "signedIn" });
  await owner.close();
  const tokens = await Promise.all(
    Array.from({ length: USERS }, (_, i) => signUp(backend.siteUrl, `user${i}@fault.test`, `User ${i}`)),
  );
  // Most writers go through the severing proxy; every fourth connects directly, so its writes are fresh when acknowledged.
  const direct = (user: number) => user % 4 === 0;
  const writers = await Promise.all(tokens.map((token, user) => signedInClient(direct(user) ? backend.url : proxy.url, token)));
  const readers: ConvexClient[] = [nodeClient(proxy.url), nodeClient(proxy.url), nodeClient(backend.url)];
  const thread = { organizationSlug: "fault", postSlug: "thread" };
  const total = USERS * PER_USER;
  /** The whole thread as `reader` sees it once it has converged, page by page (at most 100 a page). */
  const readAll = async (reader: ConvexClient) => {
    const all: { content: string; _id: string }[] = [];
    let cursor: string | null = null;
    while (all.length < total) {
      const want = Math.min(100, total - all.length);
      const paginationOpts: { numItems: number; cursor: string | null } = { numItems: 100, cursor };
      const page: { page: { content: string; _id: string }[]; isDone: boolean; continueCursor: string } = await waitFor(
        reader,
        api.comments.list,
        { ...thread, paginationOpts },
        (p) => p.page.length >= want,
        30_000,
      );
      all.push(...page.page);
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    return all;
  };

  const severing = setInterval(() => proxy.sever(), 150);
  let acks = 0;
  let killed: Promise<void> | null = null;
  const results = await Promise.all(
    writers.flatMap((client, user) =>
      Array.from({ length: PER_USER }, async (_, n) => {
        const content = `u${user}-c${n}`;
        const result = await client.mutation(api.comments.create, {
          organizationSlug: "fault",
          postSlug: "thread",
          content,
          clientRequestId: `req-${user}-${n}`,
        });
        acks += 1;
        // One SIGKILL, right after an acknowledgement, while the other submits are in flight.
        if (!killed && direct(user) && acks >= USERS) {
          backend.child.kill("SIGKILL");
          killed = backend.exited.then(async () => {
            backend = await spawn(dataDir, ports);
          });
        }
        return { content, id: result.commentId };
      }),
    ),
  );
  clearInterval(severing);
  expect(killed).not.toBeNull();
  await killed;

  const expected = new Map(results.map(({ content, id }) => [content, id]));
  expect(new Set(results.map((r) => r.id)).size).toBe(USERS * PER_USER);
  // Every subscriber (two through the proxy, one reconnecting straight to the restarted backend) converges.
  for (const reader of readers) {
    const list = await readAll(reader);
    expect(list).toHaveLength(total);
    const stored = new Map(list.map((comment) => [comment.content, comment._id]));
    expect(stored).toEqual(expected);
  }
  await Promise.all([...writers, ...readers].map((client) => client.close()));
  await backend.kill();
});
