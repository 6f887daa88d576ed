/**
 * A flaky network for one download: `lp-fail-next-fetch` with `{ path }` makes the dev server answer
 * the next request whose path contains `path` with 503, as a dropped connection or a CDN hiccup would.
 * The middleware goes in the config's `middleware` (it must run before files are served), the plugin
 * in its `plugins`.
 */
import type { TestRunnerPlugin } from "@web/test-runner";
import type { Middleware } from "koa";

export function failingFetch(): { middleware: Middleware; plugin: TestRunnerPlugin } {
  const failing = new Set<string>();
  return {
    middleware: async (ctx, next) => {
      const match = [...failing].find((path) => ctx.path.includes(path));
      if (match === undefined) return next();
      failing.delete(match);
      ctx.status = 503;
      ctx.body = "Service unavailable";
    },
    plugin: {
      name: "lp-failing-fetch",
      executeCommand({ command, payload }) {
        if (command !== "lp-fail-next-fetch") return undefined;
        failing.add((payload as { path: string }).path);
        return true;
      },
    },
  };
}
