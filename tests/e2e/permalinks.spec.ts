import { expect, test } from "@playwright/test";
import { api, ORG, publishPost, readerClient } from "./helpers/backend";
import { commentWith } from "./helpers/page";

test("a copied comment link opens the post page on that reply, marked and focused", async ({ browser }) => {
  const post = await publishPost("Linked thread");
  const writer = await readerClient();
  const thread = { organizationSlug: ORG, postSlug: post.slug };
  const { commentId: question } = await writer.mutation(api.comments.create, {
    ...thread,
    content: "A question",
    clientRequestId: `question-${post.slug}`,
  });
  await writer.mutation(api.comments.create, { ...thread, content: "Another thought", clientRequestId: `thought-${post.slug}` });
  const { commentId: answer } = await writer.mutation(api.comments.create, {
    ...thread,
    content: "The answer",
    parentId: question,
    clientRequestId: `answer-${post.slug}`,
  });

  const sharer = await browser.newContext();
  await sharer.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await sharer.newPage();
  await page.goto(`/post.html?slug=${post.slug}`);
  const reply = commentWith(page.locator("post-comments"), "The answer");
  await reply.getByRole("button", { name: "Copy link" }).click();
  await expect(reply.getByRole("button", { name: "Link copied" })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(new URL(`/post.html?slug=${post.slug}#comment-${answer}`, page.url()).href);

  const reader = await browser.newPage();
  await reader.setViewportSize({ width: 800, height: 400 });
  await reader.goto(link);
  const linked = reader.locator("post-comments").locator(`[part~='linked-comment']`);
  await expect(linked).toHaveAttribute("data-id", answer);
  const article = linked.getByRole("article");
  await expect(article).toBeFocused();
  await expect(article).toBeInViewport();
  await sharer.close();
});
