import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { LiveClient } from "./live-client.js";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { acquireClient, releaseClient, watchReachability } from "./client-registry.js";
import { toLiveError, UNREACHABLE, type LiveError } from "./errors.js";

export type LiveStatus = "idle" | "loading" | "ready" | "error";

export interface LiveTarget<Query extends FunctionReference<"query">> {
  deployment: string;
  query: Query;
  args: FunctionArgs<Query>;
}

type Host = ReactiveControllerHost & HTMLElement;

/** A stable key for what a target asks, to notice when it changes. */
function targetKey(target: LiveTarget<FunctionReference<"query">> | null): string {
  return target ? JSON.stringify([target.deployment, target.query, target.args]) : "";
}

/**
 * Keeps one live Convex query subscribed while the host is connected: the target is recomputed before
 * each update and the subscription follows it. `status`, `value` and `error` change as results arrive,
 * and each change re-renders the host.
 */
export class LiveQueryController<Query extends FunctionReference<"query">>
  implements ReactiveController
{
  status: LiveStatus = "idle";
  value: FunctionReturnType<Query> | undefined;
  error: LiveError | undefined;

  private key = "";
  private deployment: string | undefined;
  private client: LiveClient | undefined;
  private unsubscribe: (() => void) | undefined;
  private unwatch: (() => void) | undefined;
  private observer: IntersectionObserver | undefined;
  private near: boolean;

  constructor(
    private readonly host: Host,
    private readonly target: () => LiveTarget<Query> | null,
    /** `lazy`: wait until the host is within ~200px of the viewport before subscribing. */
    private readonly options: { lazy?: boolean } = {},
  ) {
    this.near = !options.lazy;
    host.addController(this);
  }

  hostConnected() {
    if (this.options.lazy && !this.near) this.observeViewport();
    this.sync();
  }

  hostUpdate() {
    this.sync();
  }

  hostDisconnected() {
    this.observer?.disconnect();
    this.observer = undefined;
    this.stop();
    this.key = "";
  }

  /** Subscribes afresh (after an error, the server runs the query again). */
  retry() {
    this.key = "";
    this.stop();
    this.sync();
    this.host.requestUpdate();
  }

  private observeViewport() {
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.near = true;
        this.observer?.disconnect();
        this.observer = undefined;
        this.host.requestUpdate();
      },
      { rootMargin: "200px" },
    );
    this.observer.observe(this.host);
  }

  private sync() {
    if (!this.host.isConnected || !this.near) return;
    const target = this.target();
    const key = targetKey(target);
    if (key === this.key) return;
    this.key = key;
    this.stop();
    if (!target) {
      this.status = "idle";
      this.value = undefined;
      this.error = undefined;
      return;
    }
    this.start(target);
  }

  private start(target: LiveTarget<Query>) {
    this.status = "loading";
    this.error = undefined;
    try {
      this.client = acquireClient(target.deployment);
      this.deployment = target.deployment;
    } catch (err) {
      this.fail(err);
      return;
    }
    const client = this.client;
    this.unwatch = watchReachability(client, (unreachable) => {
      if (unreachable && this.status === "loading") {
        this.fail({ code: UNREACHABLE, message: `Can't reach ${target.deployment}` });
      }
    });
    this.unsubscribe = client.onUpdate(
      target.query,
      target.args,
      (value) => {
        this.value = value;
        this.status = "ready";
        this.error = undefined;
        this.host.requestUpdate();
      },
      (err) => this.fail(err),
    );
  }

  private fail(err: unknown) {
    this.status = "error";
    this.error = toLiveError(err);
    this.host.requestUpdate();
  }

  private stop() {
    this.unwatch?.();
    this.unsubscribe?.();
    this.unwatch = this.unsubscribe = undefined;
    if (this.deployment !== undefined) releaseClient(this.deployment);
    this.client = this.deployment = undefined;
  }
}
