// First, so LitElement learns to hydrate declarative shadow DOM when it loads.
import "@lit-labs/ssr-client/lit-element-hydrate-support.js";
import { expect } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { backendUrls, createOrganization, signUp } from "./helpers/backend.js";
import { commentAs } from "./helpers/comments.js";
import { eventually, part, watchForPart } from "./helpers/dom.js";
import type { SsrPayload } from "./helpers/ssr-plugin.js";

describe("<post-comments> rendered on a server with `initial`", () => {
  it("hydrates the server's first page in place: no skeleton, no mismatch, the same nodes once live", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("SSR post");
    const reader = await signUp("SSR Reader");
    const first = await commentAs(reader, org.slug, slug, "Rendered on the server");
    await commentAs(reader, org.slug, slug, "A reply", first);
    const page = await reader.query<{ page: unknown[]; isDone: boolean }>("comments:list", {
      organizationSlug: org.slug,
      postSlug: slug,
      paginationOpts: { numItems: 20, cursor: null },
    });
    const initial = { page: page.page, isDone: page.isDone, commentCount: 2 };
    const { url } = await backendUrls();
    const { html } = await executeServerCommand<{ html: string }, SsrPayload>("lp-ssr", { deployment: url, org: org.slug, post: slug, initial });

    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
    window.addEventListener("error", onError);
    const container = document.createElement("div");
    document.body.append(container);
    try {
      container.setHTMLUnsafe(html);
      const el = container.querySelector<PostComments>("post-comments")!;
      expect(el.shadowRoot, "declarative shadow DOM, before any script").to.exist;
      const serverBody = el.shadowRoot!.querySelector('[part~="comment-body"]')!;
      expect(serverBody.textContent!.trim()).to.equal("Rendered on the server");
      const sawSkeleton = watchForPart(el, "skeleton");
      el.initial = initial as PostComments["initial"];

      await import("../../src/post-comments/post-comments.js");
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="comment-body"]'), "hydrated in place").to.equal(serverBody);
      await eventually(() => part(el, "base")!.getAttribute("aria-busy") === "false", "the live thread arrives");
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="comment-body"]'), "the live page reuses the server's nodes").to.equal(serverBody);
      expect(sawSkeleton(), "no skeleton at any time").to.equal(false);
      expect(part(el, "count")!.textContent).to.equal("2 comments");
      expect(errors, "no hydration error").to.deep.equal([]);
    } finally {
      window.removeEventListener("error", onError);
      container.remove();
    }
  });
});
