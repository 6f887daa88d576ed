import { expect } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import { backendUrls, createOrganization } from "./helpers/backend.js";
import { commentAs, forgetSession, signInThroughForm } from "./helpers/comments.js";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { eventually, part } from "./helpers/dom.js";

// Each case runs in a fresh document: its own module map, so the part's chunk is not already loaded by
// another test; while it runs, the network drops every request for that chunk.
async function freshDocument(body: string, module: string): Promise<{ doc: Document; done: () => void }> {
  const frame = document.createElement("iframe");
  frame.srcdoc = `<!doctype html><html lang="en"><body>
    <script>window.process = { env: { NODE_ENV: "development" } };</script>
    <script type="module" src="${new URL(module, location.href)}"></script>
    ${body}
  </body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { doc: frame.contentDocument!, done: () => frame.remove() };
}

const failFetches = (path: string, failing = true) => executeServerCommand("lp-failing-fetches", { path, failing });

/** `body` in a fresh document (its elements from `module`) while the network drops every download of `path`. */
async function withDroppedDownloads(path: string, body: string, module: string, run: (doc: Document) => Promise<void>) {
  await failFetches(path);
  const { doc, done } = await freshDocument(body, module);
  try {
    await run(doc);
  } finally {
    done();
    await failFetches(path, false);
  }
}

/** A `<post-comments>` of the post, for `withDroppedDownloads`. */
async function threadMarkup(org: string, post: string): Promise<string> {
  const { url, siteUrl } = await backendUrls();
  return `<post-comments deployment="${url}" auth-url="${siteUrl}" org="${org}" post="${post}"></post-comments>`;
}

function recordErrors(el: Element): string[] {
  const codes: string[] = [];
  el.addEventListener("lp-error", (e) => codes.push((e as CustomEvent<{ code: string }>).detail.code));
  return codes;
}

describe("parts downloaded on demand, on a flaky network", () => {
  it("<post-search> says when its results can't be downloaded, keeps what is typed, and retries on Retry only", async () => {
    const { url } = await backendUrls();
    const org = await createOrganization({ ownerName: "Grace", posts: [{ title: "Gardening basics", content: "Soil." }] });
    const markup = `<post-search deployment="${url}" org="${org.slug}" debounce="50"></post-search>`;
    await withDroppedDownloads("/post-search/search-results.", markup, "/src/post-search/post-search.ts", async (doc) => {
      await eventually(() => doc.querySelector("post-search")?.shadowRoot?.querySelector("[part~=input]"), "the field");
      const el = doc.querySelector("post-search")!;
      const errors = recordErrors(el);
      const field = part<HTMLInputElement>(el, "input")!;
      field.focus();
      await eventually(() => part(el, "error"), "the error");
      expect(part(el, "error")!.textContent).to.contain("Couldn't load the search.").and.contain("Can't reach the server.");
      expect(part(el, "error")!.getAttribute("role")).to.equal("alert");
      expect(errors).to.deep.equal(["UNREACHABLE"]);

      // Typing is kept, and does not ask the network again on every keystroke.
      field.value = "garden";
      field.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, inputType: "insertText" }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(errors, "no new attempt on its own").to.have.length(1);
      expect(field.value).to.equal("garden");

      part(el, "retry-button")!.click();
      // The network is still down: the retry is a new attempt, and fails again.
      await eventually(() => errors.length === 2, "the retry is a new attempt");
      await eventually(() => part(el, "error"), "the error again");
      expect(field.value).to.equal("garden");
    });
  });

  it("<post-comments> says when the comment form can't be downloaded, and offers Retry", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Flaky");
    await commentAs(org.owner, org.slug, slug, "Still readable");
    const markup = await threadMarkup(org.slug, slug);
    await withDroppedDownloads("/post-comments/comment-writer.", markup, "/src/post-comments/post-comments.ts", async (doc) => {
      await eventually(() => doc.querySelector("post-comments")?.shadowRoot?.querySelector("[part~=comment]"), "the thread", 15_000);
      const el = doc.querySelector("post-comments")!;
      const errors = recordErrors(el);
      // A reader with a stored session gets the form's code at once; others when they ask to sign in.
      await eventually(() => part(el, "sign-in-button") ?? part(el, "error"), "the sign-in button or the error");
      part(el, "sign-in-button")?.click();
      await eventually(() => part(el, "error"), "the error");
      expect(part(el, "error")!.textContent).to.contain("Couldn't load the comment form.").and.contain("Can't reach the server.");
      expect(part(el, "comment-body")!.textContent).to.contain("Still readable");

      part(el, "retry-button")!.click();
      await eventually(() => errors.length >= 1, "the retry is a new attempt, told to the page");
      expect(errors.every((code) => code === "UNREACHABLE")).to.equal(true);
    });
  });

  it("<post-comments>' sign-in form says the server can't be reached when the sign-in code can't be downloaded", async () => {
    forgetSession();
    const org = await createOrganization();
    const { slug } = await org.publish("Flaky sign-in");
    const markup = await threadMarkup(org.slug, slug);
    await withDroppedDownloads("/auth/session.", markup, "/src/post-comments/post-comments.ts", async (doc) => {
      await eventually(() => doc.querySelector("post-comments")?.shadowRoot?.querySelector("[part~=empty]"), "the thread", 15_000);
      const el = doc.querySelector<PostComments>("post-comments")!;
      await signInThroughForm(el, { email: "someone@example.com", password: "correct horse battery" });
      await eventually(() => part(el, "sign-in-form")?.querySelector("[role=alert]"), "the form's error");
      expect(part(el, "sign-in-form")!.querySelector("[role=alert]")!.textContent).to.contain("Can't reach the server.");
      expect(part(el, "sign-in-form")!.querySelector<HTMLInputElement>("#auth-email")!.value, "the form keeps what was typed").to.equal("someone@example.com");
    });
  });
});
