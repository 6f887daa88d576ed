/**
 * Passkeys, in Chromium's virtual authenticator (DevTools' WebAuthn domain): a reader adds one from the
 * account row once signed in, then signs in with it alone.
 */
import { expect, test, type Page } from "@playwright/test";
import { newReader, publishPost } from "./helpers/backend";
import { signUpIn } from "./helpers/page";

let post: Awaited<ReturnType<typeof publishPost>>;
test.beforeAll(async () => {
  post = await publishPost("Thread for passkeys");
});

/** A platform authenticator that keeps discoverable credentials and approves every request at once. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

test("a passkey added once signed in signs the reader in without a password", async ({ page }) => {
  // Passkeys belong to a domain name; the demo answers at localhost too.
  await page.goto(`${process.env.E2E_LOCAL_URL}/post.html?slug=${post.slug}`);
  const authenticator = await virtualAuthenticator(page);
  const thread = page.locator("post-comments");
  const reader = newReader("Pat Passkey");
  await signUpIn(thread, reader);

  await thread.getByRole("button", { name: "Add a passkey" }).click();
  await expect(thread.locator("[part~='passkey-notice']")).toHaveText(
    "Passkey added. Next time, sign in with it instead of a password.",
  );
  const [credential] = await authenticator.credentials();
  expect(credential?.rpId).toBe("localhost");
  expect(credential?.isResidentCredential).toBe(true);

  await thread.locator("[part~='sign-out-button']").click();
  await thread.locator("[part~='sign-in-button']").click();
  await thread.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(thread.getByText(`Signed in as ${reader.name}`)).toBeVisible();
  await expect(thread.getByLabel("Add a comment")).toBeVisible();
  expect((await authenticator.credentials())[0]?.signCount).toBeGreaterThan(0);

  // The same device again: refused, and said so.
  await thread.getByRole("button", { name: "Add a passkey" }).click();
  await expect(thread.getByRole("alert")).toHaveText("This device already has a passkey for your account.");
});

test("no passkey of this site on the device: the form says so and offers the other ways", async ({ page }) => {
  await page.goto(`${process.env.E2E_LOCAL_URL}/post.html?slug=${post.slug}`);
  await virtualAuthenticator(page);
  const thread = page.locator("post-comments");
  await thread.locator("[part~='sign-in-button']").click();
  await thread.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(thread.getByRole("alert")).toHaveText("No passkey was used. Try again, or sign in another way.");
  await expect(thread.getByLabel("Email")).toBeVisible();
});
