/**
 * The module maps convex-test needs, built from files on disk (outside Vite there is no
 * `import.meta.glob`). Keys are absolute paths; the key containing `_generated` tells convex-test
 * where each tree's root is, so `posts:list` resolves to `<root>/posts.ts`.
 */
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type ModuleMap = Record<string, () => Promise<any>>;

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));
export const convexDir = join(projectRoot, "convex");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function lazyImports(files: string[]): ModuleMap {
  return Object.fromEntries(files.map((file) => [file, () => import(pathToFileURL(file).href)]));
}

/** Our functions: convex/**\/*.ts (no tests, no declarations) plus convex/_generated/*.js. */
export function appModules(): ModuleMap {
  const files = walk(convexDir).filter((file) =>
    file.includes(`${sep}_generated${sep}`)
      ? file.endsWith(".js")
      : file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.endsWith(".test.ts"),
  );
  return lazyImports(files);
}

export type ComponentModules = { name: string; schema: any; modules: ModuleMap };

/** A component package's compiled functions: `dist/component/**\/*.js`, located from its convex.config. */
async function componentModules(name: string, configPath: string): Promise<ComponentModules> {
  const dir = dirname(configPath);
  const files = walk(dir).filter((file) => file.endsWith(".js"));
  const schema = (await import(pathToFileURL(join(dir, "schema.js")).href)).default;
  return { name, schema, modules: lazyImports(files) };
}

/** The components convex/convex.config.ts uses, each under the name the app gives it. */
export async function components(): Promise<ComponentModules[]> {
  const require = createRequire(join(projectRoot, "package.json"));
  const betterAuth = require.resolve("@convex-dev/better-auth/convex.config");
  const rateLimiter = require.resolve("@convex-dev/rate-limiter/convex.config");
  // batch-worker is the rate limiter's own dependency: resolve it from there.
  const batchWorker = createRequire(rateLimiter).resolve("@convex-dev/batch-worker/convex.config");
  return Promise.all([
    componentModules("betterAuth", betterAuth),
    componentModules("rateLimiter", rateLimiter),
    componentModules("rateLimiter/batchWorker", batchWorker),
  ]);
}
