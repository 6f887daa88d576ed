// @vitest-environment node
/**
 * Server-side rendering with @lit-labs/ssr, as a Node framework would: `initial` renders the real first
 * page into declarative shadow DOM, no skeleton, and nothing connects on the server.
 */
import { render } from "@lit-labs/ssr";
import { collectResult } from "@lit-labs/ssr/lib/render-result.js";
import { html } from "lit";
import { expect, test } from "vitest";

test("SSR of <post-comments> and <org-post-list> with `initial` renders the first page, not a skeleton", async () => {
  await import("../../src/post-comments/post-comments.js");
  await import("../../src/org-post-list/org-post-list.js");
  const at = Date.UTC(2026, 0, 2);
  const comment = (id: string, content: string) => ({
    _id: id,
    _creationTime: at,
    postId: "p1",
    organizationId: "o1",
    authorName: `Author ${id}`,
    content,
    createdAt: at,
    status: "visible",
  });
  const comments = { page: [{ ...comment("c1", "Rendered on the **server**"), replies: [comment("c2", "A reply")] }], isDone: true, commentCount: 2 };
  const posts = {
    page: [{ _id: "p1", slug: "first-post", title: "First post", excerpt: "An excerpt", authorId: "u1", authorName: "Ada", publishedAt: at, commentCount: 2 }],
    isDone: true,
  };
  const output = await collectResult(
    render(html`<post-comments deployment="https://example.convex.cloud" org="acme" post="first-post" .initial=${comments}></post-comments>
      <org-post-list deployment="https://example.convex.cloud" org="acme" href-template="/blog/{slug}" .initial=${posts}></org-post-list>`),
  );
  expect(output.match(/<template shadowroot(mode)?="open"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  expect(output).not.toContain('part="skeleton"');
  // Lit's hydration markers stand between the tags and the text.
  const text = output.replace(/<!--[^]*?-->/g, "");
  expect(text).toContain("<strong>server</strong>");
  expect(text).toContain("A reply");
  expect(text).toContain("2 comments");
  expect(output).toMatch(/<a part="post-link" href="\/blog\/first-post"[^>]*>/);
  expect(text).toContain("First post");
});
