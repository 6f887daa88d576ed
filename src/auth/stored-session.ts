/**
 * Whether this browser holds a Better Auth session for the elements, read without loading the auth
 * client: the cross-domain client keeps its cookies as JSON in localStorage under this key.
 */
const COOKIE_KEY = "better-auth_cookie";
/** The query parameter that marks a page a sign-in link or a provider sent the reader back to. */
export const RETURN_MARK = "lp-auth";

/** A session to restore, or one to finish: the page is the end of a sign-in link or a provider's round trip. */
export function hasStoredSession(): boolean {
  try {
    if (new URLSearchParams(location.search).has(RETURN_MARK)) return true;
    const cookies = JSON.parse(localStorage.getItem(COOKIE_KEY) ?? "{}") as Record<
      string,
      { value?: string; expires?: string | null }
    >;
    return Object.entries(cookies).some(
      ([name, cookie]) =>
        name.includes("session_token") &&
        !!cookie.value &&
        (!cookie.expires || new Date(cookie.expires) >= new Date()),
    );
  } catch {
    return false;
  }
}
