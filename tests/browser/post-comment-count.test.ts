import { expect, fixture, html } from "@open-wc/testing";
import "../../src/post-comment-count/post-comment-count.js";
import type { PostCommentCount } from "../../src/post-comment-count/post-comment-count.js";
import { backendUrls, createOrganization, signUp } from "./helpers/backend.js";
import { commentAs } from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";

async function mountCount(org: string, post: string): Promise<PostCommentCount> {
  const { url } = await backendUrls();
  return fixture<PostCommentCount>(html`<post-comment-count deployment=${url} org=${org} post=${post}></post-comment-count>`);
}

const text = (el: PostCommentCount) => part(el, "count")?.textContent?.trim();

describe("<post-comment-count>", () => {
  // First in the file, so no earlier test's client is still open on the page.
  it("ten counts on one page open one WebSocket and one query per post", async () => {
    const org = await createOrganization();
    const posts = [];
    for (let i = 0; i < 5; i++) posts.push(await org.publish(`Post ${i}`));
    // Post i gets i comments, each post from its own reader (comments are rate-limited per account).
    for (let i = 1; i < 5; i++) {
      const reader = await signUp(`Reader ${i}`);
      for (let c = 0; c < i; c++) await commentAs(reader, org.slug, posts[i]!.slug, `Comment ${c}`);
    }
    const { url } = await backendUrls();

    const opened: string[] = [];
    const added: string[] = [];
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols);
        opened.push(String(address));
      }
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        if (typeof data === "string") {
          const message = JSON.parse(data) as { type: string; modifications?: { type: string; udfPath: string; args: unknown[] }[] };
          for (const m of message.type === "ModifyQuerySet" ? message.modifications! : []) {
            if (m.type === "Add") added.push(`${m.udfPath} ${JSON.stringify(m.args)}`);
          }
        }
        super.send(data);
      }
    };
    try {
      // Each post twice, as a list and a header of the same page might show it.
      const page = await fixture(html`<ul>
        ${[...posts, ...posts].map(
          (post) => html`<li><post-comment-count deployment=${url} org=${org.slug} post=${post.slug}></post-comment-count></li>`,
        )}
      </ul>`);
      const counts = [...page.querySelectorAll("post-comment-count")];
      expect(counts).to.have.length(10);
      await eventually(() => counts.every((el) => text(el)), "every count is shown");
      expect(counts.map(text)).to.deep.equal([
        ...["0 comments", "1 comment", "2 comments", "3 comments", "4 comments"],
        ...["0 comments", "1 comment", "2 comments", "3 comments", "4 comments"],
      ]);
      expect(opened.filter((address) => address.includes("/sync")), "WebSockets opened").to.have.length(1);
      const countQueries = added.filter((query) => query.startsWith("comments:countForPost "));
      expect(countQueries, "one subscription per post").to.have.length(5);
      expect(new Set(countQueries).size).to.equal(5);
    } finally {
      window.WebSocket = NativeWebSocket;
    }
  });

  it("shows the post's count, accessibly, and follows comments written elsewhere", async () => {
    const org = await createOrganization();
    const post = await org.publish("Counted");
    const reader = await signUp("Ada");
    await commentAs(reader, org.slug, post.slug, "First");
    const el = await mountCount(org.slug, post.slug);
    expect(part(el, "skeleton"), "a placeholder while loading").to.exist;
    expect(part(el, "skeleton")!.textContent).to.contain("Loading…");
    await eventually(() => text(el) === "1 comment", "the count arrives");
    expect(part(el, "empty")).to.equal(null);
    await expect(el).to.be.accessible();

    await commentAs(reader, org.slug, post.slug, "Second");
    await eventually(() => text(el) === "2 comments", "the count follows a new comment");
  });

  it("says 0 comments for a page whose thread does not exist yet, marked empty", async () => {
    const org = await createOrganization();
    const el = await mountCount(org.slug, "no-thread-yet");
    await eventually(() => text(el), "the count arrives");
    expect(text(el)).to.equal("0 comments");
    expect(part(el, "empty"), "the zero count is the empty part").to.exist;
  });

  it("names a missing attribute instead of loading forever", async () => {
    const { url } = await backendUrls();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args[0]);
    try {
      const noPost = await fixture<PostCommentCount>(html`<post-comment-count deployment=${url} org="acme"></post-comment-count>`);
      const noOrg = await fixture<PostCommentCount>(html`<post-comment-count deployment=${url} post="hello"></post-comment-count>`);
      expect(part(noPost, "error")?.getAttribute("role")).to.equal("alert");
      expect(part(noPost, "error")!.textContent).to.equal('<post-comment-count> needs the "post" attribute.');
      expect(part(noOrg, "error")!.textContent).to.equal('<post-comment-count> needs the "org" attribute.');
      expect(parts(noPost, "skeleton")).to.have.length(0);
      expect(errors.filter((e) => String(e).includes("needs the"))).to.have.length(2);
      await expect(noPost).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it("shows an error with Retry when the deployment can't be reached", async () => {
    const el = await fixture<PostCommentCount>(
      html`<post-comment-count deployment="http://127.0.0.1:9" org="x" post="y"></post-comment-count>`,
    );
    await eventually(() => part(el, "error"), "the error state appears", 15_000);
    expect(part(el, "error")!.textContent).to.contain("Couldn't load the comment count.");
    expect(part(el, "error")!.textContent).to.contain("Can't reach the server");
    expect(part(el, "retry-button")?.textContent?.trim()).to.equal("Retry");
    await expect(el).to.be.accessible();
  });

  it("speaks German when the page does", async () => {
    const org = await createOrganization();
    const post = await org.publish("Hallo");
    const reader = await signUp("Ada");
    await commentAs(reader, org.slug, post.slug, "Erster");
    const { url } = await backendUrls();
    const wrapper = await fixture(html`<div lang="de">
      <post-comment-count deployment=${url} org=${org.slug} post=${post.slug}></post-comment-count>
      <post-comment-count deployment=${url} org=${org.slug} post="noch-keiner"></post-comment-count>
    </div>`);
    const [one, none] = [...wrapper.querySelectorAll("post-comment-count")];
    await eventually(() => text(one!) === "1 Kommentar", "German singular");
    await eventually(() => text(none!) === "0 Kommentare", "German plural");
  });
});
