import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";
import type { AuthConfig } from "convex/server";

/** Convex trusts JWTs issued by our Better Auth routes, checked against their JWKS. */
export default {
  providers: [getAuthConfigProvider()],
} satisfies AuthConfig;
