/**
 * GitHub and Google sign-in through Better Auth's generic OAuth plugin: the same flow as its built-in
 * providers, with endpoints read from the configuration so tests run it against a local provider.
 * A provider is offered only when its client id and secret are set.
 */
import type { GenericOAuthConfig } from "better-auth/plugins/generic-oauth";
import { config } from "./config";

export const PROVIDERS = ["github", "google"] as const;
export type Provider = (typeof PROVIDERS)[number];

type GitHubEmail = { email: string; primary: boolean; verified: boolean };
type GitHubUser = { id: number; login: string; name: string | null; email: string | null; avatar_url: string | null };

/** GitHub has no id_token: the profile and the address list (which says whether an address is verified). */
async function gitHubProfile(accessToken: string) {
  const get = async <T>(path: string): Promise<T | null> => {
    const res = await fetch(`${config.githubApiUrl()}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/vnd.github+json", "user-agent": "live-post-elements" },
    });
    return res.ok ? ((await res.json()) as T) : null;
  };
  const profile = await get<GitHubUser>("/user");
  if (!profile) return null;
  const emails = (await get<GitHubEmail[]>("/user/emails")) ?? [];
  const chosen = emails.find((e) => e.primary) ?? emails.find((e) => e.email === profile.email);
  const email = chosen?.email ?? profile.email;
  if (!email) return null;
  return {
    id: String(profile.id),
    name: profile.name || profile.login,
    email,
    emailVerified: chosen?.verified ?? false,
    image: profile.avatar_url ?? undefined,
  };
}

/** The providers whose credentials are set, as Better Auth's generic OAuth configuration. */
export function oauthProviders(): GenericOAuthConfig[] {
  const providers: GenericOAuthConfig[] = [];
  const github = { clientId: config.githubClientId(), clientSecret: config.githubClientSecret() };
  if (github.clientId && github.clientSecret) {
    providers.push({
      providerId: "github",
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      authorizationUrl: `${config.githubUrl()}/login/oauth/authorize`,
      tokenUrl: `${config.githubUrl()}/login/oauth/access_token`,
      scopes: ["read:user", "user:email"],
      getUserInfo: (tokens) => (tokens.accessToken ? gitHubProfile(tokens.accessToken) : Promise.resolve(null)),
    });
  }
  const google = { clientId: config.googleClientId(), clientSecret: config.googleClientSecret() };
  if (google.clientId && google.clientSecret) {
    providers.push({
      providerId: "google",
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      discoveryUrl: `${config.googleIssuer()}/.well-known/openid-configuration`,
      scopes: ["openid", "email", "profile"],
      pkce: true,
    });
  }
  return providers;
}

/** Where to ask whether a provider answers at all, before the reader is sent there. */
export function probeUrl(provider: GenericOAuthConfig): string | undefined {
  return provider.discoveryUrl ?? provider.authorizationUrl;
}

export function enabledProviders(): Provider[] {
  const ids = new Set(oauthProviders().map((p) => p.providerId));
  return PROVIDERS.filter((id) => ids.has(id));
}
