/**
 * A share of the live section's subscribers, in a child process of its own so that one Node process
 * does not decode every subscriber's update in turn (a page holds one client; a thousand readers are
 * a thousand browsers). Each client subscribes to its thread's first page; told the text an edit
 * writes, each reports when its page showed it, on the machine's clock (ms since the epoch).
 *
 *   node --import tsx bench/lib/live-readers.ts <deployment url> <organization> <slugs as JSON>
 *
 * Messages in: { expect: text, clients: indexes } | { close: true }. Out: { ready: true } once every
 * subscription has its first result, { expecting: true } once told, { arrived: index, at } per client
 * and edit.
 */
import type { ConvexClient } from "convex/browser";
import { api } from "../../convex/_generated/api";
import { nodeClient } from "../../support/convex-client";

export type ReaderMessage = { expect: string; clients: number[] } | { close: true };
export type ReaderReport = { ready: true } | { expecting: true } | { arrived: number; at: number };

const [url, org, slugsJson] = process.argv.slice(2);
const slugs = JSON.parse(slugsJson!) as string[];
const send = (report: ReaderReport) => process.send!(report);
const expected = new Map<number, string>();
const clients: ConvexClient[] = [];

const ready = slugs.map(
  (slug, i) =>
    new Promise<void>((first) => {
      const client = nodeClient(url!);
      clients.push(client);
      client.onUpdate(
        api.comments.list,
        { organizationSlug: org!, postSlug: slug, paginationOpts: { numItems: 20, cursor: null } },
        (page) => {
          first();
          const content = expected.get(i);
          if (content !== undefined && page.page[0]?.content === content) {
            expected.delete(i);
            send({ arrived: i, at: performance.timeOrigin + performance.now() });
          }
        },
      );
    }),
);

process.on("message", async (message: ReaderMessage) => {
  if ("close" in message) {
    await Promise.all(clients.map((client) => client.close()));
    process.exit(0);
  }
  for (const i of message.clients) expected.set(i, message.expect);
  send({ expecting: true });
});

await Promise.all(ready);
send({ ready: true });
