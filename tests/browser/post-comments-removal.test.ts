import { expect } from "@open-wc/testing";
import { backendUrls, createOrganization } from "./helpers/backend.js";
import { mountThread, typeInto, write } from "./helpers/comments.js";
import { eventually, part } from "./helpers/dom.js";

/** Whether leaving the page now would ask "unsaved changes?" (what Convex's beforeunload handler does). */
function leavingIsBlocked(): boolean {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe("<post-comments> removed while a comment is being sent", function () {
  this.timeout(60_000);

  it("still stores the comment, then closes its connection without blocking navigation", async () => {
    const org = await createOrganization();
    const { slug } = await org.publish("Route change");
    await org.owner.mutation("organizations:updateSettings", { allowGuestComments: true });
    const { url } = await backendUrls();

    const sockets: WebSocket[] = [];
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols);
        if (String(address).startsWith(url.replace(/^http/, "ws"))) sockets.push(this);
      }
    };
    try {
      const el = await mountThread(org.slug, slug);
      await eventually(() => part(el, "submit-button"), "the guest composer appears");
      typeInto(el.shadowRoot!.querySelector<HTMLInputElement>("#composer-main-name")!, "Rita Route");
      await write(el, "Sent just before leaving");
      part(el, "submit-button")!.click();
      // A single-page app changes route: the element leaves the DOM while the comment is in flight.
      el.remove();

      let stored: string[] = [];
      await eventually(async () => {
        const { page } = await org.owner.query<{ page: { content: string }[] }>("comments:list", {
          organizationSlug: org.slug,
          postSlug: slug,
          paginationOpts: { numItems: 10, cursor: null },
        });
        stored = page.map((c) => c.content);
        return stored.length > 0;
      }, "the comment is stored");
      expect(stored).to.deep.equal(["Sent just before leaving"]);

      await eventually(() => sockets.length > 0 && sockets.every((s) => s.readyState === WebSocket.CLOSED), "the connection closes");
      expect(leavingIsBlocked(), "no unsaved-changes prompt").to.equal(false);
    } finally {
      window.WebSocket = NativeWebSocket;
    }
  });
});
