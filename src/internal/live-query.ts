import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { LiveClient } from "./live-client.js";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { LiveController, type Host } from "./live-controller.js";

export type LiveStatus = "idle" | "loading" | "ready" | "error";

export interface LiveTarget<Query extends FunctionReference<"query">> {
  deployment: string;
  query: Query;
  args: FunctionArgs<Query>;
}

/**
 * Keeps one live Convex query subscribed while the host is connected: the target is recomputed before
 * each update and the subscription follows it. `status`, `value` and `error` change as results arrive,
 * and each change re-renders the host.
 */
export class LiveQueryController<Query extends FunctionReference<"query">>
  extends LiveController<LiveTarget<Query>>
  implements ReactiveController
{
  status: LiveStatus = "idle";
  value: FunctionReturnType<Query> | undefined;

  #received = false;
  #unsubscribeQuery: (() => void) | undefined;
  #observer: IntersectionObserver | undefined;
  #near: boolean;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    target: () => LiveTarget<Query> | null,
    /** `lazy`: wait until the host is within ~200px of the viewport before subscribing. */
    options: { lazy?: boolean } = {},
  ) {
    super(host as Host, target);
    this.#near = !options.lazy;
    host.addController(this);
  }

  override hostConnected() {
    if (!this.#near) this.#observeViewport();
    super.hostConnected();
  }

  override hostDisconnected() {
    this.#observer?.disconnect();
    this.#observer = undefined;
    super.hostDisconnected();
  }

  protected override sync() {
    if (this.#near) super.sync();
  }

  protected subscribe(client: LiveClient, target: LiveTarget<Query>) {
    this.#unsubscribeQuery = client.onUpdate(
      target.query,
      target.args,
      (value) => {
        this.value = value;
        this.#received = true;
        this.error = undefined;
        this.refresh();
        this.host.requestUpdate();
      },
      (err) => this.fail(err),
    );
  }

  protected unsubscribe() {
    this.#unsubscribeQuery?.();
    this.#unsubscribeQuery = undefined;
    this.#received = false;
  }

  protected waiting() {
    return !this.#received && !this.error;
  }

  protected refresh() {
    if (!this.target) this.value = undefined;
    this.status = this.error ? "error" : !this.target ? "idle" : this.#received ? "ready" : "loading";
  }

  #observeViewport() {
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.#near = true;
        this.#observer?.disconnect();
        this.#observer = undefined;
        this.host.requestUpdate();
      },
      { rootMargin: "200px" },
    );
    this.#observer.observe(this.host);
  }
}
