import type { ReactiveController, ReactiveControllerHost } from "lit";

type SnapshotHost = ReactiveControllerHost & HTMLElement;

/** What the reader had focused in the snapshot: the item (`data-id`) and, for a link, where it leads. */
interface FocusMark {
  id: string;
  href: string | null;
}

/**
 * A server snapshot placed inside the element's tag (`<div data-lp-snapshot="…">`, from the snapshot
 * endpoint or `npx live-post-elements snapshot`): shown at once in place of the skeleton, inside the
 * shadow root where the element's own styles apply (the snapshot repeats the live markup), until the
 * live view has its first result. At the swap the element keeps its height until the live content has
 * rendered, the page keeps its scroll position, and focus inside the snapshot moves to the same item's
 * node in the live view. An empty snapshot (unknown post) is ignored.
 */
export class SnapshotController implements ReactiveController {
  readonly #host: SnapshotHost;
  readonly #kind: string;
  readonly #live: () => boolean;
  #node: HTMLElement | undefined;
  #focus: FocusMark | undefined;
  #scroll: [number, number] | undefined;
  #swapping = false;

  constructor(host: SnapshotHost, kind: "comments" | "posts", live: () => boolean) {
    this.#host = host;
    this.#kind = kind;
    this.#live = live;
    host.addController(this);
  }

  hostConnected() {
    const node = this.#node ? undefined : this.#host.querySelector<HTMLElement>(`:scope > [data-lp-snapshot="${this.#kind}"]`);
    if (node?.childElementCount) this.#node = node;
  }

  /** The snapshot to render while the live view waits, if there is one. */
  get view(): HTMLElement | undefined {
    return this.#node;
  }

  /** A number the snapshot states (`data-<name>`), e.g. the comment count, while the live one loads. */
  number(name: string): number | undefined {
    const value = this.#node?.dataset[name];
    return value === undefined ? undefined : Number(value);
  }

  hostUpdate() {
    const node = this.#node;
    if (!node || !this.#live()) return;
    // The live view renders in this update: hold the height, remember the scroll and the focus.
    const host = this.#host;
    host.style.minHeight = `${host.getBoundingClientRect().height}px`;
    this.#scroll = [window.scrollX, window.scrollY];
    const active = (host.shadowRoot?.activeElement ?? null) as HTMLElement | null;
    const item = active && node.contains(active) ? active.closest<HTMLElement>("[data-id]") : null;
    this.#focus = item ? { id: item.dataset.id!, href: active!.getAttribute("href") } : undefined;
    this.#node = undefined;
    this.#swapping = true;
  }

  hostUpdated() {
    if (!this.#swapping) return;
    this.#swapping = false;
    const host = this.#host;
    const mark = this.#focus;
    if (mark) {
      const item = host.shadowRoot?.querySelector<HTMLElement>(`[data-id="${CSS.escape(mark.id)}"]`);
      // The same link if the live item has it, else the item's article (live items have more controls).
      const link = mark.href === null ? null : item?.querySelector<HTMLElement>(`a[href="${CSS.escape(mark.href)}"]`);
      const target = link ?? item?.querySelector<HTMLElement>("article") ?? item;
      if (target) {
        if (!link) target.tabIndex = -1;
        target.focus({ preventScroll: true });
      }
    }
    const [x, y] = this.#scroll!;
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    // Released once the live content has been laid out, so nothing below moves in between.
    requestAnimationFrame(() => {
      host.style.minHeight = "";
      if (!host.style.length) host.removeAttribute("style");
    });
  }
}
