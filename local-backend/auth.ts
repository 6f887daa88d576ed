/**
 * Who a request is: JWTs checked the way a deployment checks them, against the provider in
 * convex/auth.config.ts (issuer, application id as audience, algorithm, JWKS URL). The JWKS comes
 * from our own site routes, fetched in-process.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { UserIdentity } from "convex/server";
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import { convexDir } from "./modules";

type Provider = { issuer: string; applicationID: string; algorithm?: string; jwks: string };

/** JWT claim → UserIdentity field, as documented on UserIdentity. */
const IDENTITY_FIELD_BY_CLAIM: Record<string, string> = {
  sub: "subject",
  iss: "issuer",
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const NOT_IDENTITY = new Set(["aud", "exp", "iat", "nbf", "jti"]);

export class AuthFailure extends Error {}

export type VerifiedToken = { identity: UserIdentity; expiresAt: number | null };

export class TokenVerifier {
  private keys: ReturnType<typeof createLocalJWKSet> | null = null;

  constructor(
    private readonly provider: Provider,
    /** GETs a path on our site (the JWKS route) in-process. */
    private readonly fetchSite: (path: string) => Promise<Response>,
  ) {}

  static async fromAuthConfig(fetchSite: (path: string) => Promise<Response>): Promise<TokenVerifier> {
    const config = (await import(pathToFileURL(join(convexDir, "auth.config.ts")).href)).default;
    const provider = config.providers[0] as Provider;
    return new TokenVerifier(provider, fetchSite);
  }

  private async loadKeys(): Promise<ReturnType<typeof createLocalJWKSet>> {
    const res = await this.fetchSite(new URL(this.provider.jwks).pathname);
    if (!res.ok) throw new AuthFailure(`Could not fetch the JWKS: ${res.status}`);
    this.keys = createLocalJWKSet((await res.json()) as JSONWebKeySet);
    return this.keys;
  }

  async verify(token: string): Promise<VerifiedToken> {
    const options = {
      issuer: this.provider.issuer,
      audience: this.provider.applicationID,
      algorithms: [this.provider.algorithm ?? "RS256"],
    };
    let payload: JWTPayload;
    try {
      try {
        ({ payload } = await jwtVerify(token, this.keys ?? (await this.loadKeys()), options));
      } catch (error) {
        // Keys rotate (a reset data directory, a new signing key): refetch once.
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        ({ payload } = await jwtVerify(token, await this.loadKeys(), options));
      }
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthFailure("Token expired");
      throw new AuthFailure(
        `Could not verify token claim: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!payload.sub || !payload.iss) throw new AuthFailure("Token is missing the sub or iss claim");
    const identity: Record<string, unknown> = {};
    for (const [claim, value] of Object.entries(payload)) {
      if (NOT_IDENTITY.has(claim)) continue;
      identity[IDENTITY_FIELD_BY_CLAIM[claim] ?? claim] = value;
    }
    identity.tokenIdentifier = `${payload.iss}|${payload.sub}`;
    return { identity: identity as UserIdentity, expiresAt: payload.exp ? payload.exp * 1000 : null };
  }
}
