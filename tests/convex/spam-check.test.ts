// @vitest-environment node
// The spam-check service is a real HTTP server on localhost, which needs Node's `node:http`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { newBackend, type Backend } from "./setup";
import { commentRequests, world } from "./fixtures";

/** How the fake service answers: Akismet's "true" (spam) / "false" (ham), an error, or too late. */
type Answer = "spam" | "ham" | "error" | "slow";

/** The server's delay runs on the real clock: the tests fake `setTimeout` for the scheduler. */
const realSetTimeout = globalThis.setTimeout;

let server: Server;
let baseUrl: string;
let answer: Answer;
let asked: URLSearchParams[];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/warm-up") return void res.writeHead(204).end();
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      asked.push(new URLSearchParams(raw));
      const reply = (status: number, body: string) => res.writeHead(status, { "content-type": "text/plain" }).end(body);
      if (answer === "spam") reply(200, "true");
      else if (answer === "ham") reply(200, "false");
      else if (answer === "error") reply(500, "Internal Server Error");
      // Longer than the slow test's SPAM_CHECK_TIMEOUT_MS, on the real clock.
      else realSetTimeout(() => reply(200, "false"), 1500);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // See notifications.test.ts: undici's shared timer made on the real clock before the fake one starts.
  await fetch(`${baseUrl}/warm-up`);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const ENV_KEYS = ["SPAM_CHECK_API_KEY", "SPAM_CHECK_URL", "SPAM_CHECK_TIMEOUT_MS", "RESEND_API_KEY"] as const;
let savedEnv: Record<string, string | undefined>;

beforeEach(() => {
  asked = [];
  answer = "ham";
  savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  process.env.SPAM_CHECK_API_KEY = "akismet-test-key";
  process.env.SPAM_CHECK_URL = `${baseUrl}/1.1/comment-check`;
  // Generous on a busy machine; the slow answer's test shortens it.
  process.env.SPAM_CHECK_TIMEOUT_MS = "5000";
  // Comment e-mails are recorded as skipped: enough to see whether one was due.
  delete process.env.RESEND_API_KEY;
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const comment = commentRequests("spam-check");

async function stored(t: Backend, commentId: Id<"comments">) {
  const row = await t.run((ctx) => ctx.db.get(commentId));
  const deliveries = await t.run((ctx) =>
    ctx.db
      .query("emailDeliveries")
      .withIndex("by_commentId", (q) => q.eq("commentId", commentId))
      .collect(),
  );
  return { status: row?.status, heldReason: row?.heldReason, emails: deliveries.map((d) => d.reason) };
}

async function readersSee(t: Backend): Promise<string[]> {
  const { page } = await t.query(api.comments.list, {
    organizationSlug: "acme",
    postSlug: "hello-world",
    paginationOpts: { numItems: 10, cursor: null },
  });
  return page.map((c) => c.content);
}

test("spam: the comment moves to the queue, marked, and nobody is e-mailed about it", async () => {
  const t = newBackend();
  const { callers } = await world(t);
  answer = "spam";
  const created = await callers.author.mutation(api.comments.create, comment("Cheap watches"));
  expect(created.status, "published at once: the writer never waits for the check").toBe("visible");
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  expect(await stored(t, created.commentId)).toEqual({ status: "pending", heldReason: "spam_check", emails: [] });
  expect(await readersSee(t)).toEqual([]);
  const asking = asked[0]!;
  expect(Object.fromEntries(asking), "Akismet's comment-check fields").toMatchObject({
    api_key: "akismet-test-key",
    blog: expect.stringMatching(/^https?:\/\//),
    comment_type: "comment",
    comment_author: "Ada Author",
    comment_content: "Cheap watches",
  });
});

test("ham: the comment stays up and its e-mail goes out after the verdict", async () => {
  const t = newBackend();
  const { callers } = await world(t);
  answer = "ham";
  const created = await callers.author.mutation(api.comments.create, comment("Nice post"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  expect(asked).toHaveLength(1);
  expect(await stored(t, created.commentId)).toEqual({ status: "visible", heldReason: undefined, emails: ["post_author"] });
  expect(await readersSee(t)).toEqual(["Nice post"]);
});

for (const outage of ["error", "slow"] as const) {
  test(`${outage === "error" ? "an HTTP 500" : "a response slower than the timeout"}: the comment waits in the queue, marked unchecked`, async () => {
    const t = newBackend();
    const { callers } = await world(t);
    answer = outage;
    if (outage === "slow") process.env.SPAM_CHECK_TIMEOUT_MS = "200";
    const created = await callers.author.mutation(api.comments.create, comment("Checked or not"));
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    expect(asked).toHaveLength(1);
    expect(await stored(t, created.commentId)).toEqual({
      status: "pending",
      heldReason: "spam_check_unavailable",
      emails: [],
    });
    // Kept, not lost: a moderator approves it like any other.
    const { page } = await callers.admin.query(api.comments.moderationQueue, { paginationOpts: { numItems: 10, cursor: null } });
    expect(page.map((c) => [c.content, c.heldReason])).toEqual([["Checked or not", "spam_check_unavailable"]]);
    await callers.admin.mutation(api.comments.moderate, { commentId: created.commentId, action: "approve" });
    expect(await readersSee(t)).toEqual(["Checked or not"]);
  });
}

test("guests are checked too; a comment already held, or any comment without a key, is not", async () => {
  const t = newBackend();
  const { callers } = await world(t, { allowGuestComments: true, blockedWords: ["casino"] });
  answer = "spam";
  const guest = await callers.anonymous.mutation(api.comments.create, comment("Hello", { guestName: "Gus" }));
  const held = await callers.author.mutation(api.comments.create, comment("casino night"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(asked.map((a) => a.get("comment_author"))).toEqual(["Gus"]);
  expect((await stored(t, guest.commentId)).heldReason).toBe("spam_check");
  expect((await stored(t, held.commentId)).heldReason).toBe("blocked_word");

  delete process.env.SPAM_CHECK_API_KEY;
  const unchecked = await callers.author.mutation(api.comments.create, comment("No service configured"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(asked).toHaveLength(1);
  expect(await stored(t, unchecked.commentId)).toEqual({ status: "visible", heldReason: undefined, emails: ["post_author"] });
});

test("a comment edited back into the queue while being checked keeps the edit's reason", async () => {
  const t = newBackend();
  const { callers } = await world(t, { blockedWords: ["casino"] });
  answer = "ham";
  const created = await callers.author.mutation(api.comments.create, comment("Fine words"));
  await callers.author.mutation(api.comments.edit, { commentId: created.commentId, content: "casino words" });
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(asked).toHaveLength(0);
  expect(await stored(t, created.commentId)).toEqual({ status: "pending", heldReason: "blocked_word", emails: [] });
});

test("a comment refused by the rate limit never reaches the service; held ones still spend the writer's tokens", async () => {
  const t = newBackend();
  const { callers } = await world(t);
  answer = "spam";
  for (let i = 0; i < 5; i++) await callers.author.mutation(api.comments.create, comment(`Flood ${i}`));
  await expect(callers.author.mutation(api.comments.create, comment("Flood 5"))).rejects.toMatchObject({
    data: { code: "RATE_LIMITED" },
  });
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(asked.map((a) => a.get("comment_content"))).toEqual(["Flood 0", "Flood 1", "Flood 2", "Flood 3", "Flood 4"]);
  const held = await t.run((ctx) => ctx.db.query("comments").collect());
  expect(held.map((c) => c.heldReason)).toEqual(Array(5).fill("spam_check"));
});
