/**
 * A share of the live section's subscribers, in a child process of its own so that one Node process
 * does not decode every subscriber's update in turn (a page holds one client; a thousand readers are
 * a thousand browsers). Each client subscribes to its thread's first page; told the text an edit
 * writes, each reports when its page showed it, on the machine's clock (ms since the epoch).
 *
 *   node --import tsx bench/lib/live-readers.ts <deployment url> <organization> <slugs as JSON> <reactions as JSON>
 *
 * With reactions ({ commentIds, targetId }, else null) each client also holds the page's reaction
 * counts and the expected text is the ❤️ count on `targetId`.
 *
 * Messages in: { expect: text, clients: indexes } | { close: true }. Out: { ready: true } once every
 * subscription has its first result, { expecting: true, cpuMs } once told (this process's CPU time so
 * far, user + system), { arrived: index, at } per client and edit.
 */
import type { ConvexClient } from "convex/browser";
import { api } from "../../convex/_generated/api";
import { nodeClient } from "../../support/convex-client";

export type ReaderMessage = { expect: string; clients: number[] } | { close: true };
export type ReactionWatch = { commentIds: string[]; targetId: string };
export type ReaderReport = { ready: true } | { expecting: true; cpuMs: number } | { arrived: number; at: number };

const [url, org, slugsJson, reactionsJson] = process.argv.slice(2);
const slugs = JSON.parse(slugsJson!) as string[];
const reactions = JSON.parse(reactionsJson ?? "null") as ReactionWatch | null;
const send = (report: ReaderReport) => process.send!(report);
const expected = new Map<number, string>();
const clients: ConvexClient[] = [];

/** Reports client `i`'s arrival once what it shows is the expected text. */
function saw(i: number, shown: string | undefined) {
  if (shown === undefined || expected.get(i) !== shown) return;
  expected.delete(i);
  send({ arrived: i, at: performance.timeOrigin + performance.now() });
}

const ready = slugs.flatMap((slug, i) => {
  const client = nodeClient(url!);
  clients.push(client);
  const page = new Promise<void>((first) =>
    client.onUpdate(
      api.comments.list,
      { organizationSlug: org!, postSlug: slug, paginationOpts: { numItems: 20, cursor: null } },
      (result) => {
        first();
        if (!reactions) saw(i, result.page[0]?.content);
      },
    ),
  );
  if (!reactions) return [page];
  const counts = new Promise<void>((first) =>
    client.onUpdate(
      api.reactions.counts,
      { organizationSlug: org!, postSlug: slug, commentIds: reactions.commentIds as any[] },
      (result) => {
        first();
        saw(i, String(result.find((c) => c.targetId === reactions.targetId)?.counts.heart ?? 0));
      },
    ),
  );
  return [page, counts];
});

process.on("message", async (message: ReaderMessage) => {
  if ("close" in message) {
    await Promise.all(clients.map((client) => client.close()));
    process.exit(0);
  }
  for (const i of message.clients) expected.set(i, message.expect);
  const { user, system } = process.cpuUsage();
  send({ expecting: true, cpuMs: (user + system) / 1000 });
});

await Promise.all(ready);
send({ ready: true });
