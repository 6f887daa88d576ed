/**
 * Whether this browser holds a Better Auth session for the elements, read without loading the auth
 * client: the cross-domain client keeps its cookies as JSON in localStorage under this key.
 */
const COOKIE_KEY = "better-auth_cookie";

export function hasStoredSession(): boolean {
  try {
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
