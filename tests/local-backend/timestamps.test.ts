import { afterAll, beforeAll, expect, test } from "vitest";
import WebSocket from "ws";
import type { LocalBackend } from "../../local-backend/server";
import { decodeTs } from "../../local-backend/clock";
import { signUp, startTestBackend } from "./helpers";

let backend: LocalBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});

afterAll(async () => {
  await backend?.close();
});

/** A raw sync socket: sends frames and waits for the first message after the last wait that matches. */
async function syncSocket(url: string) {
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/1.48.0/sync`);
  const messages: any[] = [];
  let read = 0;
  const waiters: (() => void)[] = [];
  ws.on("message", (data) => {
    messages.push(JSON.parse(data.toString()));
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  return {
    send: (message: object) => ws.send(JSON.stringify(message)),
    async next(type: string): Promise<any> {
      for (;;) {
        while (read < messages.length) {
          const message = messages[read++];
          if (message.type === type) return message;
        }
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    close: () => ws.close(),
  };
}

test("a mutation's timestamp is the one its Transition carries: each write ticks the clock once, in one place", async () => {
  const token = await signUp(backend.siteUrl, "clock@example.com", "Clara Clock");
  const socket = await syncSocket(backend.url);
  socket.send({ type: "Connect", sessionId: "00000000-0000-0000-0000-000000000001", connectionCount: 0, lastCloseReason: null });
  socket.send({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 });
  await socket.next("Transition");
  socket.send({
    type: "ModifyQuerySet",
    baseVersion: 0,
    newVersion: 1,
    modifications: [{ type: "Add", queryId: 0, udfPath: "organizations:getBySlug", args: [{ slug: "clock" }] }],
  });
  const subscribed = await socket.next("Transition");
  expect(subscribed.modifications[0]).toMatchObject({ type: "QueryUpdated", value: null });

  let previous = decodeTs(subscribed.endVersion.ts);
  const mutations = [
    { udfPath: "organizations:create", args: [{ name: "Clock Org", slug: "clock" }] },
    { udfPath: "organizations:updateSettings", args: [{ autoCreateThreadsBy: "signedIn" }] },
  ];
  for (const [requestId, mutation] of mutations.entries()) {
    socket.send({ type: "Mutation", requestId, ...mutation });
    const response = await socket.next("MutationResponse");
    expect(response).toMatchObject({ requestId, success: true });
    const transition = await socket.next("Transition");
    const ts = decodeTs(response.ts);
    expect(ts).toBeGreaterThan(previous);
    expect(decodeTs(transition.endVersion.ts)).toBe(ts);
    previous = ts;
  }
  socket.close();
});
