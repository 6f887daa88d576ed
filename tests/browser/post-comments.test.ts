import { expect, fixture, html } from "@open-wc/testing";
import type { PostComments } from "../../src/post-comments/post-comments.js";
import { createOrganization, signUp, unique } from "./helpers/backend.js";
import { bodies, commentAs, forgetSession, loaded, mountThread } from "./helpers/comments.js";
import { eventually, part, parts } from "./helpers/dom.js";

declare global {
  interface Window {
    __lpCommentsPwned?: boolean;
  }
}

describe("<post-comments> for readers", () => {
  afterEach(forgetSession);

  describe("loading", () => {
    it("shows a skeleton and a heading until the thread arrives, accessibly", async () => {
      const org = await createOrganization({ posts: [{ title: "Post" }] });
      const el = await mountThread(org.slug, "whatever");
      expect(part(el, "skeleton")).to.exist;
      expect(part(el, "count")!.textContent).to.equal("Comments");
      await expect(el).to.be.accessible();
      await loaded(el);
      expect(part(el, "skeleton")).to.equal(null);
    });

    it("connects only when it comes near the viewport", async () => {
      const org = await createOrganization();
      const post = unique("far-away");
      const { url, siteUrl } = await import("./helpers/backend.js").then((m) => m.backendUrls());
      // Every socket opened and every subscription sent for this post (a socket left open by an
      // earlier test included), recorded on the real WebSocket.
      const opened: string[] = [];
      const subscriptions: string[] = [];
      const NativeWebSocket = window.WebSocket;
      const nativeSend = NativeWebSocket.prototype.send;
      window.WebSocket = class extends NativeWebSocket {
        constructor(address: string | URL, protocols?: string | string[]) {
          super(address, protocols);
          opened.push(String(address));
        }
      };
      NativeWebSocket.prototype.send = function (data) {
        if (typeof data === "string" && data.includes("ModifyQuerySet") && data.includes(post)) subscriptions.push(data);
        return nativeSend.call(this, data);
      };
      try {
        const wrapper = await fixture<HTMLDivElement>(html`<div>
          <div style="height: 5000px"></div>
          <post-comments deployment=${url} auth-url=${siteUrl} org=${org.slug} post=${post}></post-comments>
        </div>`);
        const el = wrapper.querySelector("post-comments")!;
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(opened, "no WebSocket opened while the thread is below the fold").to.deep.equal([]);
        expect(subscriptions, "no subscription sent while the thread is below the fold").to.deep.equal([]);
        expect(part(el, "skeleton"), "still waiting below the fold").to.exist;
        el.scrollIntoView();
        await eventually(() => subscriptions.length > 0, "the thread subscribes once it is in view");
        await loaded(el);
        expect(part(el, "empty")).to.exist;
        expect(opened.filter((address) => address.includes("/sync")).length, "at most one WebSocket").to.be.at.most(1);
      } finally {
        window.WebSocket = NativeWebSocket;
        NativeWebSocket.prototype.send = nativeSend;
      }
    });
  });

  it("connects in the call that adds it in view of a loaded page, before its first render and the next frame", async () => {
    const org = await createOrganization();
    const { url, siteUrl } = await import("./helpers/backend.js").then((m) => m.backendUrls());
    const el = document.createElement("post-comments") as PostComments;
    Object.assign(el, { deployment: url, authUrl: siteUrl, org: org.slug, post: unique("in-view") });
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    document.body.append(el);
    try {
      expect(el.connection.client, "the client is held as the element connects").to.exist;
      expect(el.hasUpdated, "before the first render").to.equal(false);
      // Until no update is pending (coming near asks for one more); microtasks only, no frame between.
      while (!(await el.updateComplete));
      expect(framed, "measured before any frame").to.equal(false);
      expect(el.connection.client, "the client is held without waiting for the observer").to.exist;
      await loaded(el);
    } finally {
      el.remove();
    }
  });

  it("asks for the reader's permissions after the thread's first result, then shows the matching buttons", async () => {
    const org = await createOrganization();
    const post = unique("viewer-later");
    // Each query set sent for this organization, with whether the thread's first result had arrived by then.
    const sets: { paths: string[]; threadArrived: boolean }[] = [];
    let el: PostComments | undefined;
    const nativeSend = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === "string" && data.includes("ModifyQuerySet") && data.includes(org.slug)) {
        const message = JSON.parse(data) as { modifications: { type: string; udfPath?: string }[] };
        const client = el?.connection.client?.client;
        sets.push({
          paths: message.modifications.flatMap((m) => (m.udfPath ? [m.udfPath] : [])),
          threadArrived: client?.localQueryResult("posts:getBySlug", { organizationSlug: org.slug, slug: post }) !== undefined,
        });
      }
      return nativeSend.call(this, data);
    };
    try {
      el = await mountThread(org.slug, post);
      await loaded(el);
      await eventually(() => part(el!, "sign-in-button"), "the sign-in button appears once the permissions arrive");
      const first = sets.find((set) => set.paths.some((path) => path.startsWith("comments:list")));
      expect(first?.paths, "the first query set holds the thread").to.include("posts:getBySlug");
      expect(first?.paths, "but not the permissions").not.to.include("comments:viewerPermissions");
      const viewer = sets.find((set) => set.paths.includes("comments:viewerPermissions"));
      expect(viewer?.threadArrived, "the permissions are asked once the thread's first result is in").to.equal(true);
    } finally {
      WebSocket.prototype.send = nativeSend;
    }
  });

  describe("empty", () => {
    it("shows an empty thread with zero comments for an unknown post, accessibly", async () => {
      const org = await createOrganization();
      const el = await mountThread(org.slug, unique("not-yet"));
      await loaded(el);
      expect(part(el, "empty")!.textContent).to.contain("No comments yet");
      expect(part(el, "count")!.textContent).to.equal("0 comments");
      expect(part(el, "list")).to.equal(null);
      expect(part(el, "load-more-button")).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe("list", () => {
    it("shows comments oldest first with their replies, authors, dates and the count, accessibly", async () => {
      const org = await createOrganization({ ownerName: "Olive Owner" });
      const { slug } = await org.publish("Hello");
      const reader = await signUp("Rita Reader");
      const first = await commentAs(reader, org.slug, slug, "First *comment*");
      await commentAs(org.owner, org.slug, slug, "Second comment");
      await commentAs(org.owner, org.slug, slug, "A reply to the first", first);

      const el = await mountThread(org.slug, slug);
      await eventually(() => parts(el, "comment").length === 3, "three comments appear");
      expect(bodies(el)).to.deep.equal(["First comment", "A reply to the first", "Second comment"]);
      expect(part(el, "comment-body")!.querySelector("em")!.textContent).to.equal("comment");
      expect(parts(el, "comment-author").map((a) => a.textContent)).to.deep.equal([
        "Rita Reader",
        "Olive Owner",
        "Olive Owner",
      ]);
      const replies = part(el, "replies")!;
      expect(replies.closest("[part~=comment]")!.querySelector("[part~=comment-body]")!.textContent).to.contain(
        "First comment",
      );
      expect(replies.textContent).to.contain("A reply to the first");
      const date = part<HTMLTimeElement>(el, "comment-date")!;
      expect(Date.now() - new Date(date.dateTime).getTime()).to.be.lessThan(60_000);
      expect(date.textContent).to.match(/now|seconds? ago/);
      expect(part(el, "count")!.textContent).to.equal("3 comments");
      await expect(el).to.be.accessible();
    });

    it("pages through a long thread with Load more", async () => {
      const org = await createOrganization();
      const { slug } = await org.publish("Long");
      for (let i = 1; i <= 5; i++) await commentAs(org.owner, org.slug, slug, `Comment ${i}`);
      const el = await mountThread(org.slug, slug, { pageSize: 2 });
      await eventually(() => parts(el, "comment").length === 2, "the first page appears");
      expect(bodies(el)).to.deep.equal(["Comment 1", "Comment 2"]);
      part(el, "load-more-button")!.click();
      await eventually(() => parts(el, "comment").length === 4, "the second page appears");
      part(el, "load-more-button")!.click();
      await eventually(() => parts(el, "comment").length === 5, "the last page appears");
      expect(bodies(el)).to.deep.equal(["Comment 1", "Comment 2", "Comment 3", "Comment 4", "Comment 5"]);
      await eventually(() => !part(el, "load-more-button"), "Load more goes away at the end");
      expect(part(el, "count")!.textContent).to.equal("5 comments");
    });

    it("shows a comment posted by another reader without reload and announces it politely", async () => {
      const org = await createOrganization();
      const { slug } = await org.publish("Live");
      await commentAs(org.owner, org.slug, slug, "Already here");
      const el = await mountThread(org.slug, slug);
      await eventually(() => parts(el, "comment").length === 1, "the first comment appears");
      const live = el.shadowRoot!.querySelector("[aria-live=polite]")!;
      expect(live.textContent!.trim(), "nothing announced on first load").to.equal("");

      const other = await signUp("Nina Newcomer");
      await commentAs(other, org.slug, slug, "Fresh from elsewhere");
      await eventually(() => parts(el, "comment").length === 2, "the new comment appears");
      expect(bodies(el)).to.deep.equal(["Already here", "Fresh from elsewhere"]);
      await eventually(() => part(el, "count")!.textContent === "2 comments", "the count follows");
      expect(live.textContent!.trim()).to.equal("New comment from Nina Newcomer");
    });

    it("shows a reply to a reply written elsewhere with whom it answers, live and in the page's language", async () => {
      const org = await createOrganization();
      const { slug } = await org.publish("Threads");
      const topId = await commentAs(org.owner, org.slug, slug, "Top");
      const ada = await signUp("Ada");
      const adaId = await commentAs(ada, org.slug, slug, "Ada's reply", topId);
      const { url, siteUrl } = await import("./helpers/backend.js").then((m) => m.backendUrls());
      const wrapper = await fixture(html`<div lang="de">
        <post-comments deployment=${url} site=${siteUrl} org=${org.slug} post=${slug}></post-comments>
      </div>`);
      const el = wrapper.querySelector("post-comments")!;
      await eventually(() => parts(el, "comment").length === 2, "the thread appears");
      expect(part(el, "reply-to"), "a reply to the top-level comment names nobody").to.equal(null);

      const bob = await signUp("Bob");
      await commentAs(bob, org.slug, slug, "Bob answers Ada", adaId);
      await eventually(() => part(el, "reply-to"), "the answer appears with whom it answers");
      expect(bodies(el)).to.deep.equal(["Top", "Ada's reply", "Bob answers Ada"]);
      const link = part<HTMLAnchorElement>(el, "reply-to")!;
      expect(link.closest("li")!.dataset.id).to.not.equal(adaId);
      expect(link.textContent!.replace(/\s+/g, " ").trim()).to.equal("↪Antwort an Ada");
      expect(link.getAttribute("href")).to.equal(`#comment-${adaId}`);
      await expect(el).to.be.accessible();
    });

    it("renders hostile names and comments as text and runs nothing", async () => {
      const org = await createOrganization();
      const { slug } = await org.publish("Hostile");
      const attack = `<img src=x onerror="window.__lpCommentsPwned=true">`;
      const mallory = await signUp(attack);
      await commentAs(mallory, org.slug, slug, `${attack} <script>window.__lpCommentsPwned=true</script>`);
      await commentAs(mallory, org.slug, slug, "[click](javascript:window.__lpCommentsPwned=true)");
      await commentAs(mallory, org.slug, slug, "[click](javascript:void0) **<svg onload=window.__lpCommentsPwned=true>**");
      const el = await mountThread(org.slug, slug);
      await eventually(() => parts(el, "comment").length === 3, "the comments appear");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(el.shadowRoot!.querySelector("img, script, svg")?.outerHTML ?? null, "markup from comment text").to.equal(null);
      expect(el.shadowRoot!.querySelector("[part~=comment-body] a")?.outerHTML ?? null, "a javascript: link").to.equal(null);
      expect(part(el, "comment-author")!.textContent).to.equal(attack);
      expect(bodies(el)[0]).to.contain(attack);
      expect(bodies(el)[1]).to.equal("[click](javascript:window.__lpCommentsPwned=true)");
      expect(window.__lpCommentsPwned).to.equal(undefined);
    });

    it("speaks French when the page does", async () => {
      const org = await createOrganization();
      const { slug } = await org.publish("Bonjour");
      await commentAs(org.owner, org.slug, slug, "Salut");
      const { url, siteUrl } = await import("./helpers/backend.js").then((m) => m.backendUrls());
      const wrapper = await fixture(html`<div lang="fr">
        <post-comments deployment=${url} auth-url=${siteUrl} org=${org.slug} post=${slug}></post-comments>
      </div>`);
      const el = wrapper.querySelector("post-comments")!;
      await eventually(() => part(el, "count")?.textContent === "1 commentaire", "French count");
      // The reader's permissions are asked after the thread: the button follows the comments.
      await eventually(() => part(el, "sign-in-button"), "the sign-in button");
      expect(part(el, "sign-in-button")!.textContent!.trim()).to.equal("Se connecter pour commenter");
    });

    it("does not download the writing or sign-in code for readers who may not write", async () => {
      // A fresh document with its own module map and resource timeline, so modules imported by this
      // file or downloaded by earlier tests don't count, and the thread it mounts is the only code asking.
      const org = await createOrganization();
      const { slug } = await org.publish("Read only");
      await commentAs(org.owner, org.slug, slug, "Read me");
      const { url, siteUrl } = await import("./helpers/backend.js").then((m) => m.backendUrls());
      const frame = document.createElement("iframe");
      frame.srcdoc = `<!doctype html><html><body>
        <script>window.process = { env: { NODE_ENV: "development" } };</script>
        <script type="module" src="${new URL("/src/post-comments/post-comments.ts", location.href)}"></script>
        <post-comments deployment="${url}" auth-url="${siteUrl}" org="${org.slug}" post="${slug}"></post-comments>
      </body></html>`;
      document.body.append(frame);
      try {
        await eventually(() => frame.contentDocument?.querySelector("post-comments")?.shadowRoot?.querySelector("[part~=comment]"),
          "the thread loads in the fresh document", 15_000);
        const thread = frame.contentDocument!.querySelector("post-comments")!;
        // Once the permissions are in (after the thread), the element has decided what to download.
        await eventually(() => thread.shadowRoot!.querySelector("[part~=sign-in-button]"), "the reader is offered sign-in");
        const loaded = frame.contentWindow!.performance.getEntriesByType("resource").map((e) => e.name);
        expect(loaded.some((name) => name.includes("/src/post-comments/post-comments")), "the element's own module is recorded").to.equal(true);
        expect(loaded.filter((name) => name.includes("/src/post-comments/comment-writer")), "writing code").to.deep.equal([]);
        expect(loaded.filter((name) => name.includes("/src/auth/session")), "sign-in code").to.deep.equal([]);
        expect(loaded.filter((name) => name.includes("better-auth")), "Better Auth client").to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  });

  describe("error", () => {
    it("shows a readable error with Retry when the deployment can't be reached, accessibly", async () => {
      const el = await fixture<PostComments>(
        html`<post-comments deployment="http://127.0.0.1:9" org="x" post="y"></post-comments>`,
      );
      await eventually(() => part(el, "error"), "the error state appears", 15_000);
      expect(part(el, "error")!.textContent).to.contain("Couldn't load the comments.");
      expect(part(el, "error")!.textContent).to.contain("Can't reach the server");
      expect(part(el, "error")!.querySelector("button")!.textContent).to.contain("Retry");
      await expect(el).to.be.accessible();
    });

    it("offers Retry as the retry-button part and tells the page with lp-error", async () => {
      const errors: string[] = [];
      const wrapper = await fixture<HTMLDivElement>(html`<div @lp-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}></div>`);
      const el = document.createElement("post-comments");
      el.setAttribute("deployment", "nope");
      el.setAttribute("org", "x");
      el.setAttribute("post", "y");
      wrapper.append(el);
      await eventually(() => part(el, "retry-button"), "the error state offers Retry", 15_000);
      expect(part(el, "retry-button")!.textContent!.trim()).to.equal("Retry");
      expect(errors.length, "each failed load tells the page once").to.be.greaterThan(0);
      expect(errors.every((code) => code === "UNKNOWN"), `codes: ${errors.join(", ")}`).to.equal(true);
    });
  });

  describe("theming", () => {
    it("applies custom properties, parts and the dark theme", async () => {
      const org = await createOrganization();
      const { slug } = await org.publish("Styled");
      await org.owner.mutation("organizations:updateSettings", { allowGuestComments: true });
      await commentAs(org.owner, org.slug, slug, "Look at me");
      await commentAs(org.owner, org.slug, slug, "Second, so there is a Load more button");
      const style = document.createElement("style");
      style.textContent = `
        post-comments.styled { --post-comments-accent: rgb(1, 2, 3); --lp-font-family: monospace; }
        post-comments.styled::part(comment-author) { color: rgb(4, 5, 6); }
        post-comments.styled::part(load-more-button) { border-width: 7px; }`;
      document.head.append(style);
      try {
        const el = await mountThread(org.slug, slug, { pageSize: 1 });
        el.classList.add("styled");
        await eventually(() => part(el, "comment-author"), "the comment appears");
        await eventually(() => part(el, "load-more-button"), "Load more appears");
        expect(getComputedStyle(part(el, "comment-author")!).color).to.equal("rgb(4, 5, 6)");
        expect(getComputedStyle(part(el, "load-more-button")!).borderTopWidth).to.equal("7px");
        expect(getComputedStyle(part(el, "base")!).fontFamily).to.equal("monospace");
        // Guests may comment here, so the composer and its accent-colored send button show.
        await eventually(() => part(el, "submit-button"), "the guest composer appears");
        expect(getComputedStyle(part(el, "submit-button")!).backgroundColor).to.equal("rgb(1, 2, 3)");

        const light = getComputedStyle(part(el, "base")!).color;
        // A dark page behind the dark theme, without the test's own colors.
        el.classList.remove("styled");
        el.style.backgroundColor = "#0d1117";
        el.theme = "dark";
        await el.updateComplete;
        expect(el.getAttribute("theme")).to.equal("dark");
        expect(getComputedStyle(part(el, "base")!).color).to.not.equal(light);
        await expect(el).to.be.accessible();
      } finally {
        style.remove();
      }
    });
  });
});
