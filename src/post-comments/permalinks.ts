/**
 * Links to one comment (`#comment-<id>`), loaded when the address names a comment or a reader copies a
 * link. A fragment cannot reach into the element's shadow root, so this follows the address itself: it
 * pages down the thread until the comment is shown (the backend says which top-level comment to reach),
 * scrolls to it, marks it and moves focus there.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { api, CommentThread } from "../internal/api.js";
import type { ClientController } from "../internal/client-controller.js";
import type { LocalizeController } from "../internal/localize.js";
import type { PaginatedStatus } from "../internal/paginated-query.js";

// Only types come from modules the element holds (it hands over the rest): an app's bundler would put
// what this chunk shares with the element in one more file that every reader loads.
export { enPermalinks } from "../internal/locales/en-permalinks.js";

export interface PermalinkContext {
  host: ReactiveControllerHost &
    HTMLElement & { org: string; post: string; readonly connection: ClientController };
  localize: LocalizeController;
  thread: { readonly status: PaginatedStatus; readonly results: CommentThread[] };
  loadMore: () => void;
  /** `api.comments.permalinkPosition`. */
  position: typeof api.comments.permalinkPosition;
  /** Says `text` in the element's polite live region. */
  announce: (text: string) => void;
}

/** How long a Copy link button says "Link copied". */
const COPIED_MS = 3000;

/** The comment id in `#comment-<id>`, if the hash names one. */
const linkedId = (hash: string) => /^#comment-([\w-]{1,64})$/.exec(hash)?.[1];

/** Copies through a selection, for pages where the Clipboard API is missing or refused (plain http, old browsers). */
function copyBySelection(root: ShadowRoot, text: string): boolean {
  const active = root.activeElement as HTMLElement | null;
  const field = Object.assign(document.createElement("textarea"), { value: text, readOnly: true });
  field.style.cssText = "position:fixed;opacity:0";
  root.append(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    // Refused: the reader copies the link from the notice.
  }
  field.remove();
  active?.focus();
  return copied;
}

export class Permalinks implements ReactiveController {
  /** The comment the address names, until it is shown or known to be out of reach. */
  #target: string | undefined;
  /** The top-level comment to page down to: undefined until the backend says, null when readers cannot see it. */
  #topLevel: string | null | undefined;
  #asking = false;
  #linked: HTMLElement | undefined;
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;
  /** The comment whose link was just copied. */
  copied = "";
  /** Shown as `::part(permalink-notice)`: the linked comment is out of reach, or the link to copy by hand. */
  notice = "";

  constructor(private readonly c: PermalinkContext) {
    c.host.addController(this);
  }

  hostDisconnected() {
    clearTimeout(this.#copiedTimer);
    this.copied = "";
  }

  /** Follows the address: a `#comment-<id>` hash shows that comment; any other clears the mark. */
  follow() {
    const id = linkedId(location.hash);
    if (id && id === this.#target) return;
    this.#target = id;
    this.#topLevel = undefined;
    this.#asking = false;
    this.notice = "";
    this.#linked?.part.remove("linked-comment");
    this.#linked = undefined;
    // Scrolling to the thread also brings it near the viewport, where it connects.
    if (id && !this.#reveal()) this.c.host.scrollIntoView({ block: "start" });
    this.c.host.requestUpdate();
  }

  /** After each render: shows the comment once it is there, else asks where it is and loads the next page. */
  hostUpdated() {
    if (!this.#target) return;
    const { status, results } = this.c.thread;
    // Loading: wait for the page; failed: the thread says so.
    if (status !== "ready" && status !== "exhausted") return;
    if (this.#reveal()) return;
    if (this.#topLevel === undefined) return this.#ask(this.#target);
    if (this.#topLevel === null || status === "exhausted" || results.some((c) => c._id === this.#topLevel)) {
      this.#target = undefined;
      this.notice = this.c.localize.term("linkedCommentGone");
      this.#announce(this.notice);
      return;
    }
    this.c.loadMore();
  }

  #ask(id: string) {
    const { host } = this.c;
    const client = host.connection.client;
    if (this.#asking || !client) return;
    this.#asking = true;
    client
      .query(this.c.position, { organizationSlug: host.org, postSlug: host.post, commentId: id })
      .then(
        (position) => {
          if (this.#target === id) this.#topLevel = position?.topLevelId ?? null;
        },
        // Could not ask (the thread itself shows a failing connection): stop looking.
        () => {
          if (this.#target === id) this.#target = undefined;
        },
      )
      .finally(() => host.requestUpdate());
  }

  /** Scrolls to the target comment if it is rendered, marks it and moves focus to it. */
  #reveal(): boolean {
    const comment = this.c.host.shadowRoot?.getElementById(`comment-${this.#target}`);
    if (!comment) return false;
    this.#target = undefined;
    comment.part.add("linked-comment");
    this.#linked = comment;
    const focusable = comment.querySelector<HTMLElement>(":scope > article") ?? comment;
    focusable.tabIndex = -1;
    comment.scrollIntoView({ block: "start" });
    focusable.focus({ preventScroll: true });
    return true;
  }

  /** Copies the address of comment `id` (this page with `#comment-<id>`), and says so. */
  async copy(id: string) {
    const { host, localize } = this.c;
    const url = new URL(location.href);
    url.hash = `comment-${id}`;
    const copied =
      (await navigator.clipboard?.writeText(url.href).then(
        () => true,
        () => false,
      )) || copyBySelection(host.shadowRoot!, url.href);
    clearTimeout(this.#copiedTimer);
    if (copied) {
      this.copied = id;
      this.#announce(localize.term("linkCopied"));
      this.#copiedTimer = setTimeout(() => {
        this.copied = "";
        host.requestUpdate();
      }, COPIED_MS);
    } else {
      this.notice = localize.term("copyThisLink", url.href);
      this.#announce(this.notice);
    }
    host.requestUpdate();
  }

  /**
   * Empties the live region first, so the same words said twice (a second copy) are heard twice; after
   * the render under way, which may be the one that found the comment gone.
   */
  #announce(text: string) {
    const { host, announce } = this.c;
    void host.updateComplete
      .then(() => {
        announce("");
        return host.updateComplete;
      })
      .then(() => announce(text));
  }
}
