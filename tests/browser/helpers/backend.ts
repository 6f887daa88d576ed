/**
 * Browser-side access to the local backend the test run started: its URLs, and people acting on it
 * from Node (another reader, an author) through the runner's server commands.
 */
import { executeServerCommand } from "@web/test-runner-commands";
import type { CallPayload, JoinPayload, SignUpPayload } from "./backend-plugin.js";

export interface BackendUrls {
  url: string;
  siteUrl: string;
}

let urls: Promise<BackendUrls> | undefined;

export function backendUrls(): Promise<BackendUrls> {
  urls ??= fetch("/__backend.json").then(async (res) => {
    if (!res.ok) throw new Error(`local backend not available: ${res.status}`);
    return (await res.json()) as BackendUrls;
  });
  return urls;
}

let counter = 0;
/** A name no other test in this run uses. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export interface Person {
  name: string;
  email: string;
  token: string;
  mutation<T = unknown>(name: string, args?: Record<string, unknown>): Promise<T>;
  query<T = unknown>(name: string, args?: Record<string, unknown>): Promise<T>;
}

/**
 * An address for the backend that refuses connections until `open()` (a proxy from Node starts
 * listening on it), for tests of recovering from an unreachable deployment.
 */
export async function gatedDeployment(): Promise<{ url: string; open: () => Promise<void> }> {
  const { port, url } = await executeServerCommand<{ port: number; url: string }, undefined>("lp-reserve-gate");
  return { url, open: async () => void (await executeServerCommand("lp-open-gate", { port })) };
}

async function call<T>(payload: CallPayload): Promise<T> {
  const { result } = await executeServerCommand<{ result: T }, CallPayload>("lp-call", payload);
  return result;
}

/** The password of everyone `signUp` makes. */
export const PASSWORD = "correct horse battery";

/** Signs a new person up through Better Auth and creates their `users` row. */
export async function signUp(name = "Reader"): Promise<Person> {
  const email = `${unique("user")}@example.com`;
  const { token } = await executeServerCommand<{ token: string }, SignUpPayload>("lp-sign-up", {
    name,
    email,
    password: PASSWORD,
  });
  const person: Person = {
    name,
    email,
    token,
    mutation: (fn, args = {}) => call({ token, kind: "mutation", name: fn, args }),
    query: (fn, args = {}) => call({ token, kind: "query", name: fn, args }),
  };
  await person.mutation("users:ensureViewer");
  return person;
}

/** Makes `member` a member of `admin`'s organization through a real invitation (see the plugin). */
export async function joinOrganization(admin: Person, member: Person, role: "admin" | "user" = "user"): Promise<void> {
  await executeServerCommand<unknown, JoinPayload>("lp-join", {
    adminToken: admin.token,
    memberToken: member.token,
    email: member.email,
    role,
  });
}

export interface Organization {
  slug: string;
  owner: Person;
  /** Creates and publishes a post; returns its id and slug. */
  publish(title: string, content?: string, author?: Person): Promise<{ postId: string; slug: string }>;
}

/** A fresh organization owned by a new person, optionally with published posts (oldest first). */
export async function createOrganization(
  opts: { ownerName?: string; posts?: { title: string; content?: string }[] } = {},
): Promise<Organization> {
  const owner = await signUp(opts.ownerName ?? "Owner");
  const slug = unique("org");
  await owner.mutation("organizations:create", { name: `Org ${slug}`, slug });
  const organization: Organization = {
    slug,
    owner,
    async publish(title, content = `About ${title}.`, author = owner) {
      const postSlug = unique("post");
      const postId = await author.mutation<string>("posts:create", { title, content, slug: postSlug });
      await author.mutation("posts:publish", { postId });
      return { postId, slug: postSlug };
    },
  };
  for (const post of opts.posts ?? []) await organization.publish(post.title, post.content);
  return organization;
}
