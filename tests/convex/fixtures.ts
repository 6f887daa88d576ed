/**
 * People, organizations and posts for the convex-test tests. A person is a `users` row with the identity
 * whose JWT subject points at it (`as`), made through `users.ensureViewer` (organizationWithTeam) or
 * written straight into the database (insertUser), so a test depends only on the functions it exercises.
 */
import { expect } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import type { OrganizationSettings } from "../../convex/validators";
import { PASSWORD, signUp, tokenClaims } from "../../support/auth";
import { authSite, type Backend } from "./setup";

/** The JWT subject (the Better Auth user id) the fixtures give the account of `email`. */
const authIdOf = (email: string) => `auth|${email}`;

/** A signed-in caller, with the identity a real JWT for that account would carry. */
export function signedIn(t: Backend, name: string, email: string) {
  return t.withIdentity({ subject: authIdOf(email), email, name });
}
export type Caller = ReturnType<typeof signedIn>;

export type Person = { as: Caller; userId: Id<"users">; authId: string; email: string; name: string };

/** A person whose `users` row `users.ensureViewer` made. */
async function person(t: Backend, name: string, email: string): Promise<Person> {
  const as = signedIn(t, name, email);
  const { _id } = await as.mutation(api.users.ensureViewer, {});
  return { as, userId: _id, authId: authIdOf(email), email, name };
}

/** An account signed up through the real Better Auth routes, and the caller its JWT makes. */
export async function signedUp(t: Backend, email: string, name: string) {
  const session = await signUp(authSite(t), { email, name, password: PASSWORD });
  const claims = tokenClaims(session.token);
  const as = t.withIdentity({ subject: claims.sub, sessionId: claims.sessionId, name: claims.name });
  return { ...session, claims, as, authId: claims.sub };
}

/**
 * An organization with an admin (its owner), an author and a plain member, each signed in once.
 * The author and member are made members directly in the database: joining for real takes a verified
 * e-mail and an invitation token (see invitations.test.ts), which these fixtures have no mailbox for.
 */
export async function organizationWithTeam(t: Backend, slug: string) {
  const admin = await person(t, `${slug} Admin`, `admin@${slug}.test`);
  const organizationId = await admin.as.mutation(api.organizations.create, { name: `${slug} Blog`, slug });
  const join = async (name: string, email: string) => {
    const joined = await person(t, name, email);
    await t.run((ctx) => ctx.db.patch(joined.userId, { organizationId, role: "user" }));
    return joined;
  };
  const author = await join(`${slug} Author`, `author@${slug}.test`);
  const member = await join(`${slug} Member`, `member@${slug}.test`);
  return { organizationId, slug, admin, author, member };
}

/** The callers of an authorization matrix on organizations and posts, around a post written by `author`. */
export async function matrix(t: Backend) {
  const home = await organizationWithTeam(t, "acme");
  const other = await organizationWithTeam(t, "globex");
  return {
    home,
    other,
    callers: {
      anonymous: t,
      otherMember: other.admin.as,
      member: home.member.as,
      author: home.author.as,
      admin: home.admin.as,
    },
  };
}
export type CallerName = keyof Awaited<ReturnType<typeof matrix>>["callers"];

/** What each caller gets from a function only an organization's admins may call. */
export const ADMIN_ONLY: Readonly<Record<CallerName, string>> = {
  anonymous: "UNAUTHENTICATED",
  otherMember: "FORBIDDEN",
  member: "FORBIDDEN",
  author: "FORBIDDEN",
  admin: "ok",
};

/** The ConvexError code a call rejects with, or "ok". */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    const code = (error as { data?: { code?: string } }).data?.code;
    if (!code) throw error;
    return code;
  }
}

export const CLOSED: OrganizationSettings = {
  allowGuestComments: false,
  preModeration: false,
  autoCreateThreads: false,
  allowedOrigins: [],
};

/** A person written straight into `users`. */
export async function insertUser(
  t: Backend,
  name: string,
  fields: { role?: "admin" | "user"; organizationId?: Id<"organizations"> } = {},
): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.test`;
  const as = signedIn(t, name, email);
  const authId = authIdOf(email);
  const userId = await t.run((ctx) =>
    ctx.db.insert("users", { authId, name, email, role: fields.role ?? "user", createdAt: Date.now(), ...fields }),
  );
  return { as, userId, authId, email, name };
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
 * The callers of the comments' authorization matrix on organization "acme": nobody, an admin of
 * another organization, a member, a reader who will write the comment, and acme's admin (its owner).
 */
export async function world(t: Backend, settings: Partial<OrganizationSettings> = {}) {
  const acme = await insertOrganization(t, "acme", settings);
  const globex = await insertOrganization(t, "globex");
  const member = await insertUser(t, "Mia Member", { organizationId: acme.organizationId });
  const author = await insertUser(t, "Ada Author");
  const people = { outsider: globex.owner, member, author, admin: acme.owner };
  return {
    acme,
    globex,
    people,
    callers: {
      anonymous: t,
      outsider: people.outsider.as,
      member: people.member.as,
      author: people.author.as,
      admin: people.admin.as,
    },
  };
}
export type CommentCallerName = keyof Awaited<ReturnType<typeof world>>["callers"];

/** Everything a comment write could touch, to show that a rejected call wrote nothing. */
export async function snapshot(t: Backend) {
  return await t.run(async (ctx) => ({
    users: await ctx.db.query("users").collect(),
    posts: await ctx.db.query("posts").collect(),
    comments: await ctx.db.query("comments").collect(),
    emailDeliveries: await ctx.db.query("emailDeliveries").collect(),
    auditLog: await ctx.db.query("auditLog").collect(),
    queueAlerts: await ctx.db.query("queueAlerts").collect(),
    reactions: await ctx.db.query("reactions").collect(),
    reactionCounts: await ctx.db.query("reactionCounts").collect(),
    reactionScoreSyncs: await ctx.db.query("reactionScoreSyncs").collect(),
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

/** A comment row written straight into the table (any status, any date), on `postId`'s organization. */
export async function addComment(
  t: Backend,
  postId: Id<"posts">,
  fields: Partial<Doc<"comments">> & Pick<Doc<"comments">, "content" | "status">,
): Promise<Id<"comments">> {
  return await t.run(async (ctx) => {
    const post = (await ctx.db.get("posts", postId))!;
    return await ctx.db.insert("comments", {
      postId,
      organizationId: post.organizationId,
      authorName: "Reader",
      createdAt: Date.now(),
      ...fields,
    });
  });
}

/** The thread `world` and `insertOrganization` make: acme's published "hello-world". */
export const ACME_THREAD = { organizationSlug: "acme", postSlug: "hello-world" } as const;

/** `comments.create` arguments on ACME_THREAD, each with a request id of its own (`prefix-1`, `prefix-2`, …). */
export function commentRequests(prefix: string) {
  let count = 0;
  return (content = "Hi", extra: object = {}) => ({ ...ACME_THREAD, content, clientRequestId: `${prefix}-${++count}`, ...extra });
}
