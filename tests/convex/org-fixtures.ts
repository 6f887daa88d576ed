import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { Backend } from "./setup";

/** A signed-in caller: `subject` is the Better Auth user id, as in the real JWT. */
export function signedIn(t: Backend, name: string, email: string) {
  return t.withIdentity({ subject: `auth-${email}`, email, name });
}
export type Caller = ReturnType<typeof signedIn>;

export type Person = { as: Caller; userId: Id<"users">; email: string; name: string };

async function person(t: Backend, name: string, email: string): Promise<Person> {
  const as = signedIn(t, name, email);
  const { _id } = await as.mutation(api.users.ensureViewer, {});
  return { as, userId: _id, email, name };
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

/** The callers of an authorization matrix, around a post written by `author`. */
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
export type CallerName = "anonymous" | "otherMember" | "member" | "author" | "admin";

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
