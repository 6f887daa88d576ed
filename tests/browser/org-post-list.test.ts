import { expect, fixture, html, oneEvent } from "@open-wc/testing";
import "../../src/org-post-list/org-post-list.js";
import type { OrgPostList } from "../../src/org-post-list/org-post-list.js";
import { backendUrls, createOrganization, gatedDeployment, signUp } from "./helpers/backend.js";
import { eventually, part, parts } from "./helpers/dom.js";

async function feed(org: string, attrs: { pageSize?: number; infinite?: boolean; hrefTemplate?: string } = {}) {
  const { url } = await backendUrls();
  return fixture<OrgPostList>(html`<org-post-list
    deployment=${url}
    org=${org}
    page-size=${attrs.pageSize ?? 10}
    href-template=${attrs.hrefTemplate ?? "/blog/{slug}?id={id}"}
    ?infinite=${attrs.infinite ?? false}
  ></org-post-list>`);
}

const titles = (el: OrgPostList) => parts(el, "post-link").map((a) => a.textContent);

describe("<org-post-list>", () => {
  describe("loading", () => {
    it("shows a busy skeleton until the first page arrives", async () => {
      const org = await createOrganization({ posts: [{ title: "First" }] });
      const el = await feed(org.slug);
      expect(part(el, "skeleton")).to.exist;
      expect(part(el, "base")!.getAttribute("aria-busy")).to.equal("true");
      await eventually(() => parts(el, "post").length === 1, "the post appears");
      expect(part(el, "skeleton")).to.equal(null);
      expect(part(el, "base")!.getAttribute("aria-busy")).to.equal("false");
    });

    it("is accessible while loading", async () => {
      const el = await fixture<OrgPostList>(html`<org-post-list deployment="http://127.0.0.1:9" org="nobody"></org-post-list>`);
      expect(part(el, "skeleton")).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe("empty", () => {
    it("says there are no posts, accessibly", async () => {
      const org = await createOrganization();
      const el = await feed(org.slug);
      await eventually(() => part(el, "empty"), "the empty state appears");
      expect(part(el, "empty")!.textContent).to.contain("No posts yet.");
      expect(part(el, "load-more-button")).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe("list", () => {
    it("lists published posts newest first with link, excerpt, author, date and comment count", async () => {
      const org = await createOrganization({
        ownerName: "Ada Lovelace",
        posts: [{ title: "Older", content: "The older one." }, { title: "Newer & better", content: "Fresh." }],
      });
      const el = await feed(org.slug);
      await eventually(() => parts(el, "post").length === 2, "two posts appear");
      expect(titles(el)).to.deep.equal(["Newer & better", "Older"]);
      const link = part<HTMLAnchorElement>(el, "post-link")!;
      expect(link.getAttribute("href")).to.match(/^\/blog\/post-[\w-]+\?id=\w+/);
      expect(part(el, "post-excerpt")!.textContent).to.contain("Fresh.");
      expect(part(el, "post-author")!.textContent).to.contain("Ada Lovelace");
      const date = part<HTMLTimeElement>(el, "post-date")!;
      expect(date.textContent).to.equal(new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(new Date(date.dateTime)));
      expect(part(el, "comment-count")!.textContent).to.equal("0 comments");
      await expect(el).to.be.accessible();
    });

    it("speaks German when the page does", async () => {
      const org = await createOrganization({ posts: [{ title: "Hallo" }] });
      const { url } = await backendUrls();
      const wrapper = await fixture(html`<div lang="de">
        <org-post-list deployment=${url} org=${org.slug} page-size="1"></org-post-list>
      </div>`);
      const el = wrapper.querySelector("org-post-list")!;
      await eventually(() => part(el, "post-author")?.textContent?.startsWith("von "), "German author line");
      expect(part(el, "comment-count")!.textContent).to.equal("0 Kommentare");
      const date = part<HTMLTimeElement>(el, "post-date")!;
      expect(date.textContent).to.equal(new Intl.DateTimeFormat("de", { dateStyle: "medium" }).format(new Date(date.dateTime)));
    });
  });

  describe("error", () => {
    it("shows an error with Retry when the deployment can't be reached, accessibly", async () => {
      const el = await fixture<OrgPostList>(html`<org-post-list deployment="http://127.0.0.1:9" org="x"></org-post-list>`);
      await eventually(() => part(el, "error"), "the error state appears", 15_000);
      expect(part(el, "error")!.textContent).to.contain("Can't reach the server");
      expect(part(el, "retry-button")).to.exist;
      await expect(el).to.be.accessible();
    });

    it("shows an error for an address that is not a deployment", async () => {
      const el = await fixture<OrgPostList>(html`<org-post-list deployment="nope" org="x"></org-post-list>`);
      expect(part(el, "error")?.textContent ?? "", "the error state").to.contain("Something went wrong.");
      expect(part(el, "retry-button")?.textContent?.trim()).to.equal("Retry");
      expect(parts(el, "post")).to.have.length(0);
    });

    it("tells the page with one lp-error per failed load", async () => {
      const errors: string[] = [];
      const wrapper = await fixture<HTMLDivElement>(html`<div @lp-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}></div>`);
      const el = document.createElement("org-post-list");
      el.setAttribute("deployment", "http://127.0.0.1:9");
      el.setAttribute("org", "x");
      wrapper.append(el);
      await eventually(() => part(el, "error"), "the error state appears", 15_000);
      expect(errors, "one event for the failed first page").to.deep.equal(["UNREACHABLE"]);
      part(el, "retry-button")!.click();
      await eventually(() => errors.length === 2, "Retry that fails again tells the page again", 15_000);
      expect(errors).to.deep.equal(["UNREACHABLE", "UNREACHABLE"]);
    });

    it("recovers on Retry once the deployment is right", async () => {
      const org = await createOrganization({ posts: [{ title: "Back" }] });
      const gate = await gatedDeployment();
      const el = await fixture<OrgPostList>(html`<org-post-list deployment=${gate.url} org=${org.slug}></org-post-list>`);
      await eventually(() => part(el, "retry-button"), "the unreachable deployment shows an error with Retry", 15_000);
      await gate.open();
      // The deployment is reachable now, but the error stays until the reader asks again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(part(el, "error"), "the error stays until Retry").to.exist;
      part(el, "retry-button")!.click();
      await eventually(() => titles(el).includes("Back"), "the post appears after Retry", 15_000);
      expect(part(el, "error")).to.equal(null);
    });
  });

  describe("live updates", () => {
    it("shows a post published elsewhere and a new comment count without reloading", async () => {
      const org = await createOrganization({ posts: [{ title: "Existing" }] });
      const el = await feed(org.slug);
      await eventually(() => titles(el).length === 1, "the first post");
      const { slug } = await org.publish("Just published");
      await eventually(() => titles(el)[0] === "Just published", "the new post appears on top");

      const reader = await signUp("Reader");
      await reader.mutation("comments:create", {
        organizationSlug: org.slug,
        postSlug: slug,
        content: "Nice!",
        clientRequestId: crypto.randomUUID(),
      });
      await eventually(() => part(el, "comment-count")!.textContent === "1 comment", "the count goes live");
    });
  });

  describe("pagination", () => {
    const fivePosts = () => [1, 2, 3, 4, 5].map((n) => ({ title: `Post ${n}` }));

    it("loads more pages on request until the feed ends", async () => {
      const org = await createOrganization({ posts: fivePosts() });
      const el = await feed(org.slug, { pageSize: 2 });
      await eventually(() => titles(el).length === 2, "first page");
      expect(titles(el)).to.deep.equal(["Post 5", "Post 4"]);
      part(el, "load-more-button")!.click();
      await eventually(() => titles(el).length === 4, "second page");
      part(el, "load-more-button")!.click();
      await eventually(() => titles(el).length === 5, "third page");
      expect(titles(el)).to.deep.equal(["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]);
      await eventually(() => !part(el, "load-more-button"), "no more button at the end");
    });

    it("keeps loaded pages live: a new post appears on top without losing the rest", async () => {
      const org = await createOrganization({ posts: fivePosts() });
      const el = await feed(org.slug, { pageSize: 2 });
      await eventually(() => titles(el).length === 2, "first page");
      part(el, "load-more-button")!.click();
      await eventually(() => titles(el).length === 4, "second page");
      await org.publish("Post 6");
      await eventually(() => titles(el).length === 5, "the new post joins");
      expect(titles(el)).to.deep.equal(["Post 6", "Post 5", "Post 4", "Post 3", "Post 2"]);
    });

    it("with `infinite`, loads pages as the end of the list comes into view", async () => {
      const org = await createOrganization({ posts: fivePosts() });
      const el = await feed(org.slug, { pageSize: 2, infinite: true });
      await eventually(() => titles(el).length === 5, "every page loads while the end is in view");
      expect(titles(el)).to.deep.equal(["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]);
    });
  });

  describe("lp-post-select", () => {
    it("fires with the post's id, slug and href, and the link is followed", async () => {
      const org = await createOrganization({ posts: [{ title: "Pick me" }] });
      const el = await feed(org.slug, { hrefTemplate: "#picked-{slug}" });
      await eventually(() => part(el, "post-link"), "the link");
      const link = part<HTMLAnchorElement>(el, "post-link")!;
      setTimeout(() => link.click());
      const event = await oneEvent(el, "lp-post-select");
      const posts = await org.owner.query<{ page: { _id: string; slug: string }[] }>("posts:listPublished", {
        organizationSlug: org.slug,
        paginationOpts: { numItems: 1, cursor: null },
      });
      const post = posts.page[0]!;
      expect(event.detail).to.deep.equal({ postId: post._id, slug: post.slug, href: `#picked-${post.slug}` });
      expect(location.hash).to.equal(`#picked-${post.slug}`);
      history.replaceState(null, "", location.pathname + location.search);
    });

    it("does not follow the link when the host cancels the event", async () => {
      const org = await createOrganization({ posts: [{ title: "Stay" }] });
      const el = await feed(org.slug, { hrefTemplate: "#not-followed-{slug}" });
      await eventually(() => part(el, "post-link"), "the link");
      el.addEventListener("lp-post-select", (e) => e.preventDefault());
      part<HTMLAnchorElement>(el, "post-link")!.click();
      expect(location.hash).to.equal("");
    });
  });

  describe("theming", () => {
    it("applies custom properties, ::part rules and the dark theme", async () => {
      const org = await createOrganization({ posts: [{ title: "Styled" }] });
      const style = document.createElement("style");
      style.textContent = `
        .themed { --org-post-list-accent: rgb(1, 2, 3); --lp-font-family: monospace; }
        .themed::part(post-title) { font-size: 31px; }
      `;
      document.head.append(style);
      const el = await feed(org.slug);
      el.classList.add("themed");
      await eventually(() => part(el, "post-link"), "the link");
      expect(getComputedStyle(part(el, "post-link")!).color).to.equal("rgb(1, 2, 3)");
      expect(getComputedStyle(part(el, "post-title")!).fontSize).to.equal("31px");
      expect(getComputedStyle(part(el, "base")!).fontFamily).to.equal("monospace");
      const light = getComputedStyle(part(el, "base")!).color;
      el.theme = "dark";
      await el.updateComplete;
      expect(el.getAttribute("theme")).to.equal("dark");
      expect(getComputedStyle(part(el, "base")!).color).not.to.equal(light);
      style.remove();
    });

    it("inherits the host page's font by default", async () => {
      const wrapper = await fixture(html`<div style="font-family: serif"><org-post-list deployment="http://127.0.0.1:9" org="x"></org-post-list></div>`);
      const el = wrapper.querySelector("org-post-list")!;
      expect(getComputedStyle(part(el, "base")!).fontFamily).to.equal("serif");
    });
  });

  describe("hostile content", () => {
    it("renders markup in titles, excerpts and names as text and runs nothing", async () => {
      const attack = `<img src=x onerror="window.__lpPwned=1">`;
      const org = await createOrganization({ ownerName: attack });
      await org.publish(attack, `[click](javascript:window.__lpPwned=2) ${attack}`);
      const el = await feed(org.slug, { hrefTemplate: "javascript:window.__lpPwned=3//{slug}" });
      await eventually(() => part(el, "post-link"), "the post");
      expect(part(el, "post-link")!.textContent).to.equal(attack);
      expect(part(el, "post-author")!.textContent).to.contain(attack);
      expect(part(el, "post-excerpt")!.textContent).to.contain("javascript:");
      expect(el.shadowRoot!.querySelector("img")).to.equal(null);
      const link = part<HTMLAnchorElement>(el, "post-link")!;
      expect(link.getAttribute("href")).not.to.match(/^javascript:/i);
      link.click();
      await new Promise((r) => setTimeout(r, 100));
      expect((window as { __lpPwned?: number }).__lpPwned).to.equal(undefined);
      history.replaceState(null, "", location.pathname + location.search);
    });
  });
});
