import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api, components } from "../../convex/_generated/api";
import { ANONYMIZE_BATCH_SIZE, DELETED_AUTHOR_NAME } from "../../convex/accounts";
import { PASSKEY_MODEL } from "../../convex/auth";
import type { Id } from "../../convex/_generated/dataModel";
import { authPost, convexToken, PASSWORD } from "../../support/auth";
import { authSite, newBackend, type Backend } from "./setup";
import { expectRejectedWithoutWrites, outcome, signedUp, world } from "./fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function insertComments(
  t: Backend,
  postId: Id<"posts">,
  organizationId: Id<"organizations">,
  author: { userId: Id<"users">; name: string },
  count: number,
) {
  await t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      await ctx.db.insert("comments", {
        postId,
        organizationId,
        authorId: author.userId,
        authorName: author.name,
        content: `Comment ${i}`,
        createdAt: Date.now(),
        status: "visible",
        clientRequestId: `${author.name}-${i}`,
      });
    }
  });
}

test("deleting an account anonymizes every comment in batches, then deletes the user", async () => {
  const t = newBackend();
  const { acme, people, callers } = await world(t);
  const total = ANONYMIZE_BATCH_SIZE * 2 + 37;
  await insertComments(t, acme.postId, acme.organizationId, people.author, total);
  await insertComments(t, acme.postId, acme.organizationId, people.member, 3);

  await callers.author.mutation(api.accounts.deleteAccount, {});
  // The work happens in scheduled batches, not in the caller's transaction.
  expect(await t.run((ctx) => ctx.db.get(people.author.userId))).not.toBeNull();
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  const comments = await t.run((ctx) => ctx.db.query("comments").collect());
  const anonymized = comments.filter((c) => c.authorName === DELETED_AUTHOR_NAME);
  expect(anonymized).toHaveLength(total);
  for (const comment of anonymized) {
    expect(comment).not.toHaveProperty("authorId");
    expect(comment).not.toHaveProperty("clientRequestId");
  }
  expect(comments.filter((c) => c.authorId === people.member.userId)).toHaveLength(3);
  expect(await t.run((ctx) => ctx.db.get(people.author.userId))).toBeNull();

  const batches = await t.run(async (ctx) =>
    (await ctx.db.system.query("_scheduled_functions").collect()).filter(
      (job) => job.name === "accounts:anonymizeCommentsBatch",
    ),
  );
  expect(batches).toHaveLength(3);
  expect(batches.every((job) => job.state.kind === "success")).toBe(true);
  // The anonymized comments still show in the thread, under the new name.
  const page = await t.query(api.comments.list, {
    organizationSlug: "acme",
    postSlug: "hello-world",
    paginationOpts: { numItems: 1, cursor: null },
  });
  expect(page.page[0]).toMatchObject({ authorName: DELETED_AUTHOR_NAME, content: "Comment 0" });
});

test("an account without comments is deleted by the first batch", async () => {
  const t = newBackend();
  const { people, callers } = await world(t);
  await callers.member.mutation(api.accounts.deleteAccount, {});
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(await t.run((ctx) => ctx.db.get(people.member.userId))).toBeNull();
});

test("authorization: only a signed-in user without an organization to hand over may delete their account", async () => {
  const expected = {
    anonymous: "UNAUTHENTICATED",
    outsider: "CONFLICT", // owner of their own organization
    member: "ok",
    author: "ok",
    admin: "CONFLICT", // owner of acme
  } as const;
  for (const [name, code] of Object.entries(expected)) {
    const t = newBackend();
    const { callers, people } = await world(t);
    const caller = callers[name as keyof typeof expected];
    if (code === "ok") {
      expect(await outcome(caller.mutation(api.accounts.deleteAccount, {}))).toBe("ok");
      const scheduled = await t.run(async (ctx) => ctx.db.system.query("_scheduled_functions").collect());
      const { userId } = people[name as keyof typeof people];
      expect(
        scheduled.map((job) => ({ name: job.name, args: job.args })),
        `${name}'s deletion is scheduled`,
      ).toEqual([{ name: "accounts:anonymizeCommentsBatch", args: [{ userId }] }]);
    } else {
      await expectRejectedWithoutWrites(t, () => caller.mutation(api.accounts.deleteAccount, {}), code);
    }
  }
});

test("a deleted account ends at once: no sign-in, no token for the old session, the old token resolves nobody", async () => {
  vi.useRealTimers();
  const t = newBackend();
  const { cookie, claims, as: gone } = await signedUp(t, "gone@example.test", "Gone");
  const viewer = await gone.mutation(api.users.ensureViewer, {});
  const commentId = await t.run(async (ctx) => {
    const organizationId = await ctx.db.insert("organizations", {
      name: "Site",
      slug: "site",
      ownerId: viewer._id,
      createdAt: Date.now(),
      settings: { allowGuestComments: false, preModeration: false, autoCreateThreads: false, allowedOrigins: [] },
      webhookSecret: "whsec_test",
    });
    const postId = await ctx.db.insert("posts", {
      title: "T", content: "", slug: "p", kind: "article", authorId: viewer._id, authorName: "Gone",
      organizationId, status: "published", createdAt: Date.now(), commentCount: 0,
    });
    const id = await ctx.db.insert("comments", {
      postId, organizationId, authorName: "Other", content: "Hi", createdAt: Date.now(), status: "visible",
    });
    await ctx.db.insert("emailDeliveries", {
      commentId: id, to: "gone@example.test", reason: "post_author", status: "sent", createdAt: Date.now(),
    });
    // The organization is someone else's, so the account may go.
    const owner = await ctx.db.insert("users", { authId: "other", name: "O", email: "o@example.test", role: "admin", createdAt: 0 });
    await ctx.db.patch(organizationId, { ownerId: owner });
    return id;
  });

  // A passkey as the plugin stores it (field names mapped in convex/auth.ts).
  await t.run((ctx) =>
    ctx.runMutation(components.betterAuth.adapter.create, {
      input: {
        model: PASSKEY_MODEL,
        data: { userId: claims.sub, clientId: "credential-1", clientSecret: "public-key", updatedAt: 0, type: "singleDevice", disabled: false },
      },
    }),
  );

  await gone.mutation(api.accounts.deleteAccount, {});

  expect(await gone.query(api.users.viewer, {})).toBeNull();
  expect(await outcome(gone.mutation(api.users.ensureViewer, {}))).toBe("UNAUTHENTICATED");
  await expect(convexToken(authSite(t), cookie), "no token for the old session").rejects.toThrow(/token failed/);
  const signIn = await authPost(authSite(t), "sign-in/email", { email: "gone@example.test", password: PASSWORD });
  expect(signIn.status).not.toBe(200);
  const authRows = await t.run(async (ctx) => ({
    user: await ctx.runQuery(components.betterAuth.adapter.findOne, { model: "user", where: [{ field: "_id", value: claims.sub }] }),
    sessions: await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "session", where: [{ field: "userId", value: claims.sub }], paginationOpts: { numItems: 10, cursor: null },
    }),
    passkeys: await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: PASSKEY_MODEL, where: [{ field: "userId", value: claims.sub }], paginationOpts: { numItems: 10, cursor: null },
    }),
  }));
  expect(authRows.user).toBeNull();
  expect(authRows.sessions.page).toEqual([]);
  expect(authRows.passkeys.page).toEqual([]);
  const deliveries = await t.run((ctx) =>
    ctx.db.query("emailDeliveries").withIndex("by_commentId", (q) => q.eq("commentId", commentId)).collect(),
  );
  expect(deliveries.map((d) => d.to)).toEqual([""]);
});
