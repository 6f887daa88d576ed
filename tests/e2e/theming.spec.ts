import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

/** The computed value of `property` on the first `part` inside `element` of the gallery card `card`. */
function partStyle(page: Page, card: string, element: string, part: string, property: string) {
  return page
    .locator(`#${card} ${element}`)
    .locator(`[part~='${part}']`)
    .first()
    .evaluate((node, prop) => getComputedStyle(node).getPropertyValue(prop), property);
}

const LINK = { light: "rgb(10, 88, 202)", dark: "rgb(121, 184, 255)", ocean: "rgb(14, 116, 144)", terminal: "rgb(52, 211, 153)" };
const SURFACE = { light: "rgb(255, 255, 255)", dark: "rgb(13, 17, 23)" };

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/theming.html");
  for (const card of ["light", "dark", "auto", "ocean", "terminal"]) {
    await expect(page.locator(`#${card} org-post-list`).locator("[part~='post-link']").first()).toBeVisible();
  }
});

test("each theme restyles the parts as the gallery documents", async ({ page }) => {
  for (const [card, color] of Object.entries(LINK)) {
    expect(await partStyle(page, card, "org-post-list", "post-link", "color"), card).toBe(color);
  }
  expect(await partStyle(page, "light", "org-post-list", "base", "background-color")).toBe(SURFACE.light);
  expect(await partStyle(page, "dark", "org-post-list", "base", "background-color")).toBe(SURFACE.dark);
  expect(await partStyle(page, "dark", "post-search", "input", "color")).toBe("rgb(230, 237, 243)");

  expect(await partStyle(page, "ocean", "org-post-list", "comment-count", "border-top-left-radius")).toBe("999px");
  expect(await partStyle(page, "ocean", "org-post-list", "comment-count", "background-color")).toBe(LINK.ocean);
  expect(await partStyle(page, "ocean", "org-post-list", "post-title", "font-family")).toContain("Georgia");
  expect(await partStyle(page, "light", "org-post-list", "comment-count", "border-top-left-radius")).toBe("0px");

  expect(await partStyle(page, "terminal", "org-post-list", "post-title", "text-transform")).toBe("uppercase");
  expect(await partStyle(page, "terminal", "org-post-list", "post-title", "font-family")).toContain("DejaVu Sans Mono");
  expect(await partStyle(page, "terminal", "org-post-list", "base", "background-color")).toBe("rgb(2, 26, 20)");
  expect(await partStyle(page, "light", "org-post-list", "post-title", "text-transform")).toBe("none");
});

test("auto follows the reader's color scheme, live", async ({ page }) => {
  // The switch lands on the element's next update after the media query's change event, so poll.
  const autoLink = () => partStyle(page, "auto", "org-post-list", "post-link", "color");
  const autoSurface = () => partStyle(page, "auto", "org-post-list", "base", "background-color");
  expect(await autoLink()).toBe(LINK.light);
  expect(await autoSurface()).toBe(SURFACE.light);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(autoLink).toBe(LINK.dark);
  await expect.poll(autoSurface).toBe(SURFACE.dark);
  // Explicit themes do not follow.
  expect(await partStyle(page, "light", "org-post-list", "post-link", "color")).toBe(LINK.light);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(autoLink).toBe(LINK.light);
});

test("each snippet is the exact stylesheet the gallery applies, and Copy puts it on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  for (const card of ["light", "dark", "auto", "ocean", "terminal"]) {
    const css = readFileSync(new URL(`../../demo/themes/${card}.css`, import.meta.url), "utf8").trim();
    const snippet = page.locator(`#${card} [data-theme-css]`);
    await expect(snippet).toContainText(css);
    await page.locator(`#${card}`).getByRole("button", { name: "Copy", exact: true }).click();
    // The button says "Copied" for two seconds only, too briefly to assert on a loaded machine:
    // what counts is what lands on the clipboard.
    const copied = await snippet.textContent();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(copied);
  }
});
