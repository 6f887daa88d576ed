/**
 * Whether this browser holds a Better Auth session for the elements, read without loading the auth
 * client: the cross-domain client keeps its cookies as JSON in localStorage under `better-auth_cookie`.
 * Every reader downloads this, so it is terse (the strings written in place: esbuild keeps a constant).
 */

/** A session to restore, or one to finish: `lp-auth` in the address marks the end of a sign-in link's or a provider's round trip (session.ts). */
export function hasStoredSession(): boolean {
  try {
    return (
      location.search.includes("lp-auth") ||
      // No cookies at all: undefined, which JSON.parse throws on.
      Object.entries(JSON.parse(localStorage["better-auth_cookie"] as string) as Record<string, { value?: string; expires?: string | null }>).some(
        // A cookie without an expiry lasts: 8e15 ms is a valid date far ahead.
        ([name, cookie]) => name.includes("session_token") && cookie.value && new Date(cookie.expires || 8e15) >= new Date(),
      )
    );
  } catch {
    return false;
  }
}
