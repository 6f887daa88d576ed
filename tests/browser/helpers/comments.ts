/** Shared steps of the `<post-comments>` tests: mounting the element and acting as other readers. */
import { fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import "../../../src/post-comments/post-comments.js";
import type { PostComments } from "../../../src/post-comments/post-comments.js";
import { backendUrls, type Person } from "./backend.js";
import { eventually, part, parts } from "./dom.js";

export interface ThreadOptions {
  pageSize?: number;
  postTitle?: string;
  theme?: string;
}

export async function mountThread(org: string, post: string, opts: ThreadOptions = {}): Promise<PostComments> {
  const { url, siteUrl } = await backendUrls();
  return fixture<PostComments>(html`<post-comments
    deployment=${url}
    auth-url=${siteUrl}
    org=${org}
    post=${post}
    post-title=${opts.postTitle ?? "A post"}
    page-size=${opts.pageSize ?? 20}
    theme=${opts.theme ?? "light"}
  ></post-comments>`);
}

let requests = 0;

/** `person` comments on `post` from Node (another reader's browser). Returns the comment id. */
export async function commentAs(
  person: Person,
  org: string,
  post: string,
  content: string,
  parentId?: string,
): Promise<string> {
  requests += 1;
  const { commentId } = await person.mutation<{ commentId: string }>("comments:create", {
    organizationSlug: org,
    postSlug: post,
    postTitle: "A post",
    content,
    clientRequestId: `node-${Date.now()}-${requests}`,
    ...(parentId ? { parentId } : {}),
  });
  return commentId;
}

/** Texts of the rendered comment bodies, in document order (replies after their parent). */
export function bodies(el: PostComments): string[] {
  return parts(el, "comment-body").map((b) => b.textContent!.trim());
}

export function loaded(el: PostComments): Promise<void> {
  return eventually(() => part(el, "list") || part(el, "empty"), "the thread loads");
}

export function textarea(el: PostComments, id = "composer-main"): HTMLTextAreaElement {
  return el.shadowRoot!.querySelector<HTMLTextAreaElement>(`#${id}`)!;
}

/** Types into a textarea as a person would (an input event per change). */
export function typeInto(field: HTMLTextAreaElement | HTMLInputElement, text: string) {
  field.value = text;
  field.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
}

/** Writes `text` into the element's main composer and waits for it to render (the send button enables). */
export async function write(el: PostComments, text: string, id = "composer-main"): Promise<void> {
  typeInto(textarea(el, id), text);
  await el.updateComplete;
}

/** Presses Ctrl+Enter in the focused field, as a keyboard would. */
export async function pressCtrlEnter(): Promise<void> {
  await sendKeys({ down: "Control" });
  await sendKeys({ press: "Enter" });
  await sendKeys({ up: "Control" });
}

/** Opens the sign-in form and signs in (or, with `name`, creates an account) through the element. */
export async function signInThroughForm(
  el: PostComments,
  credentials: { email: string; password: string; name?: string; beforeSubmit?: () => Promise<unknown> },
): Promise<void> {
  await eventually(() => part(el, "sign-in-button"), "the sign-in button appears");
  part(el, "sign-in-button")!.click();
  await eventually(() => part(el, "sign-in-form"), "the sign-in form opens");
  const form = part<HTMLFormElement>(el, "sign-in-form")!;
  if (credentials.name) {
    [...form.querySelectorAll("button")].find((b) => b.type === "button" && b.classList.contains("link"))!.click();
    await el.updateComplete;
    typeInto(form.querySelector<HTMLInputElement>("#auth-name")!, credentials.name);
  }
  typeInto(form.querySelector<HTMLInputElement>("#auth-email")!, credentials.email);
  typeInto(form.querySelector<HTMLInputElement>("#auth-password")!, credentials.password);
  await credentials.beforeSubmit?.();
  form.requestSubmit();
}

export async function signedIn(el: PostComments): Promise<void> {
  await eventually(() => part(el, "sign-out-button") && textarea(el), "the reader is signed in", 30_000);
}

export function forgetSession() {
  localStorage.clear();
  sessionStorage.clear();
}
