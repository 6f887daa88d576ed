// @vitest-environment node
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { listModules, render } from "../../scripts/codegen";

const generated = (name: string) =>
  readFileSync(new URL(`../../convex/_generated/${name}`, import.meta.url), "utf8");

test("every module in convex/ is typed in the committed convex/_generated/api.d.ts", () => {
  const modules = listModules();
  expect(modules).toEqual(expect.arrayContaining(["http.ts", "auth.ts", "validators.ts", "lib/errors.ts"]));
  expect(modules, "configuration files are not function modules").not.toEqual(
    expect.arrayContaining(["schema.ts"]),
  );
  expect(modules.some((m) => m.includes(".config."))).toBe(false);
  const api = generated("api.d.ts");
  for (const module of modules) {
    expect(api, `convex/${module}.ts is missing from _generated/api.d.ts: run npm run codegen`).toContain(
      `from "../${module.replace(/\.ts$/, "")}.js"`,
    );
  }
});

test("the committed convex/_generated files are what the generator writes now", async () => {
  for (const [name, text] of Object.entries(await render(listModules()))) {
    expect(generated(name), `${name} is stale: run npm run codegen`).toBe(text);
  }
});

test("a module left out of the generated api is detected", async () => {
  const withoutHttp = (await render(listModules().filter((m) => m !== "http.ts")))["api.d.ts"];
  expect(withoutHttp).not.toBe(generated("api.d.ts"));
});

test("files carry the header `npx convex dev` writes, so a real run leaves them unchanged", () => {
  for (const name of ["api.d.ts", "api.js", "dataModel.d.ts", "server.d.ts", "server.js"]) {
    expect(generated(name), name).toContain("To regenerate, run `npx convex dev`.\n");
  }
});

test("components are typed from each package's ComponentApi", () => {
  const api = generated("api.d.ts");
  expect(api).toContain(
    'betterAuth: import("@convex-dev/better-auth/_generated/component.js").ComponentApi<"betterAuth">',
  );
  expect(api).toContain('rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi');
});
