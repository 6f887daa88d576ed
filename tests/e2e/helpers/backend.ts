/**
 * The tests' own line to the backend, from Node: Better Auth sessions over HTTP (with the demo's
 * origin, as a browser would send it), Convex calls through ConvexHttpClient, and signed webhook calls.
 */
import { createHmac, randomBytes } from "node:crypto";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../../../convex/_generated/api";
import { signIn, signUp, siteAt } from "../../../support/auth";
import type { Mail } from "../../../support/mailbox";
import type { ProviderControl } from "../../../support/oauth-provider";

export { api };

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through playwright.config.ts (global setup).`);
  return value;
}

export const backend = {
  get pageOrigin() {
    return required("E2E_BASE_URL");
  },
  get url() {
    return required("E2E_CONVEX_URL");
  },
  get siteUrl() {
    return required("E2E_CONVEX_SITE_URL");
  },
  get mailboxUrl() {
    return required("E2E_MAILBOX_URL");
  },
  get oauthControlUrl() {
    return required("E2E_OAUTH_CONTROL_URL");
  },
  get admin() {
    return { email: required("E2E_ADMIN_EMAIL"), password: required("E2E_ADMIN_PASSWORD") };
  },
};

export const ORG = "acme";

/** A name no other test uses: `prefix-<time>-<random>`. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** A reader nobody has signed up yet. */
export function newReader(name = "Reader") {
  const id = unique("reader");
  return { name: `${name} ${id.slice(-6)}`, email: `${id}@example.test`, password: "correct-horse-battery" };
}

/** The backend's auth routes, called from the demo's origin. */
function site() {
  return siteAt(backend.siteUrl, backend.pageOrigin);
}

/** An HTTP client for the backend, signed in with `token` when given. */
export function client(token?: string): ConvexHttpClient {
  const http = new ConvexHttpClient(backend.url);
  if (token) http.setAuth(token);
  return http;
}

/** The seeded organization's administrator, signed in. */
export async function adminClient(): Promise<ConvexHttpClient> {
  const admin = client((await signIn(site(), backend.admin)).token);
  await admin.mutation(api.users.ensureViewer, {});
  return admin;
}

/** A new reader account (not a member), signed in. */
export async function readerClient(reader = newReader()): Promise<ConvexHttpClient> {
  const http = client((await signUp(site(), reader)).token);
  await http.mutation(api.users.ensureViewer, {});
  return http;
}

/**
 * A new organization of the test's own, owned (administered) by a new account, so a test can change
 * its settings without touching the seeded one. `account` signs in to the dashboard.
 */
export async function ownOrganization(name = "Own Org") {
  const account = newReader("Owner");
  const owner = await readerClient(account);
  const slug = unique("org");
  const orgName = `${name} ${slug.slice(-6)}`;
  await owner.mutation(api.organizations.create, { name: orgName, slug });
  return { account, owner, slug, name: orgName };
}

/** A published article with a fresh slug, written by the administrator. */
export async function publishPost(title: string, content = `Text of ${title}.`) {
  const admin = await adminClient();
  const slug = unique("post");
  const postId = await admin.mutation(api.posts.create, { title, content, slug });
  await admin.mutation(api.posts.publish, { postId });
  return { slug, postId, title };
}

/** Every visible comment of a thread (top-level and replies), read from the backend. */
export async function storedComments(postSlug: string, organizationSlug = ORG) {
  const page = await client().query(api.comments.list, {
    organizationSlug,
    postSlug,
    paginationOpts: { numItems: 100, cursor: null },
  });
  return page.page.flatMap((thread) => [thread, ...thread.replies]);
}

/** The e-mails the backend has sent so far (support/mailbox.ts, started by the global setup). */
export async function sentMails(): Promise<Mail[]> {
  return (await (await fetch(`${backend.mailboxUrl}/mails`)).json()) as Mail[];
}

/** Tells the local GitHub / Google stand-in whom to sign in, or to be down (support/oauth-provider.ts). */
export async function controlProvider(change: ProviderControl): Promise<void> {
  const res = await fetch(backend.oauthControlUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(change),
  });
  if (!res.ok) throw new Error(`provider control failed: ${res.status}`);
}

/** The `X-Signature` header value the webhook expects: HMAC-SHA256 of the raw body, hex. */
export function sign(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export async function postWebhook(body: string, signature: string): Promise<Response> {
  return fetch(`${backend.siteUrl}/api/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature": signature },
    body,
  });
}
