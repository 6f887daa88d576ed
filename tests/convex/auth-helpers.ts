import type { Backend } from "./setup";

const ORIGIN = "http://localhost:5173";

/** `Set-Better-Auth-Cookie` (a set-cookie list) → the `Better-Auth-Cookie` header the cross-domain client sends. */
export function cookieHeader(setCookie: string): string {
  return setCookie
    .split(/,(?=\s*[\w.-]+=)/)
    .map((part) => part.split(";")[0]!.trim())
    .join("; ");
}

/** Signs up through the real Better Auth routes and returns the session cookie and a Convex JWT. */
export async function signUpViaHttp(t: Backend, email: string, name: string, password = "correct horse battery") {
  const res = await t.fetch("/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, "better-auth-cookie": "" },
    body: JSON.stringify({ email, password, name }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = cookieHeader(res.headers.get("set-better-auth-cookie") ?? "");
  const tokenRes = await t.fetch("/api/auth/convex/token", {
    headers: { origin: ORIGIN, "better-auth-cookie": cookie },
  });
  if (tokenRes.status !== 200) throw new Error(`token failed: ${tokenRes.status} ${await tokenRes.text()}`);
  const { token } = (await tokenRes.json()) as { token: string };
  const claims = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as {
    sub: string;
    email?: string;
    name: string;
    sessionId: string;
  };
  return { cookie, token, authId: claims.sub, claims };
}
