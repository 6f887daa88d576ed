import { afterAll, beforeAll, expect, test } from "vitest";
import WebSocket from "ws";
import { api } from "../../convex/_generated/api";
import type { BackendProcess } from "../../support/backend-process";
import { nodeClient } from "../../support/convex-client";
import { spawnTestBackend } from "./helpers";

let backend: BackendProcess;

beforeAll(async () => {
  backend = await spawnTestBackend();
});

afterAll(async () => {
  await backend?.kill();
});

/** Opens a sync socket, sends `frames`, and collects what comes back until the socket closes (or 5 s). */
function hostile(frames: (string | Buffer)[], options: WebSocket.ClientOptions = {}) {
  return new Promise<{ messages: any[]; closed: boolean }>((resolve) => {
    const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`, options);
    const messages: any[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ messages, closed: false });
    }, 5_000);
    ws.on("open", () => {
      for (const frame of frames) ws.send(frame, { binary: false });
    });
    ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
    ws.on("error", () => {});
    ws.on("close", () => {
      clearTimeout(timer);
      resolve({ messages, closed: true });
    });
  });
}

async function stillAnswers() {
  expect(backend.alive(), backend.output()).toBe(true);
  const client = nodeClient(backend.url);
  try {
    expect(await client.query(api.organizations.getBySlug, { slug: "nobody" })).toBeNull();
  } finally {
    await client.close();
  }
}

const connect = { type: "Connect", sessionId: "00000000-0000-0000-0000-000000000000", connectionCount: 0, lastCloseReason: null };
const fatal = (result: { messages: any[]; closed: boolean }) => {
  expect(result.closed).toBe(true);
  expect(result.messages.at(-1)?.type).toBe("FatalError");
};

test("a `null` frame gets a FatalError and a close; the backend still answers others", async () => {
  fatal(await hostile(["null"]));
  await stillAnswers();
});

test("a Connect with a malformed maxObservedTimestamp gets a FatalError", async () => {
  fatal(await hostile([JSON.stringify({ ...connect, maxObservedTimestamp: "AAAA" })]));
  fatal(await hostile([JSON.stringify({ ...connect, maxObservedTimestamp: 5 })]));
  await stillAnswers();
});

test("an Action or Mutation whose args hold a `$`-prefixed field gets a FatalError", async () => {
  const args = [{ $foo: 1 }];
  fatal(await hostile([JSON.stringify(connect), JSON.stringify({ type: "Action", requestId: 0, udfPath: "notifications:x", args })]));
  fatal(await hostile([JSON.stringify(connect), JSON.stringify({ type: "Mutation", requestId: 0, udfPath: "comments:create", args })]));
  fatal(await hostile([JSON.stringify(connect), JSON.stringify({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: null })]));
  await stillAnswers();
});

test("a text frame with invalid UTF-8 and a frame over the size limit close that socket only", async () => {
  expect((await hostile([Buffer.from([0x7b, 0xff, 0xfe, 0x7d])])).closed).toBe(true);
  expect((await hostile([Buffer.alloc(17 * 1024 * 1024, 0x20)])).closed).toBe(true);
  await stillAnswers();
});

async function post(path: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) {
  const res = await fetch(`${backend.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: res.status, text: await res.text() };
}

test("HTTP: bodies over the argument limit get 413; null, malformed JSON and `$` fields get 400 with a message", async () => {
  const huge = await post("/api/query", new Uint8Array(17 * 1024 * 1024).fill(0x20));
  expect(huge.status).toBe(413);
  for (const body of ["null", "{not json", "[1]", JSON.stringify({ path: "organizations:getBySlug", args: [{ $slug: "x" }] })]) {
    const res = await post("/api/query", body);
    expect(res.status, body).toBe(400);
    expect(JSON.parse(res.text).message, body).toEqual(expect.any(String));
  }
  await stillAnswers();
});
