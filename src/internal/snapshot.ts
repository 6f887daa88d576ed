import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { beginSwap } from "./snapshot-swap.js";

type SnapshotHost = ReactiveControllerHost & HTMLElement;

/**
 * A server snapshot placed inside the element's tag (`<div data-lp-snapshot="…">`, from the snapshot
 * endpoint or `npx live-post-elements snapshot`): shown at once in place of the skeleton, inside the
 * shadow root where the element's own styles apply (the snapshot repeats the live markup), until the
 * live view has its first result and the swap's code (src/internal/snapshot-swap.ts, loaded only when
 * there is a snapshot) is here: the element renders `view` while there is one. An empty snapshot
 * (unknown post) is ignored.
 */
export class SnapshotController implements ReactiveController {
  readonly #host: SnapshotHost;
  readonly #kind: string;
  readonly #live: () => boolean;
  #node: HTMLElement | undefined;
  #beginSwap: typeof beginSwap | undefined;
  #endSwap: (() => void) | undefined;

  constructor(host: SnapshotHost, kind: "comments" | "posts", live: () => boolean) {
    this.#host = host;
    this.#kind = kind;
    this.#live = live;
    host.addController(this);
  }

  hostConnected() {
    const node = this.#node ? undefined : this.#host.querySelector<HTMLElement>(`:scope > [data-lp-snapshot="${this.#kind}"]`);
    if (!node?.childElementCount) return;
    this.#node = node;
    void import("./snapshot-swap.js")
      .then(
        (swap) => swap.beginSwap,
        // Should the code fail to load, the live view still takes over, only without the held height, scroll and focus.
        () => () => () => {},
      )
      .then((beginSwap) => {
        this.#beginSwap = beginSwap;
        this.#host.requestUpdate();
      });
  }

  /** The snapshot to render until the live view takes its place, if there is one. */
  get view(): HTMLElement | undefined {
    return this.#node;
  }

  /** A number the snapshot states (`data-<name>`), e.g. the comment count, while the live one loads. */
  number(name: string): number | undefined {
    const value = this.#node?.dataset[name];
    return value === undefined ? undefined : Number(value);
  }

  hostUpdate() {
    // The live view renders in this update.
    if (this.#node && this.#beginSwap && this.#live()) {
      this.#endSwap = this.#beginSwap(this.#host, this.#node);
      this.#node = undefined;
    }
  }

  hostUpdated() {
    this.#endSwap?.();
    this.#endSwap = undefined;
  }
}
