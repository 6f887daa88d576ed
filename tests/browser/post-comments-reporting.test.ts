import { expect } from "@open-wc/testing";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { createOrganization, signUp } from "./helpers/backend.js";
import { bodies, commentAs, forgetSession, loaded, mountThread, signedIn, signInThroughForm, typeInto } from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";

const PASSWORD = "correct horse battery";

/** The `name` part inside one comment (a light-DOM node within the shadow root). */
function partIn<T extends Element = HTMLElement>(comment: Element, name: string): T | null {
  return comment.querySelector<T>(`[part~="${name}"]`);
}

/** The comment whose body reads `text`. */
function commentWith(el: PostComments, text: string): HTMLElement {
  const found = parts(el, "comment").find((c) => c.querySelector("[part=comment-body]")?.textContent?.trim() === text);
  if (!found) throw new Error(`no comment "${text}"`);
  return found;
}

describe("<post-comments> reports", function () {
  // Signing in hashes a password in the local backend: slow on a busy machine.
  this.timeout(60_000);
  afterEach(forgetSession);

  it("a signed-in reader reports another's comment once, with a reason; never their own", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Reports");
    await org.owner.mutation("organizations:updateSettings", { hideAfterReports: 2 });
    const writer = await signUp("Rude Rex");
    await commentAs(writer, org.slug, slug, "Rude words");
    const reader = await signUp("Careful Cleo");
    await commentAs(reader, org.slug, slug, "My own words");

    const el = await mountThread(org.slug, slug);
    await loaded(el);
    expect(part(el, "report-button"), "signed out: nothing to report with").to.not.exist;
    await signInThroughForm(el, { email: reader.email, password: PASSWORD });
    await signedIn(el);
    await eventually(() => partIn(commentWith(el, "Rude words"), "report-button"), "Report under another's comment");
    expect(partIn(commentWith(el, "My own words"), "report-button"), "not under one's own").to.not.exist;

    partIn<HTMLButtonElement>(commentWith(el, "Rude words"), "report-button")!.click();
    await eventually(() => part(el, "report-form"), "the report form opens");
    await expect(el).to.be.accessible();
    const form = part<HTMLFormElement>(el, "report-form")!;
    expect([...form.querySelectorAll("label")].map((l) => l.textContent!.trim())).to.deep.equal([
      "Spam",
      "Abuse or harassment",
      "Off-topic",
      "Something else",
    ]);
    form.querySelector<HTMLInputElement>('input[value="other"]')!.click();
    await eventually(() => form.querySelector("textarea"), "'Something else' asks for words");
    const words = form.querySelector("textarea")!;
    expect(words.maxLength).to.equal(500);
    typeInto(words, "Insults another reader");
    form.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
    await eventually(() => part(el, "report-notice"), "the report is acknowledged");
    expect(part(el, "report-notice")!.textContent!.trim()).to.equal("Thanks: a moderator will look at this comment.");
    expect(partIn(commentWith(el, "Rude words"), "report-button"), "once per comment").to.not.exist;
    expect(bodies(el), "one report of two needed: still shown").to.include("Rude words");

    // Another visit: the page forgot, the server did not.
    el.remove();
    const again = await mountThread(org.slug, slug);
    await loaded(again);
    await eventually(() => partIn(commentWith(again, "Rude words"), "report-button"), "offered again after a reload");
    partIn<HTMLButtonElement>(commentWith(again, "Rude words"), "report-button")!.click();
    await eventually(() => part(again, "report-form"), "the form opens");
    part<HTMLFormElement>(again, "report-form")!.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
    await eventually(() => part(again, "report-notice"), "the second report is answered");
    expect(part(again, "report-notice")!.textContent!.trim()).to.equal("You have already reported this comment.");

    const stored = await org.owner.query<{ page: unknown[] }>("comments:moderationQueue", {
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(stored.page, "below the threshold nothing waits").to.deep.equal([]);
  });
});
