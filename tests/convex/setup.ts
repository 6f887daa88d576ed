/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import betterAuthTest from "@convex-dev/better-auth/test";
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import schema from "../../convex/schema";
import { PAGE_ORIGIN, type AuthSite } from "../../support/auth";

export const modules = import.meta.glob([
  "../../convex/**/*.ts",
  "../../convex/_generated/*.js",
  "!../../convex/**/*.test.ts",
  "!../../convex/**/*.d.ts",
]);

/** A fresh in-memory deployment with our functions and both components registered. */
export function newBackend() {
  const t = convexTest(schema, modules);
  betterAuthTest.register(t, "betterAuth");
  rateLimiterTest.register(t, "rateLimiter");
  return t;
}
export type Backend = ReturnType<typeof newBackend>;

/** The deployment's site routes (`t.fetch`), called as from the page origin the tests' SITE_URL names. */
export function authSite(t: Backend): AuthSite {
  return { fetch: (path, init) => t.fetch(path, init), origin: PAGE_ORIGIN };
}
