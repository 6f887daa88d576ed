import { expect, fixture, html } from "@open-wc/testing";
import "../../src/org-post-list/org-post-list.js";
import type { OrgPostList } from "../../src/org-post-list/org-post-list.js";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { backendUrls, createOrganization, signUp } from "./helpers/backend.js";
import { bodies, commentAs } from "./helpers/comments.js";
import { eventually, part, parts, watchForPart } from "./helpers/dom.js";

/** The snapshot endpoint's fragment, fetched as a page's build or server would. */
async function snapshotOf(path: string): Promise<string> {
  const { siteUrl } = await backendUrls();
  const response = await fetch(`${siteUrl}${path}`);
  expect(response.status).to.equal(200);
  return await response.text();
}

/** Sum of layout-shift scores from now on (what CLS adds up), until `stop()`. */
function recordLayoutShifts(): () => number {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (!entry.hadRecentInput) total += entry.value;
    }
  });
  observer.observe({ type: "layout-shift" });
  return () => {
    // Entries of the last frame are delivered on the observer's next turn.
    for (const entry of observer.takeRecords() as (PerformanceEntry & { value: number })[]) total += entry.value;
    observer.disconnect();
    return total;
  };
}

const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
    step(n);
  });

/** The live view replaced the snapshot (no `data-lp-snapshot` left in the shadow root). */
const swapped = (el: Element) => !el.shadowRoot!.querySelector("[data-lp-snapshot]") && !!part(el, "list");

/**
 * A thread below a tall spacer, last on the page: it shows its snapshot at once and connects only once
 * scrolled to. (What the live view adds under the list, the sign-in button or the composer, is new
 * content that moves nothing above it.)
 */
async function mountBelowTheFold(org: string, post: string, snapshot: string, sort: PostComments["sort"] = "oldest") {
  const { url, siteUrl } = await backendUrls();
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <div style="height: 4000px"></div>
    <post-comments deployment=${url} auth-url=${siteUrl} org=${org} post=${post} sort=${sort} .innerHTML=${snapshot}></post-comments>
  </div>`);
  const el = wrapper.querySelector<PostComments>("post-comments")!;
  await el.updateComplete;
  return el;
}

describe("server snapshots in the elements", () => {
  it("show the thread at once with no skeleton, then the live view in the same place: no layout shift, scroll kept", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Snapshot post");
    const reader = await signUp("Snap Reader");
    const first = await commentAs(reader, org.slug, slug, "First, with a [link](https://example.com/a)");
    await commentAs(reader, org.slug, slug, "A reply", first);
    await commentAs(reader, org.slug, slug, "Second");
    const snapshot = await snapshotOf(`/snapshots/comments?org=${org.slug}&post=${slug}`);

    const el = await mountBelowTheFold(org.slug, slug, snapshot);
    const sawSkeleton = watchForPart(el, "skeleton");
    expect(part(el, "skeleton"), "no skeleton on the first render").to.equal(null);
    expect(bodies(el)).to.deep.equal(["First, with a link", "A reply", "Second"]);
    expect(part(el, "count")!.textContent).to.equal("3 comments");
    expect(el.shadowRoot!.querySelector("[data-lp-snapshot]")).to.exist;

    el.scrollIntoView();
    await frames(2);
    const scrollY = window.scrollY;
    const box = JSON.stringify(part(el, "list")!.getBoundingClientRect());
    const headings: string[] = [];
    const headingWatch = new MutationObserver(() => headings.push(part(el, "count")!.textContent!));
    headingWatch.observe(part(el, "header")!, { subtree: true, childList: true, characterData: true });
    const shifts = recordLayoutShifts();
    await eventually(() => swapped(el), "the live thread replaces the snapshot");
    await frames(3);
    expect(shifts(), "layout-shift total at the swap").to.equal(0);
    expect(JSON.stringify(part(el, "list")!.getBoundingClientRect()), "the list keeps its box").to.equal(box);
    expect(window.scrollY).to.equal(scrollY);
    expect(sawSkeleton(), "no skeleton at any time").to.equal(false);
    expect(bodies(el)).to.deep.equal(["First, with a link", "A reply", "Second"]);
    expect(el.style.minHeight, "the held height is released").to.equal("");
    headingWatch.disconnect();
    expect(headings.filter((text) => text !== "3 comments"), "the heading keeps the count throughout").to.deep.equal([]);
  });

  it("a thread in newest order starts from a newest snapshot: the same comments in the same order, no layout shift", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Newest post");
    const reader = await signUp("Newest Reader");
    await commentAs(reader, org.slug, slug, "Oldest");
    await commentAs(reader, org.slug, slug, "Middle");
    const latest = await commentAs(reader, org.slug, slug, "Latest");
    const snapshot = await snapshotOf(`/snapshots/comments?org=${org.slug}&post=${slug}&sort=newest`);

    const el = await mountBelowTheFold(org.slug, slug, snapshot, "newest");
    const firstId = () => part(el, "comment")!.getAttribute("data-id");
    expect(bodies(el)).to.deep.equal(["Latest", "Middle", "Oldest"]);
    expect(firstId()).to.equal(latest);
    el.scrollIntoView();
    await frames(2);
    const box = JSON.stringify(part(el, "list")!.getBoundingClientRect());
    const shifts = recordLayoutShifts();
    await eventually(() => swapped(el), "the live thread replaces the snapshot");
    await frames(3);
    expect(shifts(), "layout-shift total at the swap").to.equal(0);
    expect(JSON.stringify(part(el, "list")!.getBoundingClientRect()), "the list keeps its box").to.equal(box);
    expect(bodies(el)).to.deep.equal(["Latest", "Middle", "Oldest"]);
    expect(firstId(), "the same first comment").to.equal(latest);
  });

  it("moves focus from a snapshot's link to the same link in the live view", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Focus post");
    const reader = await signUp("Focus Reader");
    await commentAs(reader, org.slug, slug, "Before");
    const target = await commentAs(reader, org.slug, slug, "See [this](https://example.com/focus) and [that](https://example.com/other)");
    const snapshot = await snapshotOf(`/snapshots/comments?org=${org.slug}&post=${slug}`);
    const el = await mountBelowTheFold(org.slug, slug, snapshot);

    const links = el.shadowRoot!.querySelectorAll<HTMLAnchorElement>(`[data-id="${target}"] a[href]`);
    links[1]!.focus({ preventScroll: true });
    expect(el.shadowRoot!.activeElement).to.equal(links[1]);
    el.scrollIntoView();
    await eventually(() => swapped(el), "the live thread replaces the snapshot");
    await el.updateComplete;
    const active = el.shadowRoot!.activeElement as HTMLAnchorElement | null;
    expect(active, "focus stays in the thread").to.exist;
    expect(active!.isConnected).to.equal(true);
    expect(active!.href).to.equal("https://example.com/other");
    expect(active!.closest("[data-id]")!.getAttribute("data-id")).to.equal(target);
  });

  it("corrects a stale snapshot: a comment removed since is gone within one update", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Stale post");
    const reader = await signUp("Stale Reader");
    await commentAs(reader, org.slug, slug, "Stays");
    const goner = await commentAs(reader, org.slug, slug, "Deleted after the snapshot");
    const snapshot = await snapshotOf(`/snapshots/comments?org=${org.slug}&post=${slug}`);
    await reader.mutation("comments:remove", { commentId: goner });

    const el = await mountBelowTheFold(org.slug, slug, snapshot);
    expect(bodies(el)).to.deep.equal(["Stays", "Deleted after the snapshot"]);
    expect(part(el, "count")!.textContent).to.equal("2 comments");
    el.scrollIntoView();
    await eventually(() => swapped(el), "the live thread replaces the snapshot");
    expect(bodies(el)).to.deep.equal(["Stays"]);
    await eventually(() => part(el, "count")!.textContent === "1 comment", "the live count");
  });

  it("an empty snapshot (unknown post) is not content: the skeleton shows as before", async () => {
    const org = await createOrganization();
    const { url, siteUrl } = await backendUrls();
    const response = await fetch(`${siteUrl}/snapshots/comments?org=${org.slug}&post=never-written`);
    expect(response.status).to.equal(404);
    const el = await fixture<PostComments>(html`<post-comments deployment=${url} auth-url=${siteUrl} org=${org.slug} post="never-written" .innerHTML=${await response.text()}></post-comments>`);
    expect(part(el, "skeleton")).to.exist;
  });

  it("<org-post-list> shows a feed snapshot at once and swaps in the live feed with no layout shift", async () => {
    const org = await createOrganization();
    await org.publish("Older post", "Older excerpt.");
    await org.publish("Newer post", "Newer excerpt.");
    const snapshot = await snapshotOf(`/snapshots/posts?org=${org.slug}&href=${encodeURIComponent("/blog/{slug}")}`);
    const { url } = await backendUrls();
    const shifts = recordLayoutShifts();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <org-post-list deployment=${url} org=${org.slug} href-template="/blog/{slug}" .innerHTML=${snapshot}></org-post-list>
      <p class="after">Below the feed</p>
    </div>`);
    const el = wrapper.querySelector<OrgPostList>("org-post-list")!;
    await el.updateComplete;
    expect(part(el, "skeleton")).to.equal(null);
    const titles = () => parts(el, "post-link").map((a) => a.textContent);
    expect(titles()).to.deep.equal(["Newer post", "Older post"]);
    const top = wrapper.querySelector<HTMLElement>(".after")!.getBoundingClientRect().top;
    await eventually(() => swapped(el), "the live feed replaces the snapshot");
    await frames(3);
    expect(titles()).to.deep.equal(["Newer post", "Older post"]);
    expect(wrapper.querySelector<HTMLElement>(".after")!.getBoundingClientRect().top).to.equal(top);
    expect(shifts(), "layout-shift total").to.equal(0);
  });
});
