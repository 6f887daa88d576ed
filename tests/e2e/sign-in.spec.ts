/** Signing in without a password: a link by e-mail, read from the local mailbox. */
import { expect, test } from "@playwright/test";
import { mailTo } from "../../support/mailbox";
import { newReader, publishPost, sentMails } from "./helpers/backend";

test("a sign-in link signs the reader in on the page it was asked from, once", async ({ page }) => {
  const post = await publishPost("Thread for sign-in links");
  await page.goto(`/post.html?slug=${post.slug}`);
  const thread = page.locator("post-comments");
  const reader = newReader();
  await thread.locator("[part~='sign-in-button']").click();
  await thread.getByLabel("Email").fill(reader.email);
  await thread.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(thread.locator("[part~='sign-in-notice']")).toHaveText(
    `We sent a sign-in link to ${reader.email}. It works once, within 15 minutes.`,
  );

  const link = (await mailTo(sentMails, reader.email, /https?:\/\/\S+\/magic-link\/verify\?\S+/))[0];
  await page.goto(link);
  await expect(thread.getByText("Signed in as Reader")).toBeVisible();
  // Back on the same post, the one-time token gone from the address.
  expect(new URL(page.url()).searchParams.get("slug")).toBe(post.slug);
  expect(page.url()).not.toMatch(/ott=|lp-auth/);
  await expect(thread.getByLabel("Add a comment")).toBeVisible();

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This sign-in link no longer works");
});
