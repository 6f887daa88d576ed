/**
 * Better Auth's e-mail routes as the elements' cross-domain client uses them (an `Origin` the
 * backend trusts, the session in the `Better-Auth-Cookie` header), for tests, benchmarks and
 * scripts. Works with any fetch: `fetch` against a running site, or convex-test's `t.fetch`.
 */

/** Fetches a path of the Convex site (`/api/auth/...`). */
export type SiteFetch = (path: string, init?: RequestInit) => Promise<Response>;

/** Where the auth routes answer, and the page origin requests say they come from. */
export type AuthSite = { fetch: SiteFetch; origin: string };

export type Credentials = { email: string; password: string };
export type NewAccount = Credentials & { name: string };

/** A signed-in session: the cookie header the client sends back, and a Convex JWT for it. */
export type Session = { cookie: string; token: string };

/** The page origin the backends trust by default (their `SITE_URL`). */
export const PAGE_ORIGIN = "http://localhost:5173";
export const PASSWORD = "correct horse battery";

/** A running site at `siteUrl`, called as from `origin`. */
export function siteAt(siteUrl: string, origin = PAGE_ORIGIN): AuthSite {
  return { fetch: (path, init) => fetch(`${siteUrl}${path}`, init), origin };
}

/** `Set-Better-Auth-Cookie` (a set-cookie list) → the `Better-Auth-Cookie` header the cross-domain client sends. */
export function cookieHeader(setCookie: string): string {
  return setCookie
    .split(/,(?=\s*[\w.-]+=)/)
    .map((part) => part.split(";")[0]!.trim())
    .filter(Boolean)
    .join("; ");
}

/** The session cookie a reply sets, as a `Better-Auth-Cookie` header ("" when it sets none). */
export function replyCookie(res: Response): string {
  return cookieHeader(res.headers.get("set-better-auth-cookie") ?? "");
}

/** A POST to `/api/auth/<route>` with a JSON body, carrying `cookie` when given. */
export function authPost(site: AuthSite, route: string, body: unknown, cookie = ""): Promise<Response> {
  return site.fetch(`/api/auth/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: site.origin, "better-auth-cookie": cookie },
    body: JSON.stringify(body),
  });
}

async function ok(res: Response, what: string): Promise<Response> {
  if (res.status !== 200) throw new Error(`${what} failed: ${res.status} ${await res.text()}`);
  return res;
}

/** Signs in with e-mail and password; returns the session and its Convex JWT. */
export async function signIn(site: AuthSite, { email, password }: Credentials): Promise<Session> {
  const cookie = replyCookie(await ok(await authPost(site, "sign-in/email", { email, password }), "sign-in"));
  return { cookie, token: await convexToken(site, cookie) };
}

/** Creates the account, then signs in as it: sign-up itself starts no session (convex/auth.ts). */
export async function signUp(site: AuthSite, account: NewAccount): Promise<Session> {
  await ok(await authPost(site, "sign-up/email", account), "sign-up");
  return await signIn(site, account);
}

/** A Convex JWT for the session in `cookie`. */
export async function convexToken(site: AuthSite, cookie: string): Promise<string> {
  const res = await site.fetch("/api/auth/convex/token", { headers: { origin: site.origin, "better-auth-cookie": cookie } });
  return ((await (await ok(res, "token")).json()) as { token: string }).token;
}

/** The claims of a Convex JWT (not verified: for reading what the backend issued). */
export function tokenClaims(token: string): { sub: string; name: string; sessionId: string; email?: string } {
  return JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
}
