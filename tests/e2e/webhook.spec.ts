import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { adminClient, api, client, ORG, postWebhook, sign, unique } from "./helpers/backend";

function upsert(slug: string, title: string) {
  return JSON.stringify({
    id: unique("evt"),
    type: "post.upsert",
    organization: ORG,
    post: { slug, title, content: `Pushed by the CMS: ${title}.` },
  });
}

test("a signed webhook publishes a post that appears live; a bad signature changes nothing", async ({ page }) => {
  const secret = await (await adminClient()).query(api.organizations.webhookSecret, {});
  await page.goto("/");
  const feed = page.locator("org-post-list");
  await expect(feed.getByRole("link", { name: "Hello, world" })).toBeVisible();

  const slug = unique("from-cms");
  const title = `From the CMS ${slug}`;
  const body = upsert(slug, title);
  const res = await postWebhook(body, sign(body, secret));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, duplicate: false });
  await expect(feed.getByRole("link", { name: title })).toBeVisible();
  await expect(feed.locator("[part~='post']").first()).toContainText(title);

  const forgedSlug = unique("forged");
  const forged = upsert(forgedSlug, `Forged ${forgedSlug}`);
  const refused = await postWebhook(forged, sign(forged, `${secret}-wrong`));
  expect(refused.status).toBe(401);
  // Same body, signed for another body: refused too.
  expect((await postWebhook(forged, sign(body, secret))).status).toBe(401);
  expect(await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug: forgedSlug })).toBeNull();
  await expect(feed.getByRole("link", { name: `Forged ${forgedSlug}` })).toHaveCount(0);

  // A replay of the accepted event is answered but has no second effect.
  const replay = await postWebhook(body, sign(body, secret));
  expect(await replay.json()).toEqual({ ok: true, duplicate: true });
});

test("the dashboard's curl command, run as shown, publishes its post", async ({ page }) => {
  await page.goto("/dashboard.html");
  await page.getByRole("button", { name: "Use this account" }).click();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const command = (await page.locator("[data-curl]").textContent())!;
  expect(command).toContain(`${process.env.E2E_CONVEX_SITE_URL}/api/webhook`);
  expect(command).toContain(await (await adminClient()).query(api.organizations.webhookSecret, {}));

  const output = execFileSync("bash", ["-c", command], { encoding: "utf8" });
  expect(JSON.parse(output)).toEqual({ ok: true, duplicate: false });
  const post = await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug: "hello-from-curl" });
  expect(post).toMatchObject({ title: "Hello from curl", status: "published" });
  await page.goto("/");
  await expect(page.locator("org-post-list").getByRole("link", { name: "Hello from curl" })).toBeVisible();
});
