/**
 * Signing in without a password: a link by e-mail (read from the local mailbox), GitHub and Google (a
 * local provider); the e-mail settings and unsubscribe links readers get once signed in.
 */
import { expect, test } from "@playwright/test";
import { mailTo } from "../../support/mailbox";
import { adminClient, api, controlProvider, newReader, ORG, publishPost, readerClient, sentMails, unique } from "./helpers/backend";
import { commentWith, signUpIn, writeComment } from "./helpers/page";

// One thread for the file: every post published pushes the seeded ones down the home page's feed.
let post: Awaited<ReturnType<typeof publishPost>>;
test.beforeAll(async () => {
  post = await publishPost("Thread for signing in");
});

/** A provider's person for `reader`, with an account id of their own (GitHub's are numbers). */
function personFor(reader: ReturnType<typeof newReader>, name: string) {
  return { id: String(Math.floor(Math.random() * 1e12)), name, email: reader.email, emailVerified: true };
}

test("a sign-in link signs the reader in on the page it was asked from, once", async ({ page }) => {
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

/** Guests may write in acme while `run` runs, so a draft exists before signing in. */
async function withGuestComments(run: () => Promise<void>) {
  const admin = await adminClient();
  await admin.mutation(api.organizations.updateSettings, { allowGuestComments: true });
  try {
    await run();
  } finally {
    await admin.mutation(api.organizations.updateSettings, { allowGuestComments: false });
  }
}

test("GitHub and Google: the round trip comes back to the same thread, signed in, the draft still there", async ({ page }) => {
  await withGuestComments(async () => {
    for (const [label, name] of [["GitHub", "Octo Provider"], ["Google", "Gia Provider"]] as const) {
      const reader = newReader();
      await controlProvider({ person: personFor(reader, name), down: false });
      await page.goto(`/post.html?slug=${post.slug}`);
      const thread = page.locator("post-comments");
      await thread.getByLabel("Add a comment").fill(`Half-written before ${label}`);
      await thread.locator("[part~='sign-in-button']").click();
      await thread.getByRole("button", { name: `Continue with ${label}` }).click();

      await expect(thread.getByText(`Signed in as ${name}`)).toBeVisible();
      expect(new URL(page.url()).searchParams.get("slug")).toBe(post.slug);
      expect(page.url()).not.toMatch(/ott=|lp-auth/);
      await expect(thread.getByLabel("Add a comment")).toHaveValue(`Half-written before ${label}`);
      await thread.locator("[part~='sign-out-button']").click();
      await expect(thread.locator("[part~='sign-in-button']")).toBeVisible();
    }
  });
});

test("a provider that is down: the form says so and the draft stays", async ({ page }) => {
  await withGuestComments(async () => {
    await page.goto(`/post.html?slug=${post.slug}`);
    const thread = page.locator("post-comments");
    await thread.getByLabel("Add a comment").fill("Not lost");
    await controlProvider({ down: true });
    try {
      await thread.locator("[part~='sign-in-button']").click();
      await thread.getByRole("button", { name: "Continue with GitHub" }).click();
      await expect(thread.getByRole("alert")).toHaveText(/The sign-in service doesn't answer right now/);
      expect(new URL(page.url()).searchParams.get("slug")).toBe(post.slug);
    } finally {
      await controlProvider({ down: false });
    }
    await thread.getByRole("button", { name: "Cancel" }).click();
    await expect(thread.getByLabel("Add a comment")).toHaveValue("Not lost");
  });
});

test("a provider may not join an account whose address is unproven: back on the page, the form says why", async ({ page }) => {
  const reader = newReader();
  await readerClient(reader);
  await controlProvider({ person: personFor(reader, "Taker"), down: false });
  await page.goto(`/post.html?slug=${post.slug}`);
  const thread = page.locator("post-comments");
  await thread.locator("[part~='sign-in-button']").click();
  await thread.getByRole("button", { name: "Continue with GitHub" }).click();
  await expect(thread.getByRole("alert")).toHaveText(/An account with this email already exists/);
  await expect(thread.getByText("Signed in as")).toHaveCount(0);
  expect(page.url()).not.toMatch(/error=|lp-auth/);
});

test("e-mail settings in the account menu, and a one-click unsubscribe link that needs no sign-in", async ({ page }) => {
  await page.goto(`/post.html?slug=${post.slug}`);
  const thread = page.locator("post-comments");
  const reader = newReader("Settler");
  await signUpIn(thread, reader);
  await writeComment(thread, "Tell me when someone answers");
  await expect(commentWith(thread, "Tell me when someone answers")).toBeVisible();

  // Follow the thread from the account menu; the choice is saved.
  await thread.getByRole("button", { name: "Email settings" }).click();
  const settings = thread.getByRole("group", { name: "Email settings" });
  await expect(settings.getByLabel("Email me about replies to my comments and new comments on my posts")).toBeChecked();
  await expect(settings.getByLabel("Only replies to me")).toBeChecked();
  await settings.getByLabel("Follow: email me every new comment").check();
  await expect(settings.getByLabel("Follow: email me every new comment")).toBeEnabled();

  // Someone else comments: the follower's e-mail carries the links.
  const other = await readerClient();
  await other.mutation(api.comments.create, { organizationSlug: ORG, postSlug: post.slug, content: "A new voice", clientRequestId: unique("c") });
  const stop = (await mailTo(sentMails, reader.email, /Stop all comment e-mails: (\S+)/))[1]!;

  // Opened in a browser with no session: it asks, then stops, and says so.
  const fresh = await page.context().browser()!.newPage();
  await fresh.goto(stop);
  await fresh.getByRole("button", { name: "Stop all e-mails about comments" }).click();
  await expect(fresh.getByRole("heading", { level: 1 })).toHaveText("Unsubscribed");
  await fresh.goto(`${stop.slice(0, -4)}AAAA`);
  await expect(fresh.getByRole("heading", { level: 1 })).toHaveText("This unsubscribe link does not work");
  await fresh.close();

  // The account menu shows the change.
  await thread.getByRole("button", { name: "Email settings" }).click();
  await thread.getByRole("button", { name: "Email settings" }).click();
  await expect(settings.getByLabel("Email me about replies to my comments and new comments on my posts")).not.toBeChecked();
  await expect(settings.getByLabel("Follow: email me every new comment")).toBeChecked();
});
