import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import "../../src/index.js";
import { backendUrls, createOrganization } from "./helpers/backend.js";
import { eventually, part, parts } from "./helpers/dom.js";

describe("three elements on one page", () => {
  it("share a single WebSocket to the deployment", async () => {
    const org = await createOrganization({ posts: [{ title: "Shared socket" }] });
    const post = (await org.owner.query<{ page: { slug: string }[] }>("posts:listPublished", {
      organizationSlug: org.slug,
      paginationOpts: { numItems: 1, cursor: null },
    })).page[0]!;
    const { url, siteUrl } = await backendUrls();

    const opened: string[] = [];
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols);
        opened.push(String(address));
      }
    };
    try {
      const page = await fixture(html`<div>
        <post-search deployment=${url} org=${org.slug} debounce="0"></post-search>
        <org-post-list deployment=${url} org=${org.slug}></org-post-list>
        <post-comments deployment=${url} auth-url=${siteUrl} org=${org.slug} post=${post.slug}></post-comments>
      </div>`);
      const list = page.querySelector("org-post-list")!;
      const search = page.querySelector("post-search")!;
      const comments = page.querySelector("post-comments")!;

      await eventually(() => parts(list, "post").length === 1, "the feed shows the post");
      part<HTMLInputElement>(search, "input")!.focus();
      await sendKeys({ type: "shared" });
      await eventually(() => parts(search, "result").length === 1, "the search finds the post");
      await eventually(() => comments.shadowRoot!.querySelector('[part~="empty"]'), "the thread is loaded (empty)");

      expect(opened.filter((address) => address.includes("/sync"))).to.have.length(1);
    } finally {
      window.WebSocket = NativeWebSocket;
    }
  });
});
