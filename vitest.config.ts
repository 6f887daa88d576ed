import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A focused test (`.only`) fails the run in CI instead of silently skipping the rest.
    allowOnly: !process.env.CI,
    include: ["convex/**/*.test.ts", "tests/convex/**/*.test.ts", "tests/unit/**/*.test.ts"],
    environment: "edge-runtime",
    server: { deps: { inline: ["convex-test"] } },
    env: {
      SITE_URL: "http://localhost:5173",
      CONVEX_SITE_URL: "http://127.0.0.1:3211",
      BETTER_AUTH_SECRET: "test-secret-that-is-long-enough-for-better-auth-0123456789",
    },
  },
});
