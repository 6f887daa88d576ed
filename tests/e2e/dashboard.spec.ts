import { expect, test, type Page } from "@playwright/test";
import {
  adminClient,
  api,
  client,
  newReader,
  ORG,
  ownOrganization,
  readerClient,
  sentMails,
  storedComments,
  unique,
} from "./helpers/backend";
import { feedEntry } from "./helpers/page";

/** Signs in to the dashboard with an account's own email and password. */
async function signInAs(page: Page, account: { email: string; password: string }, organizationName: string) {
  await page.goto("/dashboard.html");
  await page.locator("#email").fill(account.email);
  await page.locator("#password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#who")).toContainText(`administrator of ${organizationName}`);
}

async function signIn(page: Page) {
  await page.goto("/dashboard.html");
  // The local backend's administrator is shown on the page when running locally.
  await expect(page.locator("#demo-account")).toContainText(process.env.E2E_ADMIN_EMAIL!);
  await page.getByRole("button", { name: "Use this account" }).click();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#who")).toContainText("administrator of Acme Blog");
}

const row = (page: Page, slug: string) => page.locator(`#posts-section tr[data-slug="${slug}"]`);

test("create → publish shows the post in the feed and in search; delete removes it with its comments", async ({ page, browser }) => {
  const visitor = await browser.newContext();
  const landing = await visitor.newPage();
  await landing.goto("/");
  const feed = landing.locator("org-post-list");
  await expect(feed.getByRole("link", { name: "Hello, world" })).toBeVisible();

  await signIn(page);
  const word = unique("zebra").replaceAll("-", "");
  const title = `Dashboard news ${word}`;
  const slug = unique("dashboard-news");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByLabel("Content").fill(`Written in the dashboard. Keyword: ${word}.`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(row(page, slug).locator("[data-col=status]")).toHaveText("draft");
  await expect(feed.getByRole("link", { name: title })).toHaveCount(0);

  await row(page, slug).getByRole("button", { name: "Publish" }).click();
  await expect(row(page, slug).locator("[data-col=status]")).toHaveText("published");
  await expect(feed.getByRole("link", { name: title })).toBeVisible();

  const search = await visitor.newPage();
  await search.goto("/search.html");
  await search.locator("post-search").getByRole("combobox", { name: "Search posts" }).fill(word);
  await expect(search.locator("post-search").getByRole("option", { name: new RegExp(title) })).toBeVisible();

  // Two readers comment; the dashboard's count and the thread preview follow.
  const post = await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug });
  const commentIds = [];
  for (const text of ["First reader comment", "Second reader comment"]) {
    const reader = await readerClient(newReader());
    const { commentId } = await reader.mutation(api.comments.create, {
      organizationSlug: ORG,
      postSlug: slug,
      content: text,
      clientRequestId: unique("req"),
    });
    commentIds.push({ reader, commentId });
  }
  await expect(row(page, slug).locator("[data-col=comments]")).toHaveText("2");
  await expect(feedEntry(feed, title).locator("[part~='comment-count']")).toHaveText("2 comments");
  await row(page, slug).getByRole("button", { name: "Edit" }).click();
  const preview = page.locator("#posts-section post-comments");
  await expect(preview.getByText("Second reader comment")).toBeVisible();

  await row(page, slug).getByRole("button", { name: "Delete" }).click();
  await row(page, slug).getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.locator("#status")).toContainText(`Deleted “${title}” and its 2 comment(s).`);
  await expect(row(page, slug)).toHaveCount(0);
  await expect(preview).toHaveCount(0);
  await expect(feed.getByRole("link", { name: title })).toHaveCount(0);

  expect(post).not.toBeNull();
  expect(await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug })).toBeNull();
  expect(await storedComments(slug)).toEqual([]);
  // The comments themselves are gone, not just hidden: their authors can no longer edit them.
  for (const { reader, commentId } of commentIds) {
    await expect(reader.mutation(api.comments.edit, { commentId, content: "still here?" })).rejects.toThrow(/NOT_FOUND|does not exist|not found/i);
  }
  await visitor.close();
});

test("save changes patches only what changed; replace sets every field; unpublish hides the post", async ({ page, browser }) => {
  const visitor = await browser.newContext();
  const reader = await visitor.newPage();
  await signIn(page);
  const slug = unique("patched");
  await page.getByLabel("Title", { exact: true }).fill("Before the patch");
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByLabel("Content").fill("Original content.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await row(page, slug).getByRole("button", { name: "Publish" }).click();
  await expect(row(page, slug).locator("[data-col=status]")).toHaveText("published");
  await reader.goto(`/post.html?slug=${slug}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Before the patch");

  await row(page, slug).getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Title", { exact: true }).fill("After the patch");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#status")).toHaveText("Saved title.");
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("After the patch");
  await expect(reader.getByText("Original content.")).toBeVisible();

  const replacedSlug = unique("replaced");
  await page.getByLabel("Title", { exact: true }).fill("Replaced entirely");
  await page.getByLabel(/^Slug/).fill(replacedSlug);
  await page.getByLabel("Content").fill("New content.");
  await page.getByRole("button", { name: "Replace all fields" }).click();
  await expect(row(page, replacedSlug)).toBeVisible();
  const admin = await adminClient();
  const replaced = await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug: replacedSlug });
  expect(replaced).toMatchObject({ title: "Replaced entirely", content: "New content.", slug: replacedSlug });
  expect(await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug })).toBeNull();

  await row(page, replacedSlug).getByRole("button", { name: "Unpublish" }).click();
  await expect(row(page, replacedSlug).locator("[data-col=status]")).toHaveText("draft");
  expect(await client().query(api.posts.getBySlug, { organizationSlug: ORG, slug: replacedSlug })).toBeNull();
  expect(await admin.query(api.posts.get, { postId: replaced!._id })).toMatchObject({ status: "draft" });
  await visitor.close();
});

test("pre-moderation holds comments in the queue until approved or removed; settings toggle live", async ({ page }) => {
  // Its own organization: the seeded one's settings stay as every other test expects them.
  const org = await ownOrganization("Moderated Org");
  await signInAs(page, org.account, org.name);
  const settings = page.locator("#settings-section");
  const preModeration = settings.getByLabel("Pre-moderation");
  const guests = settings.getByLabel("Guest comments");
  await expect(preModeration).not.toBeChecked();
  await preModeration.check();
  await guests.check();
  await expect
    .poll(async () => (await client().query(api.organizations.getBySlug, { slug: org.slug }))?.settings)
    .toMatchObject({ preModeration: true, allowGuestComments: true });

  const slug = unique("moderated");
  await org.owner.mutation(api.posts.publish, {
    postId: await org.owner.mutation(api.posts.create, { title: "Moderated", content: "Text.", slug }),
  });
  const reader = await readerClient(newReader());
  for (const content of ["Please approve me", "Please remove me"]) {
    const { status } = await reader.mutation(api.comments.create, { organizationSlug: org.slug, postSlug: slug, content, clientRequestId: unique("req") });
    expect(status, "a comment waits for moderation").toBe("pending");
  }
  const queue = page.locator("#moderation-section");
  const approveMe = queue.locator("li").filter({ hasText: "Please approve me" });
  const removeMe = queue.locator("li").filter({ hasText: "Please remove me" });
  await expect(approveMe).toContainText("Moderated");
  await expect(removeMe).toBeVisible();
  expect(await storedComments(slug, org.slug), "nothing visible before approval").toEqual([]);

  await approveMe.getByRole("button", { name: "Approve" }).click();
  await removeMe.getByRole("button", { name: "Remove" }).click();
  await expect(approveMe).toHaveCount(0);
  await expect(removeMe).toHaveCount(0);
  expect((await storedComments(slug, org.slug)).map((c) => c.content)).toEqual(["Please approve me"]);

  await preModeration.uncheck();
  await expect
    .poll(async () => (await client().query(api.organizations.getBySlug, { slug: org.slug }))?.settings)
    .toMatchObject({ preModeration: false, allowGuestComments: true });
});

test("spam rules are set in Settings; a caught comment waits in the queue with its reason", async ({ page }) => {
  const org = await ownOrganization("Spam Guarded Org");
  await signInAs(page, org.account, org.name);
  const settings = page.locator("#settings-section");
  await settings.getByLabel("Most links in a comment").fill("1");
  await settings.getByLabel("Blocked words").fill("Casino\nＰＩＬＬＳ");
  await settings.getByLabel("Guest honeypot").check();
  await settings.getByLabel("Reports that hide a comment").fill("1");
  await expect(settings.getByLabel("Minutes between e-mails to admins"), "the default until set").toHaveValue("15");
  await settings.getByLabel("Minutes between e-mails to admins").fill("30");
  await settings.getByRole("button", { name: "Save spam rules" }).click();
  await expect(page.getByText("Spam rules saved.")).toBeVisible();
  expect(await org.owner.query(api.organizations.adminSettings, {})).toMatchObject({
    maxLinks: 1,
    blockedWords: ["casino", "pills"],
    guestHoneypot: true,
    trustAfterApproved: 0,
    hideAfterReports: 1,
    queueEmailMinutes: 30,
  });
  // The saved rules show again after a reload.
  await page.reload();
  await expect(page.locator("#who")).toContainText(`administrator of ${org.name}`);
  await expect(settings.getByLabel("Blocked words")).toHaveValue("casino\npills");
  await expect(settings.getByLabel("Most links in a comment")).toHaveValue("1");

  const slug = unique("guarded");
  await org.owner.mutation(api.posts.publish, {
    postId: await org.owner.mutation(api.posts.create, { title: "Guarded", content: "Text.", slug }),
  });
  const reader = await readerClient(newReader());
  const send = (content: string) =>
    reader.mutation(api.comments.create, { organizationSlug: org.slug, postSlug: slug, content, clientRequestId: unique("req") });
  expect((await send("Cheap pills here")).status).toBe("pending");
  expect((await send("https://a.example https://b.example")).status).toBe("pending");
  expect((await send("A fair point")).status).toBe("visible");
  const queue = page.locator("#moderation-section");
  await expect(queue.locator("li").filter({ hasText: "Cheap pills here" }).locator("[data-held-reason]")).toHaveText("· blocked word");
  await expect(queue.locator("li").filter({ hasText: "https://a.example" }).locator("[data-held-reason]")).toHaveText("· too many links");
  expect((await storedComments(slug, org.slug)).map((c) => c.content)).toEqual(["A fair point"]);

  // One report hides it here, until reviewed.
  const [fair] = await storedComments(slug, org.slug);
  await readerClient(newReader()).then((other) => other.mutation(api.reports.create, { commentId: fair!._id, reason: "off_topic" }));
  const reported = queue.locator("li").filter({ hasText: "A fair point" });
  await expect(reported.locator("[data-held-reason]")).toHaveText("· reported by readers");
  await expect(reported.locator("[data-reports]")).toHaveText("· 1 report");
  expect(await storedComments(slug, org.slug)).toEqual([]);

  // Out of range: the form refuses before sending, and the rule stays as saved.
  const maxLinks = settings.getByLabel("Most links in a comment");
  await maxLinks.fill("51");
  await settings.getByRole("button", { name: "Save spam rules" }).click();
  expect(await maxLinks.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);
  expect((await org.owner.query(api.organizations.adminSettings, {})).maxLinks).toBe(1);
});

test("an admin shadow-bans a queued comment's author, then lifts the ban; a guest name is banned from the Bans section", async ({ page }) => {
  const org = await ownOrganization("Banning Org");
  await signInAs(page, org.account, org.name);
  await org.owner.mutation(api.organizations.updateSettings, { preModeration: true, allowGuestComments: true });
  const slug = unique("banning");
  await org.owner.mutation(api.posts.publish, {
    postId: await org.owner.mutation(api.posts.create, { title: "Banning", content: "Text.", slug }),
  });
  const reader = await readerClient(newReader());
  const send = (content: string, extra: object = {}) =>
    reader.mutation(api.comments.create, { organizationSlug: org.slug, postSlug: slug, content, clientRequestId: unique("req"), ...extra });
  await send("Buy my stuff");

  const queued = page.locator("#moderation-section li").filter({ hasText: "Buy my stuff" });
  await queued.getByRole("button", { name: "Shadow-ban author" }).click();
  const bans = page.locator("#bans-section");
  await expect(bans.locator("li")).toHaveCount(1);
  await expect(bans.locator("li")).toContainText("shadow ban for good");

  await org.owner.mutation(api.organizations.updateSettings, { preModeration: false });
  expect((await send("Still here?")).status, "the author is told it is published").toBe("visible");
  expect((await storedComments(slug, org.slug)).map((c) => c.content), "nobody else sees it").toEqual([]);
  await expect(page.locator("#moderation-section li").filter({ hasText: "Still here?" }).locator("[data-held-reason]")).toHaveText(
    "· shadow ban",
  );

  await bans.getByRole("button", { name: "Unban" }).click();
  await expect(bans.locator("[data-empty]")).toBeVisible();
  expect((await send("Back for real")).status).toBe("visible");
  expect((await storedComments(slug, org.slug)).map((c) => c.content), "unban restores nothing").toEqual(["Back for real"]);

  await bans.getByLabel("Guest name", { exact: true }).fill("Spam Bot");
  await bans.getByLabel("Reason").fill("Floods the blog");
  await bans.getByLabel("Days (blank: for good)").fill("7");
  await bans.getByRole("button", { name: "Ban guest name" }).click();
  await expect(bans.locator("li")).toContainText("Guest name “spam bot”: ban until");
  await expect(bans.locator("li")).toContainText("(Floods the blog)");
  const guest = client();
  const refused = await guest
    .mutation(api.comments.create, { organizationSlug: org.slug, postSlug: slug, content: "Hi", clientRequestId: unique("req"), guestName: "SPAM BOT" })
    .catch((e: { data?: { code: string } }) => e.data?.code);
  expect(refused).toBe("FORBIDDEN");
});

test("the queue e-mail's links open the dashboard on their comment, ready to approve or remove; the audit log records both", async ({ page }) => {
  const org = await ownOrganization("Mailed Org");
  await org.owner.mutation(api.organizations.updateSettings, { preModeration: true, queueEmailMinutes: 0 });
  const slug = unique("mailed");
  await org.owner.mutation(api.posts.publish, {
    postId: await org.owner.mutation(api.posts.create, { title: "Mailed", content: "Text.", slug }),
  });
  const readerAccount = newReader("Queued");
  const reader = await readerClient(readerAccount);
  const send = (content: string) =>
    reader.mutation(api.comments.create, { organizationSlug: org.slug, postSlug: slug, content, clientRequestId: unique("req") });
  await send("Approve me by mail");
  await send("Remove me by mail");
  // With e-mails on again, the next comment's e-mail lists everything waiting.
  await org.owner.mutation(api.organizations.updateSettings, { queueEmailMinutes: 15 });
  await send("Third in line");

  let text = "";
  await expect
    .poll(async () => {
      text = (await sentMails()).find((m) => m.to === org.account.email && m.subject.includes(org.name))?.text ?? "";
      return text;
    }, { message: "the owner gets the queue e-mail" })
    .toContain("Third in line");
  const link = (action: string, content: string) => {
    const block = text.split("\n\n").find((b) => b.includes(content))!;
    return new RegExp(`^${action}: (\\S+)$`, "m").exec(block)![1]!;
  };
  const approveLink = link("Approve", "Approve me by mail");
  expect(approveLink.startsWith(`${process.env.E2E_BASE_URL}/dashboard.html?comment=`)).toBe(true);

  await page.goto(approveLink);
  await page.locator("#email").fill(org.account.email);
  await page.locator("#password").fill(org.account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const linked = page.locator("#moderation-section li.linked");
  await expect(linked).toContainText("Approve me by mail");
  await expect(linked.getByRole("button", { name: "Approve" }), "the link's action is one key press away").toBeFocused();
  expect(await storedComments(slug, org.slug), "opening the link did nothing by itself").toEqual([]);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await storedComments(slug, org.slug)).map((c) => c.content)).toEqual(["Approve me by mail"]);
  expect(page.url(), "the link's action is used up").not.toContain("action=");

  await page.goto(link("Remove", "Remove me by mail"));
  const toRemove = page.locator("#moderation-section li.linked");
  await expect(toRemove).toContainText("Remove me by mail");
  await expect(toRemove.getByRole("button", { name: "Remove" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#moderation-section li").filter({ hasText: "Remove me by mail" })).toHaveCount(0);

  // A link whose comment was handled meanwhile says so.
  await page.goto(approveLink);
  await expect(page.locator("#status")).toHaveText("The comment of that link no longer waits for approval.");

  const audit = page.locator("#audit-section li");
  await expect(audit).toHaveCount(2);
  await expect(audit.nth(0)).toContainText(`removed a comment by ${readerAccount.name}`);
  await expect(audit.nth(1)).toContainText(`approved a comment by ${readerAccount.name}`);
});

test("an API key is shown once, works against GET /api/v1/posts from the page, and stops working when revoked", async ({ page }) => {
  await signIn(page);
  const keys = page.locator("#keys-section");
  const name = unique("key");
  await keys.getByLabel("Key name").fill(name);
  await keys.getByRole("button", { name: "Create key" }).click();
  const shown = keys.locator("[data-new-key]");
  await expect(shown).toHaveText(/^sk_[A-Za-z0-9_-]+$/);
  const key = (await shown.textContent())!;
  const listed = keys.locator(`tr[data-key="${name}"]`);
  await expect(listed.locator("[data-col=state]")).toHaveText("active");
  await expect(listed).not.toContainText(key);

  await keys.getByRole("button", { name: "Send request" }).click();
  await expect(keys.locator("[data-try-result] [data-status]")).toHaveText("HTTP 200");
  await expect(keys.locator("[data-try-result]")).toContainText("posts:");

  await keys.getByRole("button", { name: "I saved it" }).click();
  await expect(keys.getByText(key)).toHaveCount(0);

  await listed.getByRole("button", { name: "Revoke" }).click();
  await expect(listed.locator("[data-col=state]")).toHaveText("revoked");
  await keys.getByLabel("Key", { exact: true }).fill(key);
  await keys.getByRole("button", { name: "Send request" }).click();
  await expect(keys.locator("[data-try-result] [data-status]")).toHaveText("HTTP 401");
});
