import { expect, test } from "@playwright/test";

test("searching from the header opens the chosen post", async ({ page }) => {
  await page.goto("/search.html");
  const search = page.locator(".site-header post-search");
  const field = search.getByRole("combobox", { name: "Search posts" });
  await field.fill("networks");
  const result = search.getByRole("option", { name: /Designing for slow networks/ });
  await expect(result).toBeVisible();
  await expect(result.locator("mark").first()).toHaveText(/network/i);

  await field.press("ArrowDown");
  await expect(result).toHaveAttribute("aria-selected", "true");
  await field.press("Enter");

  await expect(page).toHaveURL(/\/post\.html\?slug=designing-for-slow-networks$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Designing for slow networks");
  await expect(page.locator("post-comments").locator("[part~='count']")).toHaveText(/\d+ comments?/);
});

test("a click on a result navigates too, and drafts are never found", async ({ page }) => {
  await page.goto("/search.html");
  const search = page.locator(".site-header post-search");
  await search.getByRole("combobox", { name: "Search posts" }).fill("roadmap");
  await expect(search.locator("[part~='no-results']")).toBeVisible();

  await search.getByRole("combobox", { name: "Search posts" }).fill("moderation");
  await search.getByRole("option", { name: /Moderation without the drama/ }).click();
  await expect(page).toHaveURL(/slug=moderation-without-the-drama$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moderation without the drama");
});
