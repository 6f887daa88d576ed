/**
 * Rows for the comment tests, written straight into the database so these tests depend only on the
 * comment functions they exercise.
 */
import { expect } from "vitest";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import type { OrganizationSettings } from "../../convex/validators";
import { outcome } from "./org-fixtures";
import type { Backend } from "./setup";

export { outcome };

export const CLOSED: OrganizationSettings = {
  allowGuestComments: false,
  preModeration: false,
  autoCreateThreads: false,
  allowedOrigins: [],
};

export type Person = { userId: Id<"users">; authId: string; email: string; name: string };

/** A `users` row and the identity whose JWT subject points at it. */
export async function insertUser(
  t: Backend,
  name: string,
  fields: { role?: "admin" | "user"; organizationId?: Id<"organizations"> } = {},
): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.test`;
  const authId = `auth|${email}`;
  const userId = await t.run((ctx) =>
    ctx.db.insert("users", { authId, name, email, role: fields.role ?? "user", createdAt: Date.now(), ...fields }),
  );
  return { userId, authId, email, name };
}

export function as(t: Backend, person: Person) {
  return t.withIdentity({ subject: person.authId, email: person.email, name: person.name });
}

/** An organization owned (and administered) by a new user, with a published article and a draft. */
export async function insertOrganization(
  t: Backend,
  slug: string,
  settings: Partial<OrganizationSettings> = {},
) {
  const owner = await insertUser(t, `${slug} Owner`, { role: "admin" });
  const organizationId = await t.run(async (ctx) => {
    const id = await ctx.db.insert("organizations", {
      name: `${slug} Blog`,
      slug,
      ownerId: owner.userId,
      createdAt: Date.now(),
      settings: { ...CLOSED, ...settings },
      webhookSecret: "whsec_test",
    });
    await ctx.db.patch(owner.userId, { organizationId: id });
    return id;
  });
  const postId = await insertPost(t, organizationId, owner, "hello-world", "published");
  const draftId = await insertPost(t, organizationId, owner, "secret-draft", "draft");
  return { organizationId, slug, owner, postId, draftId };
}

export async function insertPost(
  t: Backend,
  organizationId: Id<"organizations">,
  author: Person,
  slug: string,
  status: "draft" | "published",
): Promise<Id<"posts">> {
  return await t.run((ctx) =>
    ctx.db.insert("posts", {
      title: `Title of ${slug}`,
      content: "Body",
      slug,
      kind: "article",
      authorId: author.userId,
      authorName: author.name,
      organizationId,
      status,
      ...(status === "published" ? { publishedAt: Date.now() } : {}),
      createdAt: Date.now(),
      commentCount: 0,
    }),
  );
}

/**
 * The callers of an authorization matrix on organization "acme": nobody, an admin of another
 * organization, a member, a reader who will write the comment, and acme's admin (its owner).
 */
export async function world(t: Backend, settings: Partial<OrganizationSettings> = {}) {
  const acme = await insertOrganization(t, "acme", settings);
  const globex = await insertOrganization(t, "globex");
  const member = await insertUser(t, "Mia Member", { organizationId: acme.organizationId });
  const author = await insertUser(t, "Ada Author");
  return {
    acme,
    globex,
    people: { outsider: globex.owner, member, author, admin: acme.owner },
    callers: {
      anonymous: t,
      outsider: as(t, globex.owner),
      member: as(t, member),
      author: as(t, author),
      admin: as(t, acme.owner),
    },
  };
}
export type CallerName = keyof Awaited<ReturnType<typeof world>>["callers"];

/** Everything a comment write could touch, to show that a rejected call wrote nothing. */
export async function snapshot(t: Backend) {
  return await t.run(async (ctx) => ({
    users: await ctx.db.query("users").collect(),
    posts: await ctx.db.query("posts").collect(),
    comments: await ctx.db.query("comments").collect(),
    emailDeliveries: await ctx.db.query("emailDeliveries").collect(),
    scheduled: (await ctx.db.system.query("_scheduled_functions").collect()).length,
  }));
}

/** Runs `call`, expects it to fail with `code`, and expects the database to be unchanged. */
export async function expectRejectedWithoutWrites(t: Backend, call: () => Promise<unknown>, code: string) {
  const before = await snapshot(t);
  expect(await outcome(call())).toBe(code);
  expect(await snapshot(t)).toEqual(before);
}

export async function getComment(t: Backend, commentId: Id<"comments">): Promise<Doc<"comments"> | null> {
  return await t.run((ctx) => ctx.db.get(commentId));
}

export async function commentCount(t: Backend, postId: Id<"posts">): Promise<number> {
  return (await t.run((ctx) => ctx.db.get(postId)))!.commentCount;
}
