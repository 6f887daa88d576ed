import { expect } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { createOrganization, PASSWORD, signUp } from "./helpers/backend.js";
import { bodies, commentAs, forgetSession, mountThread, signedIn, signInThroughForm } from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";
import type { PostComments } from "../../src/post-comments/post-comments.js";

/**
 * A post with comments `c1`…`cN`, oldest first, written from Node; `more(text)` adds one. Two writers take
 * turns, so a test's comments stay within one account's rate limit.
 */
async function threadWith(n: number) {
  const org = await createOrganization();
  const { slug } = await org.publish("Orders");
  const writers = [org.owner, await signUp("Other Writer")];
  let written = 0;
  const more = (text: string) => commentAs(writers[written++ % 2]!, org.slug, slug, text);
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) ids.push(await more(`c${i}`));
  return { org, slug, ids, more };
}

function loadMore(el: PostComments) {
  part(el, "load-more-button")!.click();
}

const pinnedBodies = (el: PostComments) =>
  parts(el, "comment").filter((c) => c.querySelector("[part~='pinned-badge']")).map((c) => c.querySelector("[part~='comment-body']")!.textContent!.trim());

describe("<post-comments> orders", function () {
  this.timeout(90_000);

  it("pages newest first while comments arrive between pages: each comment once, in order", async () => {
    const { org, slug, more } = await threadWith(5);
    const el = await mountThread(org.slug, slug, { pageSize: 2 });
    el.setAttribute("sort", "newest");
    await eventually(() => bodies(el).join() === "c5,c4", "the first page, newest first");
    await more("c6");
    await eventually(() => bodies(el).join() === "c6,c5,c4", "a new comment arrives at the top");
    loadMore(el);
    await eventually(() => bodies(el).join() === "c6,c5,c4,c3,c2", "the second page continues where the first ended");
    await more("c7");
    loadMore(el);
    await eventually(() => bodies(el).join() === "c7,c6,c5,c4,c3,c2,c1", "the last page, and the newest on top");
    expect(part(el, "load-more-button")).to.equal(null);
  });

  it("switches order with the header's control, by keyboard, and reflects it in `sort`", async () => {
    const { org, slug, more } = await threadWith(3);
    const el = await mountThread(org.slug, slug, { pageSize: 2 });
    await eventually(() => bodies(el).join() === "c1,c2", "oldest first by default");
    const select = part<HTMLSelectElement>(el, "sort-select")!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(["Oldest", "Newest", "Top"]);
    expect(part(el, "sort")!.textContent).to.contain("Sort by");
    await expect(el).to.be.accessible();

    select.focus();
    await sendKeys({ press: "ArrowDown" });
    await eventually(() => el.getAttribute("sort") === "newest", "the attribute follows the control");
    await eventually(() => bodies(el).join() === "c3,c2", "newest first");
    expect(el.shadowRoot!.querySelector("[role=status]")!.textContent!.trim(), "another order is not news").to.equal("");
    // Oldest first again, then more comments arrive while the last page is loaded: they join its end.
    el.sort = "oldest";
    await eventually(() => bodies(el).join() === "c1,c2", "oldest first again");
    await more("c4");
    loadMore(el);
    await eventually(() => bodies(el).join() === "c1,c2,c3,c4", "the second page runs to the end");
    await more("c5");
    await eventually(() => bodies(el).join() === "c1,c2,c3,c4,c5", "a new comment joins the last page");
    expect(select.value).to.equal("oldest");
  });

  it("top: comments without reactions rank newest first, across pages while comments arrive", async () => {
    const { org, slug, more } = await threadWith(3);
    const el = await mountThread(org.slug, slug, { pageSize: 2 });
    el.sort = "top";
    await eventually(() => bodies(el).join() === "c3,c2", "the first page of top");
    await more("c4");
    loadMore(el);
    await eventually(() => bodies(el).join() === "c4,c3,c2,c1", "each comment once");
    expect(part<HTMLSelectElement>(el, "sort-select")!.value).to.equal("top");
  });
});

describe("<post-comments> pinned comments", function () {
  this.timeout(90_000);

  it("a pin by an admin reaches another reader live: on top, marked, in every order", async () => {
    const { org, slug, ids } = await threadWith(3);
    const reader = await mountThread(org.slug, slug, { pageSize: 2 });
    await eventually(() => bodies(reader).join() === "c1,c2", "the reader's first page");
    await org.owner.mutation("pins:pin", { commentId: ids[2] });
    await eventually(() => bodies(reader).join() === "c3,c1,c2", "the pinned comment leads the thread");
    expect(pinnedBodies(reader)).to.deep.equal(["c3"]);
    expect(part(reader, "pinned-badge")!.textContent).to.equal("Pinned");
    expect(part(reader, "pin-button"), "readers get no pin button").to.equal(null);
    expect(reader.shadowRoot!.querySelector("[role=status]")!.textContent!.trim(), "a pin is not a new comment").to.equal("");
    reader.sort = "newest";
    await eventually(() => bodies(reader).join() === "c3,c2,c1", "pinned first when newest first too");
    await org.owner.mutation("pins:unpin", { commentId: ids[2] });
    await eventually(() => bodies(reader).join() === "c3,c2,c1" && !part(reader, "pinned-badge"), "unpinned, it goes back");
  });

  it("admins pin and unpin from the thread; a fourth pin says why it is refused", async () => {
    const { org, slug, ids } = await threadWith(5);
    for (const id of ids.slice(0, 3)) await org.owner.mutation("pins:pin", { commentId: id });
    forgetSession();
    const admin = await mountThread(org.slug, slug);
    await signInThroughForm(admin, { email: org.owner.email, password: PASSWORD });
    await signedIn(admin);
    await eventually(() => parts(admin, "pin-button").length === 5, "a pin button on each top-level comment");
    const buttonOf = (text: string) =>
      parts(admin, "comment").find((c) => c.querySelector("[part~='comment-body']")!.textContent!.trim() === text)!
        .querySelector<HTMLButtonElement>("[part~='pin-button']")!;
    expect(buttonOf("c1").textContent!.trim()).to.equal("Unpin");
    buttonOf("c5").click();
    await eventually(
      () => part(admin, "error")?.textContent === "At most 3 comments can be pinned. Unpin one first.",
      "the refusal is explained",
    );
    expect(pinnedBodies(admin)).to.deep.equal(["c1", "c2", "c3"]);
    buttonOf("c2").click();
    await eventually(() => pinnedBodies(admin).join() === "c1,c3", "unpinned");
    buttonOf("c5").click();
    await eventually(() => pinnedBodies(admin).join() === "c1,c3,c5", "pinned, after the earlier pins");
    expect(buttonOf("c5").textContent!.trim()).to.equal("Unpin");
    await expect(admin).to.be.accessible();
    admin.remove();
    forgetSession();
  });
});
