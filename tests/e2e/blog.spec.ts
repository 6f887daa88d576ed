import { expect, test } from "@playwright/test";
import { api, client, newReader, ORG, unique } from "./helpers/backend";
import { commentWith, feedEntry, signUpIn, writeComment } from "./helpers/page";

/** "3 comments" → 3 */
async function countIn(locator: import("@playwright/test").Locator): Promise<number> {
  const text = (await locator.textContent()) ?? "";
  const match = /(\d+)/.exec(text);
  if (!match) throw new Error(`No number in “${text}”`);
  return Number(match[1]);
}

test("a reader's comment reaches another reader, the thread's count, the byline's count and the marketing feed without a reload", async ({ browser }) => {
  const writer = await browser.newContext();
  const other = await browser.newContext();
  const writerPage = await writer.newPage();
  const readerPage = await other.newPage();
  const landing = await other.newPage();

  await writerPage.goto("/blog/hello-world.html");
  await readerPage.goto("/blog/hello-world.html");
  await landing.goto("/");
  const readerThread = readerPage.locator("post-comments");
  const readerCount = readerThread.locator("[part~='count']");
  await expect(readerCount).toHaveText(/\d+ comments?/);
  const before = await countIn(readerCount);
  const feedCount = feedEntry(landing.locator("org-post-list"), "Hello, world").locator("[part~='comment-count']");
  await expect(feedCount).toHaveText(`${before} comments`);
  const bylineCount = readerPage.locator(".byline post-comment-count [part~='count']");
  await expect(bylineCount).toHaveText(`${before} comments`);
  // A mark that a reload would wipe.
  for (const page of [readerPage, landing]) await page.evaluate(() => ((window as { stillHere?: boolean }).stillHere = true));

  const reader = newReader("Writer");
  const writerThread = writerPage.locator("post-comments");
  await signUpIn(writerThread, reader);
  const text = `Live from another browser ${unique("c")}`;
  await writeComment(writerThread, text);
  await expect(writerThread.getByText(text)).toBeVisible();

  await expect(readerThread.getByText(text)).toBeVisible();
  await expect(readerThread.getByRole("article", { name: `Comment by ${reader.name}` })).toBeVisible();
  await expect(readerCount).toHaveText(`${before + 1} comments`);
  await expect(feedCount).toHaveText(`${before + 1} comments`);
  await expect(bylineCount).toHaveText(`${before + 1} comments`);
  // Neither page reloaded.
  for (const page of [readerPage, landing]) expect(await page.evaluate(() => (window as { stillHere?: boolean }).stillHere)).toBe(true);

  await writer.close();
  await other.close();
});

test("the first comment on a page the backend does not know creates its thread", async ({ page }) => {
  const slug = "notes-from-the-meetup";
  expect(await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug })).toBeNull();

  await page.goto("/blog/notes-from-the-meetup.html");
  const thread = page.locator("post-comments");
  await expect(thread.locator("[part~='count']")).toHaveText("0 comments");
  await expect(thread.locator("[part~='empty']")).toBeVisible();

  await signUpIn(thread, newReader("First"));
  await writeComment(thread, "First! Great meetup.");
  await expect(thread.getByText("First! Great meetup.")).toBeVisible();
  await expect(thread.locator("[part~='count']")).toHaveText("1 comment");

  const created = await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug });
  expect(created).toMatchObject({ slug, title: "Notes from the meetup", kind: "thread", commentCount: 1 });
});

test("the blog's first post leads with its pinned comment, marked, in each order of the header's control", async ({ page }) => {
  await page.goto("/blog/hello-world.html");
  const thread = page.locator("post-comments");
  const first = thread.locator("[part~='list'] > [part~='comment']").first();
  await expect(first.locator("[part~='comment-body']")).toContainText("the blog has an RSS feed");
  await expect(first.locator("[part~='pinned-badge']")).toHaveText("Pinned");
  await expect(thread.locator("[part~='pinned-badge']")).toHaveCount(1);

  const sort = thread.locator("[part~='sort-select']");
  await expect(sort).toHaveValue("oldest");
  await expect(thread.locator("[part~='list'] > [part~='comment']").nth(1)).toContainText("Congratulations on the launch");
  for (const order of ["newest", "top"]) {
    await sort.selectOption(order);
    await expect(thread).toHaveAttribute("sort", order);
    await expect(first.locator("[part~='pinned-badge']")).toHaveText("Pinned");
    await expect(first.locator("[part~='comment-body']")).toContainText("the blog has an RSS feed");
  }
});

test("the blog post shows the seeded reactions; a reader's reaction reaches another reader live", async ({ browser }) => {
  const reacting = await browser.newContext();
  const watching = await browser.newContext();
  const readerPage = await reacting.newPage();
  const otherPage = await watching.newPage();
  await readerPage.goto("/blog/hello-world.html");
  await otherPage.goto("/blog/hello-world.html");
  const thread = readerPage.locator("post-comments");
  const otherThread = otherPage.locator("post-comments");
  // The seed's reactions: on the post under its heading, and on the comments.
  await expect(otherThread.locator("[part~='header'] [part~='reaction']")).toHaveText(["🎉 3", "❤️ 1", "🚀 2"]);
  const otherEyes = commentWith(otherThread, "the blog has an RSS feed").locator("[part~='reaction']", { hasText: "👀" });
  await expect(otherEyes).toHaveText(/👀 \d+/);
  const before = await countIn(otherEyes);

  await signUpIn(thread, newReader("Reactor"));
  const eyes = commentWith(thread, "the blog has an RSS feed").locator("button[part~='reaction']", { hasText: "👀" });
  await expect(eyes).toHaveAccessibleName(`👀 ${before}, react with eyes`);
  await expect(eyes).toHaveAttribute("aria-pressed", "false");
  await eyes.click();
  await expect(eyes).toHaveAttribute("aria-pressed", "true");
  await expect(eyes).toHaveAccessibleName(`👀 ${before + 1}, react with eyes`);
  await expect(otherEyes).toHaveText(`👀 ${before + 1}`);

  await reacting.close();
  await watching.close();
});
