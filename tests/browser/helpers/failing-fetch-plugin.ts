/**
 * A flaky network for some downloads: the `lp-failing-fetches` command with `{ path, failing }` makes
 * the dev server drop the connection of every request whose path contains `path`, until called again
 * with `failing: false`. The middleware goes in the config's `middleware` (it must run before files are
 * served), the plugin in its `plugins`.
 */
import type { TestRunnerPlugin } from "@web/test-runner";
import type { Middleware } from "koa";

export function failingFetch(): { middleware: Middleware; plugin: TestRunnerPlugin } {
  const failing = new Set<string>();
  return {
    middleware: async (ctx, next) => {
      if (![...failing].some((path) => ctx.path.includes(path))) return next();
      ctx.respond = false;
      ctx.req.socket.destroy();
    },
    plugin: {
      name: "lp-failing-fetch",
      executeCommand({ command, payload }) {
        if (command !== "lp-failing-fetches") return undefined;
        const { path, failing: on } = payload as { path: string; failing: boolean };
        if (on) failing.add(path);
        else failing.delete(path);
        return true;
      },
    },
  };
}
