import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { newBackend } from "./setup";
import { expectRejectedWithoutWrites, insertOrganization, outcome, snapshot, world } from "./fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

let requestCounter = 0;
function comment(organizationSlug = "acme", postSlug = "hello-world", extra: object = {}) {
  return { organizationSlug, postSlug, content: "Hi", clientRequestId: `r-${++requestCounter}`, ...extra };
}

test("a sixth comment within a minute is RATE_LIMITED, writes nothing, and passes after the wait", async () => {
  const t = newBackend();
  const { callers } = await world(t);
  const sent = [];
  for (let i = 0; i < 5; i++) sent.push(comment());
  for (const args of sent) expect(await outcome(callers.author.mutation(api.comments.create, args))).toBe("ok");

  const before = await snapshot(t);
  const error = await callers.author.mutation(api.comments.create, comment()).catch((e: unknown) => e);
  expect((error as { data: { code: string; message: string } }).data).toEqual({
    code: "RATE_LIMITED",
    message: expect.stringMatching(/^Too many comments\. Try again in \d+ seconds?\.$/),
  });
  expect(await snapshot(t)).toEqual(before);

  // A retried request is answered from the first attempt and never spends a token.
  const retry = await callers.author.mutation(api.comments.create, sent[4]!);
  expect(retry.status).toBe("visible");
  expect(await snapshot(t)).toEqual(before);

  // The limit is per user.
  expect(await outcome(callers.member.mutation(api.comments.create, comment()))).toBe("ok");

  // 5 a minute refills one token every 12 seconds.
  vi.advanceTimersByTime(12_500);
  expect(await outcome(callers.author.mutation(api.comments.create, comment()))).toBe("ok");
  await expectRejectedWithoutWrites(t, () => callers.author.mutation(api.comments.create, comment()), "RATE_LIMITED");
});

test("rejected requests do not spend tokens", async () => {
  const t = newBackend();
  const { callers } = await world(t);
  for (let i = 0; i < 10; i++) {
    expect(await outcome(callers.author.mutation(api.comments.create, comment("acme", "no-such-post")))).toBe(
      "NOT_FOUND",
    );
  }
  for (let i = 0; i < 5; i++) {
    expect(await outcome(callers.author.mutation(api.comments.create, comment()))).toBe("ok");
  }
});

test("guests share one limit per organization", async () => {
  const t = newBackend();
  await insertOrganization(t, "open", { allowGuestComments: true });
  await insertOrganization(t, "other", { allowGuestComments: true });
  const asGuest = (slug: string, n: number) => comment(slug, "hello-world", { guestName: `Guest ${n}` });
  for (let i = 0; i < 10; i++) {
    expect(await outcome(t.mutation(api.comments.create, asGuest("open", i)))).toBe("ok");
  }
  await expectRejectedWithoutWrites(t, () => t.mutation(api.comments.create, asGuest("open", 11)), "RATE_LIMITED");
  // Another organization's guests are not held back.
  expect(await outcome(t.mutation(api.comments.create, asGuest("other", 1)))).toBe("ok");
});
