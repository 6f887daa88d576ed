/**
 * Server-side rendering for the browser tests: renders an element with @lit-labs/ssr in the test
 * runner's Node process, as a Node framework's server would, for the page to hydrate.
 */
import type { TestRunnerPlugin } from "@web/test-runner";

export interface SsrPayload {
  deployment: string;
  org: string;
  post: string;
  initial: unknown;
}

export function ssrPlugin(): TestRunnerPlugin {
  return {
    name: "lp-ssr",
    async executeCommand({ command, payload }) {
      if (command !== "lp-ssr") return undefined;
      const { render } = await import("@lit-labs/ssr");
      const { collectResult } = await import("@lit-labs/ssr/lib/render-result.js");
      const { html } = await import("lit");
      await import("../../../src/post-comments/post-comments.js");
      const { deployment, org, post, initial } = payload as SsrPayload;
      const markup = await collectResult(
        render(html`<post-comments deployment=${deployment} org=${org} post=${post} .initial=${initial}></post-comments>`),
      );
      return { html: markup };
    },
  };
}
