/**
 * `npm run lint`: TypeScript everywhere, Convex's rules for the backend (with type information, which the
 * table-name rule needs), Lit's and the web components' rules for the elements.
 */
import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import lit from "eslint-plugin-lit";
import wc from "eslint-plugin-wc";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // types/ is written by the manifest analyzer (npm run analyze).
  { ignores: ["dist/", "types/", "convex/_generated/", "test-results/", "bench/results/", ".local-backend-data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Names starting with `_` are deliberately unused (a destructured field left out, a required parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  // The backend only: tests/convex/ drives convex-test, whose `t.run` is not a deployed function.
  ...convexPlugin.configs.recommended.map((config) => ({ ...config, files: ["convex/**/*.ts"] })),
  {
    files: ["convex/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    // The one reader of the environment. Convex's typed `env` needs the variables declared in
    // convex.config.ts and typed by codegen from a deployment's analysis, which the offline codegen has not.
    files: ["convex/lib/config.ts"],
    rules: { "@convex-dev/no-process-env": "off" },
  },
  { files: ["src/**/*.ts"], ...lit.configs["flat/recommended"] },
  { files: ["src/**/*.ts"], ...wc.configs["flat/recommended"] },
  {
    // convex-test's engine, its stored documents and the function registry are untyped from here.
    files: ["local-backend/**/*.ts", "bench/**/*.ts", "tests/local-backend/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    files: ["tests/browser/**/*.ts"],
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
);
