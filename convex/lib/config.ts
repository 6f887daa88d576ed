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
  /**
   * The domain passkeys belong to (WebAuthn's relying party): pages of it and its subdomains may use
   * them. SITE_URL's host unless set; it must be a domain name, not an IP address.
   */
  passkeyRpId: () => process.env.PASSKEY_RP_ID ?? new URL(process.env.SITE_URL ?? DEFAULT_SITE_URL).hostname,
  /** GitHub sign-in (an OAuth app's credentials); offered only when both are set. */
  githubClientId: () => process.env.GITHUB_CLIENT_ID,
  githubClientSecret: () => process.env.GITHUB_CLIENT_SECRET,
  /** GitHub's web origin (authorize, token) and its API (profile, e-mails): local stand-ins in tests. */
  githubUrl: () => process.env.GITHUB_URL ?? "https://github.com",
  githubApiUrl: () => process.env.GITHUB_API_URL ?? "https://api.github.com",
  /** Google sign-in (an OAuth client's credentials); offered only when both are set. */
  googleClientId: () => process.env.GOOGLE_CLIENT_ID,
  googleClientSecret: () => process.env.GOOGLE_CLIENT_SECRET,
  /** The OpenID issuer whose discovery document names Google's endpoints (a local stand-in in tests). */
  googleIssuer: () => process.env.GOOGLE_ISSUER ?? "https://accounts.google.com",
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
