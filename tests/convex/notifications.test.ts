// @vitest-environment node
// The email provider is a real HTTP server on localhost, which needs Node's `node:http`.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { newBackend, type Backend } from "./setup";
import { commentRequests, insertOrganization, insertUser, outcome, snapshot, world } from "./fixtures";

type Received = { method?: string; url?: string; headers: IncomingHttpHeaders; body: unknown; at: number };

let server: Server;
let baseUrl: string;
let received: Received[];
/** How the fake provider answers the next requests. */
let answer: { status: number; body: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/warm-up") return void res.writeHead(204).end();
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      // `at` on the tests' fake clock, which the scheduler follows.
      received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw), at: Date.now() });
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body.replace("{n}", String(received.length)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Node's fetch (undici) creates one shared timer for its timeouts on first use and refreshes it
  // afterwards. Creating it now, on the real clock, keeps vi.runAllTimers from firing fetch's
  // header timeout the moment a scheduled action starts a request.
  await fetch(`${baseUrl}/warm-up`);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const ENV_KEYS = ["EMAIL_API_URL", "RESEND_API_KEY", "EMAIL_FROM"] as const;
let savedEnv: Record<string, string | undefined>;

beforeEach(() => {
  received = [];
  answer = { status: 200, body: '{"id":"msg_{n}"}' };
  savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  process.env.EMAIL_API_URL = baseUrl;
  process.env.RESEND_API_KEY = "re_test_key";
  delete process.env.EMAIL_FROM;
  // Scheduled functions run only when the test advances the fake clock.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const comment = commentRequests("n");

async function deliveries(t: Backend) {
  const rows = await t.run((ctx) => ctx.db.query("emailDeliveries").collect());
  return rows.map(({ commentId, to, reason, status, error, providerMessageId }) => ({
    commentId,
    to,
    reason,
    status,
    ...(error === undefined ? {} : { error }),
    ...(providerMessageId === undefined ? {} : { providerMessageId }),
  }));
}

const LINK = String.raw`http://127\.0\.0\.1:3211/unsubscribe\?token=[\w.]+`;

/** A comment e-mail as the provider receives it: the text, its unsubscribe links, the RFC 8058 headers. */
function notification(to: string, subject: string, text: string) {
  return {
    from: "comments@localhost",
    to,
    subject,
    text: expect.stringMatching(
      new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n--\nMute this thread: ${LINK}\nStop all comment e-mails: ${LINK}\n$`),
    ),
    headers: { "List-Unsubscribe": expect.stringMatching(new RegExp(`^<${LINK}>$`)), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

test("a comment emails the post's author and a reply also emails the parent's author", async () => {
  const t = newBackend();
  const { people, callers } = await world(t);
  const top = await callers.author.mutation(api.comments.create, comment("Lovely post"));
  const reply = await callers.member.mutation(api.comments.create, comment("Agreed", { parentId: top.commentId }));
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  expect(received).toHaveLength(3);
  for (const request of received) {
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/emails");
    expect(request.headers.authorization).toBe("Bearer re_test_key");
    expect(request.headers["content-type"]).toBe("application/json");
  }
  const bodies = received.map((r) => r.body);
  expect(bodies).toContainEqual(notification(people.admin.email, 'New comment on "Title of hello-world"', "Ada Author wrote:\n\nLovely post\n"));
  expect(bodies).toContainEqual(notification(people.admin.email, 'New comment on "Title of hello-world"', "Mia Member wrote:\n\nAgreed\n"));
  expect(bodies).toContainEqual(notification(people.author.email, 'Mia Member replied to your comment on "Title of hello-world"', "Mia Member wrote:\n\nAgreed\n"));

  const rows = await deliveries(t);
  expect(rows).toHaveLength(3);
  expect(rows).toContainEqual(
    expect.objectContaining({ commentId: top.commentId, to: people.admin.email, reason: "post_author", status: "sent" }),
  );
  expect(rows).toContainEqual(
    expect.objectContaining({ commentId: reply.commentId, to: people.admin.email, reason: "post_author", status: "sent" }),
  );
  expect(rows).toContainEqual(
    expect.objectContaining({ commentId: reply.commentId, to: people.author.email, reason: "parent_author", status: "sent" }),
  );
  // Each row keeps the id the provider gave that request.
  expect(rows.map((r) => r.providerMessageId).sort()).toEqual(["msg_1", "msg_2", "msg_3"]);
  // The provider can drop a repeated send: one key per comment and reason.
  expect(received.map((r) => r.headers["idempotency-key"]).sort()).toEqual(
    [`${reply.commentId}-parent_author`, `${reply.commentId}-post_author`, `${top.commentId}-post_author`].sort(),
  );

  // Running the action again sends nothing: recorded deliveries are not repeated.
  await t.action(internal.notificationsNode.sendCommentEmail, { commentId: reply.commentId });
  expect(received).toHaveLength(3);
  expect(await deliveries(t)).toHaveLength(3);
});

test("a reply to a reply emails the author of the reply it answers", async () => {
  const t = newBackend();
  const { people, callers } = await world(t);
  const top = await callers.author.mutation(api.comments.create, comment("Lovely post"));
  const reply = await callers.member.mutation(api.comments.create, comment("Agreed", { parentId: top.commentId }));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  received = [];
  const outsider = people.outsider;
  const answer = await outsider.as.mutation(api.comments.create, comment("Why?", { parentId: reply.commentId }));
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  const sent = received.map((r) => r.body as { to: string; subject: string });
  expect(sent.map((b) => [b.to, b.subject]).sort()).toEqual(
    [
      [people.admin.email, 'New comment on "Title of hello-world"'],
      [people.member.email, `${outsider.name} replied to your comment on "Title of hello-world"`],
    ].sort(),
  );
  const rows = (await deliveries(t)).filter((row) => row.commentId === answer.commentId);
  expect(rows.map((row) => [row.to, row.reason]).sort()).toEqual(
    [
      [people.admin.email, "post_author"],
      [people.member.email, "parent_author"],
    ].sort(),
  );
});

test("nobody is emailed about their own comment, nor a guest about a reply", async () => {
  const t = newBackend();
  const acme = await insertOrganization(t, "acme", { allowGuestComments: true });
  process.env.EMAIL_FROM = "Acme <comments@acme.test>";
  const top = await t.mutation(api.comments.create, { ...comment("Guest question"), guestName: "Gus" });
  await acme.owner.as.mutation(api.comments.create, comment("Owner answer", { parentId: top.commentId }));
  const reader = await insertUser(t, "Rita Reader");
  await reader.as.mutation(api.comments.create, comment("Reader"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  // Only the guest's and the reader's comments concern the owner; the owner's reply concerns nobody.
  expect(received.map((r) => (r.body as { to: string; from: string }).to)).toEqual([
    acme.owner.email,
    acme.owner.email,
  ]);
  expect(received.every((r) => (r.body as { from: string }).from === "Acme <comments@acme.test>")).toBe(true);
});

test("a provider error is recorded as a failed delivery", async () => {
  const t = newBackend();
  const { people, callers } = await world(t);
  answer = { status: 500, body: '{"message":"internal error"}' };
  const { commentId } = await callers.author.mutation(api.comments.create, comment("Hello"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  expect(received).toHaveLength(1);
  expect(await deliveries(t)).toEqual([
    {
      commentId,
      to: people.admin.email,
      reason: "post_author",
      status: "failed",
      error: 'HTTP 500: {"message":"internal error"}',
    },
  ]);
});

test("without RESEND_API_KEY nothing is sent and the delivery is recorded as skipped", async () => {
  const t = newBackend();
  const { people, callers } = await world(t);
  delete process.env.RESEND_API_KEY;
  const { commentId } = await callers.author.mutation(api.comments.create, comment("Hello"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  expect(received).toEqual([]);
  expect(await deliveries(t)).toEqual([
    {
      commentId,
      to: people.admin.email,
      reason: "post_author",
      status: "skipped",
      error: "RESEND_API_KEY is not set.",
    },
  ]);
});

test("approving a pending comment sends its email once", async () => {
  const t = newBackend();
  const { people, callers } = await world(t, { preModeration: true, queueEmailMinutes: 0 });
  const { commentId } = await callers.author.mutation(api.comments.create, comment("Please approve"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(received).toEqual([]);

  await callers.admin.mutation(api.comments.moderate, { commentId, action: "approve" });
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(received.map((r) => (r.body as { to: string }).to)).toEqual([people.admin.email]);
  expect(await deliveries(t)).toMatchObject([{ commentId, status: "sent", providerMessageId: "msg_1" }]);
});

describe("the admins' queue e-mail", () => {
  type Mail = { to: string; subject: string; text: string };
  const mails = () => received.map((r) => r.body as Mail);
  const linksIn = (text: string) => [...text.matchAll(/^(Approve|Remove): (\S+)$/gm)].map((m) => [m[1], m[2]]);

  test("a comment entering the queue e-mails every admin with approve and remove links to the dashboard", async () => {
    const t = newBackend();
    const { acme, people, callers } = await world(t, { preModeration: true });
    const second = await insertUser(t, "Second Admin", { role: "admin", organizationId: acme.organizationId });
    const { commentId } = await callers.author.mutation(api.comments.create, comment("Please approve"));
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    expect(mails().map((m) => m.to).sort()).toEqual([people.admin.email, second.email].sort());
    const [mail] = mails();
    expect(mail!.subject).toBe("Comments wait for approval on acme Blog");
    expect(mail!.text).toContain('Ada Author on "Title of hello-world":\n> Please approve');
    expect(linksIn(mail!.text)).toEqual([
      ["Approve", `http://localhost:5173/dashboard.html?comment=${commentId}&action=approve`],
      ["Remove", `http://localhost:5173/dashboard.html?comment=${commentId}&action=remove`],
    ]);
    // The post's author hears of it only once it is approved.
    expect(await deliveries(t)).toEqual([]);
  });

  test("batched: at most one e-mail per admin per queueEmailMinutes; comments held meanwhile join the next", async () => {
    const t = newBackend();
    const { people, callers } = await world(t, { preModeration: true, queueEmailMinutes: 30 });
    await callers.author.mutation(api.comments.create, comment("First"));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    await callers.author.mutation(api.comments.create, comment("Second"));
    await callers.member.mutation(api.comments.create, comment("Third"));
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    expect(mails().map((m) => m.to)).toEqual([people.admin.email, people.admin.email]);
    expect(received[1]!.at - received[0]!.at, "the second waits out the interval").toBeGreaterThanOrEqual(30 * 60_000);
    expect(mails()[1]!.text).toMatch(/First[\s\S]*Second[\s\S]*Third/);
  });

  test("any way into the queue counts (a spam rule, a report); a shadow ban, an empty queue and 0 minutes send nothing", async () => {
    const t = newBackend();
    const { people, callers } = await world(t, { blockedWords: ["casino"], hideAfterReports: 1 });
    await callers.author.mutation(api.comments.create, comment("casino"));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(mails().map((m) => m.to)).toEqual([people.admin.email]);

    const reported = await callers.member.mutation(api.comments.create, comment("Reported"));
    await callers.author.mutation(api.reports.create, { commentId: reported.commentId, reason: "abuse" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(mails()).toHaveLength(2);
    expect(mails()[1]!.text).toContain("> Reported");

    // With the queue emptied, a shadow-banned writer's comment is all that waits.
    await callers.admin.mutation(api.comments.moderate, { commentId: reported.commentId, action: "approve" });
    const queue = await callers.admin.query(api.comments.moderationQueue, { paginationOpts: { numItems: 10, cursor: null } });
    for (const waiting of queue.page) await callers.admin.mutation(api.comments.moderate, { commentId: waiting._id, action: "remove" });
    await callers.admin.mutation(api.bans.ban, { userId: people.author.userId, shadow: true });
    await callers.author.mutation(api.comments.create, comment("Seen by me alone"));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const commentMails = mails().filter((m) => m.subject.startsWith("Comments wait"));
    expect(commentMails, "no queue e-mail about a shadow-banned writer").toHaveLength(2);

    await callers.admin.mutation(api.organizations.updateSettings, { queueEmailMinutes: 0 });
    await callers.member.mutation(api.comments.create, comment("casino again"));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(mails().filter((m) => m.subject.startsWith("Comments wait"))).toHaveLength(2);
  });

  test("queueEmailMinutes is a whole number from 0 to 1440", async () => {
    const t = newBackend();
    const { callers } = await world(t);
    for (const bad of [-1, 1.5, 1441]) {
      await expect(callers.admin.mutation(api.organizations.updateSettings, { queueEmailMinutes: bad })).rejects.toMatchObject({
        data: { code: "INVALID_ARGUMENT" },
      });
    }
  });
});

/** Who got an e-mail about `content`, with why. */
function recipientsOf(content: string) {
  return received
    .filter((r) => (r.body as { text: string }).text.includes(`\n\n${content}\n`))
    .map((r) => (r.body as { to: string }).to)
    .sort();
}

/** The unsubscribe links of the newest e-mail to `to`: the one-click header's and the thread's. */
function linksTo(to: string) {
  const mail = received.filter((r) => (r.body as { to: string }).to === to).at(-1)!.body as {
    text: string;
    headers: Record<string, string>;
  };
  const path = (url: string) => url.replace("http://127.0.0.1:3211", "");
  return {
    all: path(/^<(.+)>$/.exec(mail.headers["List-Unsubscribe"]!)![1]!),
    thread: path(/Mute this thread: (\S+)/.exec(mail.text)![1]!),
  };
}

test("readers choose: comment e-mails off, a thread followed, a thread muted", async () => {
  const t = newBackend();
  const { acme, people, callers } = await world(t);
  const postId = acme.postId;

  // Following: every new comment of the thread, even without being its author or answered.
  await callers.member.mutation(api.threadSubscriptions.setChoice, { postId, choice: "follow" });
  expect(await callers.member.query(api.threadSubscriptions.viewerChoice, { postId })).toBe("follow");
  const top = await callers.author.mutation(api.comments.create, comment("First words"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(recipientsOf("First words")).toEqual([people.admin.email, people.member.email].sort());
  expect(received.find((r) => (r.body as { to: string }).to === people.member.email)?.body).toMatchObject({
    subject: 'New comment on "Title of hello-world", a thread you follow',
  });

  // The post's author turns comment e-mails off; the commenter mutes the thread.
  expect(await callers.admin.query(api.users.viewerCommentEmails, {})).toBe(true);
  await callers.admin.mutation(api.users.setCommentEmails, { enabled: false });
  expect(await callers.admin.query(api.users.viewerCommentEmails, {})).toBe(false);
  await callers.author.mutation(api.threadSubscriptions.setChoice, { postId, choice: "mute" });
  await callers.member.mutation(api.comments.create, comment("An answer", { parentId: top.commentId }));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(recipientsOf("An answer"), "nobody: the replier wrote it, the author muted, the admin opted out").toEqual([]);

  // Back to the defaults: the reply e-mail returns.
  await callers.author.mutation(api.threadSubscriptions.setChoice, { postId, choice: null });
  expect(await callers.author.query(api.threadSubscriptions.viewerChoice, { postId })).toBe(null);
  await callers.member.mutation(api.comments.create, comment("Another answer", { parentId: top.commentId }));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(recipientsOf("Another answer")).toEqual([people.author.email]);
});

test("one-click unsubscribe works without signing in; opening the link only asks", async () => {
  const t = newBackend();
  const { acme, people, callers } = await world(t);
  await callers.author.mutation(api.comments.create, comment("Hello there"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  const links = linksTo(people.admin.email);

  // A mail scanner opening the link changes nothing.
  const asked = await t.fetch(links.all);
  expect(asked.status).toBe(200);
  expect(await asked.text()).toContain('<form method="post">');
  expect(await callers.admin.query(api.users.viewerCommentEmails, {})).toBe(true);

  // The thread link mutes only this thread.
  const muted = await t.fetch(links.thread, { method: "POST" });
  expect(muted.status).toBe(200);
  expect(await muted.text()).toContain("This thread is muted");
  expect(await callers.admin.query(api.threadSubscriptions.viewerChoice, { postId: acme.postId })).toBe("mute");
  expect(await callers.admin.query(api.users.viewerCommentEmails, {})).toBe(true);

  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the header's address.
  const stopped = await t.fetch(links.all, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  expect(stopped.status).toBe(200);
  expect(await callers.admin.query(api.users.viewerCommentEmails, {})).toBe(false);
});

test("a changed or expired unsubscribe link shows a clear page and changes nothing", async () => {
  const t = newBackend();
  const { people, callers } = await world(t);
  await callers.author.mutation(api.comments.create, comment("Hello again"));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  const { all } = linksTo(people.admin.email);
  const [userId, scope, expires, signature] = all.split("token=")[1]!.split(".") as [string, string, string, string];
  const before = await snapshot(t);

  const forged = [
    `${people.member.userId}.${scope}.${expires}.${signature}`, // someone else's account
    `${userId}.${scope}.${Number(expires) + 86_400_000}.${signature}`, // a later end
    `${userId}.${scope}.${expires}.${signature.slice(0, -2)}00`, // the signature changed
    `${userId}.${scope}.${expires}`, // no signature
  ];
  for (const token of forged) {
    for (const method of ["GET", "POST"]) {
      const res = await t.fetch(`/unsubscribe?token=${token}`, { method });
      expect(res.status, `${method} ${token}`).toBe(400);
      expect(await res.text()).toContain("This unsubscribe link does not work");
    }
  }
  vi.setSystemTime(Date.now() + 61 * 86_400_000);
  expect((await t.fetch(all, { method: "POST" })).status, "expired after 60 days").toBe(400);
  expect(await snapshot(t)).toEqual(before);
  expect(await callers.admin.query(api.users.viewerCommentEmails, {})).toBe(true);
});

test("notification settings: only for the signed-in reader, only on published threads", async () => {
  const t = newBackend();
  const { acme, callers } = await world(t);
  const { postId, draftId } = acme;
  expect(await outcome(callers.anonymous.query(api.users.viewerCommentEmails, {}))).toBe("UNAUTHENTICATED");
  expect(await outcome(callers.anonymous.mutation(api.users.setCommentEmails, { enabled: false }))).toBe("UNAUTHENTICATED");
  expect(await outcome(callers.anonymous.query(api.threadSubscriptions.viewerChoice, { postId }))).toBe("UNAUTHENTICATED");
  expect(await outcome(callers.anonymous.mutation(api.threadSubscriptions.setChoice, { postId, choice: "follow" }))).toBe(
    "UNAUTHENTICATED",
  );
  expect(await outcome(callers.outsider.mutation(api.threadSubscriptions.setChoice, { postId: draftId, choice: "follow" }))).toBe(
    "NOT_FOUND",
  );
  expect(await outcome(callers.outsider.query(api.threadSubscriptions.viewerChoice, { postId: draftId }))).toBe("NOT_FOUND");
  // Each reader's choice is their own.
  await callers.outsider.mutation(api.threadSubscriptions.setChoice, { postId, choice: "mute" });
  expect(await callers.member.query(api.threadSubscriptions.viewerChoice, { postId })).toBe(null);
  await callers.outsider.mutation(api.users.setCommentEmails, { enabled: false });
  expect(await callers.member.query(api.users.viewerCommentEmails, {})).toBe(true);
});
