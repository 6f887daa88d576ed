/**
 * The demo with JavaScript turned off: its pages carry server snapshots (filled in as they are served,
 * as `npx live-post-elements snapshot` fills a built site), so readers and crawlers get the comments
 * and the feed; the page source holds valid schema.org JSON-LD.
 */
import { expect, test } from "@playwright/test";
import { schemaOrgProblems } from "../../support/schema-org";
import { api, client, ORG } from "./helpers/backend";

test.use({ javaScriptEnabled: false });

/** The JSON-LD blocks of a page's source. */
async function jsonLdOf(source: string): Promise<unknown[]> {
  return [...source.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

test("a blog post shows its comments and replies without JavaScript; its source holds them and valid JSON-LD", async ({ page, request }) => {
  const response = await page.goto("/blog/hello-world.html");
  expect(response?.ok()).toBe(true);
  const thread = page.locator("post-comments");
  await expect(thread.getByText("Congratulations on the launch! Looking forward to the engineering posts.")).toBeVisible();
  await expect(thread.getByText("Thank you, Dana. The first one is coming next week.")).toBeVisible();
  await expect(thread.getByText("the blog has an RSS feed, so you can follow new posts without an account.")).toBeVisible();
  await expect(thread.locator("[part~='skeleton']")).toHaveCount(0);

  const source = await (await request.get("/blog/hello-world.html")).text();
  expect(source).toContain("the blog has an RSS feed, so you can follow new posts without an account.");
  const [posting] = (await jsonLdOf(source)) as Record<string, unknown>[];
  expect(posting).toMatchObject({ "@context": "https://schema.org", "@type": "DiscussionForumPosting", headline: "Hello, world" });
  expect(schemaOrgProblems(posting)).toEqual([]);
  const thread0 = await client().query(api.comments.list, { organizationSlug: ORG, postSlug: "hello-world", paginationOpts: { numItems: 20, cursor: null } });
  expect(posting!.commentCount).toBe((await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug: "hello-world" }))!.commentCount);

  // Every comment has a document-level id: a `#comment-<id>` link reaches it with no script.
  const reply = thread0.page.find((c) => c.replies.length)!.replies[0]!;
  await page.goto(`/blog/hello-world.html#comment-${reply._id}`);
  const target = page.locator(`#comment-${reply._id}`);
  await expect(target).toContainText("Thank you, Dana.");
  await expect(target).toBeInViewport();
});

test("the landing page's feed shows crawlable links with titles and excerpts without JavaScript", async ({ page, request }) => {
  await page.goto("/");
  const feed = page.locator("org-post-list");
  const link = feed.getByRole("link", { name: "Hello, world" });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("href", "/post.html?slug=hello-world");
  await expect(feed.locator("[part~='post-excerpt']").first()).not.toBeEmpty();
  const [list] = await jsonLdOf(await (await request.get("/")).text());
  expect(list).toMatchObject({ "@type": "ItemList" });
  expect(schemaOrgProblems(list)).toEqual([]);
});
