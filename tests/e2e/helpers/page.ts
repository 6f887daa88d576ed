/** Steps a reader takes inside the elements (Playwright's locators reach into their shadow roots). */
import { expect, type Locator, type Page } from "@playwright/test";
import type { newReader } from "./backend";

type Reader = ReturnType<typeof newReader>;

/** Opens the element's form, creates the account and waits until the reader is signed in. */
export async function signUpIn(comments: Locator, reader: Reader) {
  await comments.locator("[part~='sign-in-button']").click();
  await comments.getByRole("button", { name: "New here? Create an account" }).click();
  await comments.getByLabel("Name").fill(reader.name);
  await comments.getByLabel("Email").fill(reader.email);
  await comments.getByLabel("Password").fill(reader.password);
  await comments.getByRole("button", { name: "Create account" }).click();
  await expect(comments.getByText(`Signed in as ${reader.name}`)).toBeVisible();
}

export async function writeComment(comments: Locator, text: string) {
  await comments.getByLabel("Add a comment").fill(text);
  await comments.getByRole("button", { name: "Post comment" }).click();
}

/** One comment's own block (author, body, actions), without its replies. */
export function commentWith(comments: Locator, text: string): Locator {
  return comments.getByRole("article").filter({
    has: comments.page().locator("[part~='comment-body']", { hasText: text }),
  });
}

/** A post's entry in `<org-post-list>`, found by its exact title. */
export function feedEntry(feed: Locator, title: string): Locator {
  return feed.locator("[part~='post']").filter({ has: feed.page().getByRole("link", { name: title, exact: true }) });
}

/** Collects Content-Security-Policy violations and console errors from the moment the page opens. */
export async function watchForProblems(page: Page) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}
