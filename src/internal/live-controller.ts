import type { ReactiveController, ReactiveControllerHost } from "lit";
import { acquireClient, releaseClient, watchReachability } from "./client-registry.js";
import { toLiveError, UNREACHABLE, type LiveError } from "./errors.js";
import type { LiveClient } from "./live-client.js";

export type Host = ReactiveControllerHost & HTMLElement;

/**
 * What the live controllers share: the target is recomputed before each update; when it changes, the
 * old subscriptions end, the deployment's shared client is given back and the new target is subscribed
 * on the page's client. A deployment that stays unreachable before the first result becomes an error.
 * Subclasses call `host.addController(this)` once their own fields are set.
 */
export abstract class LiveController<Target extends { deployment: string }> implements ReactiveController {
  error: LiveError | undefined;
  /** The target subscribed to, null when there is none. */
  protected target: Target | null = null;
  protected client: LiveClient | undefined;

  #key = "";
  #unwatch: (() => void) | undefined;

  readonly #getTarget: () => Target | null;

  constructor(
    protected readonly host: Host,
    getTarget: () => Target | null,
  ) {
    this.#getTarget = getTarget;
  }

  hostConnected() {
    this.sync();
  }

  hostUpdate() {
    this.sync();
  }

  hostDisconnected() {
    this.#stop();
    this.#key = "";
  }

  /** Subscribes afresh (after an error, the server runs the query again). */
  retry() {
    this.#key = "";
    this.#stop();
    this.sync();
    this.host.requestUpdate();
  }

  /** Subscribes to the new target's query (or pages) on `client`. */
  protected abstract subscribe(client: LiveClient, target: Target): void;
  /** Ends the subscriptions and forgets what they delivered. */
  protected abstract unsubscribe(): void;
  /** Whether no first result has arrived yet. */
  protected abstract waiting(): boolean;
  /** Recomputes `status` (and whatever derives from the results). */
  protected abstract refresh(): void;

  protected sync() {
    if (!this.host.isConnected) return;
    const target = this.#getTarget();
    const key = target ? JSON.stringify(target) : "";
    if (key === this.#key) return;
    this.#key = key;
    this.#stop();
    this.target = target;
    if (target) this.#start(target);
    this.refresh();
  }

  /** Records the error and re-renders. */
  protected fail(err: unknown) {
    this.error = toLiveError(err);
    this.refresh();
    this.host.requestUpdate();
  }

  #start(target: Target) {
    let client: LiveClient;
    try {
      client = acquireClient(target.deployment);
    } catch (err) {
      this.fail(err);
      return;
    }
    this.client = client;
    this.#unwatch = watchReachability(client, (unreachable) => {
      if (unreachable && this.waiting()) this.fail({ code: UNREACHABLE, message: `Can't reach ${target.deployment}` });
    });
    this.subscribe(client, target);
  }

  #stop() {
    this.unsubscribe();
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.error = undefined;
    if (this.client) releaseClient(this.target!.deployment);
    this.client = undefined;
  }
}
