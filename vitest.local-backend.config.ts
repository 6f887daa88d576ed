import { defineConfig } from "vitest/config";

/** The local backend's tests: real Convex clients over loopback, in Node. */
export default defineConfig({
  test: {
    include: ["tests/local-backend/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
