import { expect, test } from "@playwright/test";
import { newReader, unique } from "./helpers/backend";
import { signUpIn, watchForProblems, writeComment } from "./helpers/page";

test("under a strict Content-Security-Policy every element works and nothing is blocked", async ({ page }) => {
  const problems = await watchForProblems(page);
  const response = await page.goto("/csp.html");
  const header = response!.headers()["content-security-policy"]!;
  expect(header).toContain("script-src 'self'");
  expect(header).toContain("style-src 'self'");
  expect(header).toContain(`connect-src 'self' ${process.env.E2E_CONVEX_URL} ${process.env.E2E_CONVEX_URL!.replace("http", "ws")}`);
  expect(header).not.toContain("unsafe");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute("content", header);
  expect(await page.locator("[style]").count()).toBe(0);

  const feed = page.locator("org-post-list");
  const firstLink = feed.locator("[part~='post-link']").first();
  await expect(firstLink).toBeVisible();
  // Styles reached the shadow roots: the accent color comes from the element's adopted stylesheet.
  expect(await firstLink.evaluate((a) => getComputedStyle(a).color)).toBe("rgb(10, 88, 202)");

  const search = page.locator("post-search");
  await search.getByRole("combobox", { name: "Search posts" }).fill("static");
  await expect(search.getByRole("option", { name: /Live comments on static sites/ })).toBeVisible();

  const thread = page.locator("post-comments");
  await signUpIn(thread, newReader("Strict"));
  const text = `Commenting under CSP ${unique("c")}`;
  await writeComment(thread, text);
  await expect(thread.getByText(text)).toBeVisible();

  expect(problems).toEqual([]);

  // The watch does see violations: an inline script is refused and reported.
  await page.addScriptTag({ content: "window.inlineRan = true" }).catch(() => undefined);
  await expect.poll(() => problems.join("\n")).toContain("CSP violation: script-src");
  expect(await page.evaluate(() => "inlineRan" in window)).toBe(false);
});
