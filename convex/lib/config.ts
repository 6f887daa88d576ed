/**
 * The deployment's configuration: every environment variable the backend reads, read here only.
 * Read at call time, not at import, so a value set on the deployment (or by a test) takes effect
 * without reloading modules.
 */
const DEFAULT_SITE_URL = "http://localhost:5173";

export const config = {
  /** The Convex site origin (HTTP actions, Better Auth's routes); set by the platform. */
  convexSiteUrl: () => process.env.CONVEX_SITE_URL,
  /** Signs Better Auth's sessions and tokens. */
  betterAuthSecret: () => process.env.BETTER_AUTH_SECRET,
  /** The main site (the dashboard, invitation links). */
  siteUrl: () => process.env.SITE_URL ?? DEFAULT_SITE_URL,
  /** Pages allowed to sign in through the elements: `SITE_URL` plus the comma-separated `TRUSTED_ORIGINS`. */
  trustedOrigins: (): string[] => {
    const extra = (process.env.TRUSTED_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean);
    return [process.env.SITE_URL, ...extra].filter((origin): origin is string => !!origin);
  },
  /** Resend's API key; without it e-mails are skipped. */
  resendApiKey: () => process.env.RESEND_API_KEY,
  /** The e-mail provider's API (a local stand-in in tests). */
  emailApiUrl: () => process.env.EMAIL_API_URL ?? "https://api.resend.com",
  emailFrom: () => process.env.EMAIL_FROM ?? "comments@localhost",
  /** An Akismet-compatible service's key; without it new comments are not checked. */
  spamCheckApiKey: () => process.env.SPAM_CHECK_API_KEY,
  /** Its `comment-check` endpoint (Akismet's by default, a local stand-in in tests). */
  spamCheckUrl: () => process.env.SPAM_CHECK_URL ?? "https://rest.akismet.com/1.1/comment-check",
  /** How long to wait for its verdict before holding the comment unchecked. */
  spamCheckTimeoutMs: () => Number(process.env.SPAM_CHECK_TIMEOUT_MS) || 5000,
};
