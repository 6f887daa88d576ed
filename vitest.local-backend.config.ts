import { defineConfig } from "vitest/config";

/** The local backend's tests: real Convex clients over loopback, in Node. */
export default defineConfig({
  test: {
    // A focused test (`.only`) fails the run in CI instead of silently skipping the rest.
    allowOnly: !process.env.CI,
    include: ["tests/local-backend/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
