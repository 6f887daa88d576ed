import { afterAll, beforeAll, expect, test } from "vitest";
import type { LocalBackend } from "../../local-backend/server";
import { decodeTs } from "../../local-backend/clock";
import { signUp, startTestBackend, syncSocket } from "./helpers";

let backend: LocalBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});

afterAll(async () => {
  await backend?.close();
});

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
