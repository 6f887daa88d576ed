/**
 * `npm run screenshots`: pictures of the demo's main pages for the README (docs/screenshots/*.png),
 * taken with Debian's Chromium from the running demo: a fresh local backend with the seed data plus the
 * Vite dev server, on free ports, and a reader who signs up and comments so the pages show live content.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM_ARGS, ensureChromium, ensureDependencies } from "./ensure.mjs";

ensureDependencies();
const executablePath = ensureChromium();

const { register } = await import("tsx/esm/api");
register();
const { startDemoSite } = await import("../support/demo-site.ts");
const { chromium } = await import("playwright-core");

const OUT = "docs/screenshots";

const site = await startDemoSite("screenshots");
const { origin } = site;

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
const page = await context.newPage();
mkdirSync(OUT, { recursive: true });

async function shot(name, options = {}) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`), ...options });
  console.log(`  ${OUT}/${name}.png`);
}

try {
  // A reader joins the conversation on the static blog post.
  await page.goto(`${origin}/blog/hello-world.html`);
  const thread = page.locator("post-comments");
  await thread.locator("[part~='sign-in-button']").click();
  await thread.getByRole("button", { name: "New here? Create an account" }).click();
  await thread.getByLabel("Name").fill("Riley Reader");
  await thread.getByLabel("Email").fill("riley@example.test");
  await thread.getByLabel("Password").fill("riley-password");
  await thread.getByRole("button", { name: "Create account" }).click();
  await thread.getByLabel("Add a comment").fill("Just found this blog: the live comments are **lovely**. Subscribed!");
  await thread.getByRole("button", { name: "Post comment" }).click();
  await thread.getByText("Subscribed!").waitFor();
  await shot("blog-post", { fullPage: true });

  await page.goto(`${origin}/`);
  await page.locator("org-post-list").getByRole("link", { name: "Hello, world" }).waitFor();
  await shot("landing-feed");

  await page.goto(`${origin}/search.html`);
  await page.locator("post-search").getByRole("combobox", { name: "Search posts" }).fill("comments");
  await page.locator("post-search").locator("[part~='result']").first().waitFor();
  await page.locator("post-search").getByRole("combobox", { name: "Search posts" }).press("ArrowDown");
  await shot("search");

  await page.goto(`${origin}/theming.html`);
  for (const card of ["dark", "ocean", "terminal"]) {
    const section = page.locator(`#${card}`);
    await section.scrollIntoViewIfNeeded();
    await section.locator("post-comments").locator("[part~='comment']").first().waitFor();
    await section.screenshot({ path: join(OUT, `theming-${card}.png`) });
    console.log(`  ${OUT}/theming-${card}.png`);
  }

  await page.goto(`${origin}/dashboard.html`);
  await page.getByRole("button", { name: "Use this account" }).click();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.locator('#posts-section tr[data-slug="hello-world"]').getByRole("button", { name: "Edit" }).click();
  await page.locator("#posts-section post-comments").getByText("Subscribed!").waitFor();
  await page.locator("[data-curl]").waitFor();
  await shot("dashboard", { fullPage: true });

  await page.goto(`${origin}/csp.html`);
  await page.locator("org-post-list").locator("[part~='post-link']").first().waitFor();
  await page.locator("post-comments").getByText("Subscribed!").waitFor();
  await shot("strict-csp");
} finally {
  await browser.close();
  await site.close();
}
