import type { ReactiveController } from "lit";
import { emit } from "../events/emit.js";
import type { ClientController, ClientHost } from "./client-controller.js";
import { toLiveError, UNREACHABLE, type LiveError } from "./errors.js";
import type { LiveClient } from "./live-client.js";

/** What a live controller reads from its element: the element's one client lifecycle. */
export type LiveHost = ClientHost & { readonly connection: ClientController };

/** The renderers of a live controller's `render()`, like `@lit/task`'s; a missing one renders nothing. */
export interface StatusRenderers<Value, Result> {
  /** No target (nothing to show yet, or the element waits to come near the viewport). */
  initial?: () => Result;
  /** Waiting for the first result. */
  pending?: () => Result;
  complete?: (value: Value) => Result;
  error?: (error: LiveError) => Result;
}

const shallowEqual = (a: object, b: object) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k as keyof object] === b[k as keyof object]);
};

/** Targets are equal when their fields are, and their `args` field by field. */
function sameTarget<Target extends { args: object }>(a: Target | null, b: Target | null): boolean {
  if (!a || !b) return a === b;
  return shallowEqual({ ...a, args: 0 }, { ...b, args: 0 }) && shallowEqual(a.args, b.args);
}

/** What a controller does with the subscription it follows. */
export interface Subscriber<Target> {
  subscribe(client: LiveClient, target: Target): void;
  /** Ends the subscriptions; `forget`: there is no next target, so drop what they delivered too. */
  unsubscribe(forget: boolean): void;
  /** Whether no first result has arrived yet. */
  waiting(): boolean;
}

export type LiveStatus = "idle" | "loading" | "ready" | "error";

/**
 * What the live controllers share, itself the reactive controller they add: before each update the
 * target is recomputed; when it (or the element's client) changes, the old subscriptions end and the new
 * target is subscribed. A failure is recorded, told to the page as `lp-error` and re-renders the element;
 * so does a deployment that stays unreachable before the first result.
 */
export class LiveSubscription<Target extends { args: object }> implements ReactiveController {
  #error: LiveError | undefined;
  #target: Target | null = null;
  #client: LiveClient | undefined;
  readonly #host: LiveHost;
  readonly #getTarget: () => Target | null;
  readonly #subscriber: Subscriber<Target>;

  constructor(host: LiveHost, getTarget: () => Target | null, subscriber: Subscriber<Target>) {
    this.#host = host;
    this.#getTarget = getTarget;
    this.#subscriber = subscriber;
    host.addController(this);
  }

  get error() {
    return this.#error;
  }

  /** The target subscribed to, null when there is none (or no client to subscribe on). */
  get target() {
    return this.#target;
  }

  get client() {
    return this.#client;
  }

  /** The status, given whether the first result has arrived. */
  status(received: boolean): LiveStatus {
    return this.#error ? "error" : !this.#target ? "idle" : received ? "ready" : "loading";
  }

  /** Renders the status with the matching renderer, `@lit/task` style. */
  render<Value, Result>(renderers: StatusRenderers<Value, Result>, received: boolean, value: () => Value): Result | undefined {
    const status = this.status(received);
    return status === "idle"
      ? renderers.initial?.()
      : status === "loading"
        ? renderers.pending?.()
        : status === "error"
          ? renderers.error?.(this.#error!)
          : renderers.complete?.(value());
  }

  hostConnected() {
    this.follow();
  }

  hostUpdate() {
    this.follow();
  }

  hostDisconnected() {
    this.#stop(false);
  }

  /** Subscribes to the current target, unless already subscribed to it. */
  follow() {
    const { connection } = this.#host;
    const client = connection.client;
    const target = client || connection.error ? this.#getTarget() : null;
    if (client !== this.#client || !sameTarget(target, this.#target)) {
      this.#stop(!target);
      this.#target = target;
      this.#client = target ? client : undefined;
      if (target && connection.error) this.fail(connection.error);
      else if (this.#client && target) this.#subscriber.subscribe(this.#client, target);
    }
    if (this.#client && connection.unreachable && !this.#error && this.#subscriber.waiting()) {
      this.fail({ code: UNREACHABLE, message: `Can't reach ${this.#host.deployment}` });
    }
  }

  /** `forget`: drop what the subscriptions delivered (kept while a new target loads, after Retry, or the element moves). */
  #stop(forget: boolean) {
    this.#subscriber.unsubscribe(forget);
    this.#target = null;
    this.#client = undefined;
    this.#error = undefined;
  }

  /** Subscribes afresh (after an error, the server runs the query again). */
  retry() {
    this.#stop(false);
    this.follow();
    this.#host.requestUpdate();
  }

  /** Records the error, tells the page and re-renders. */
  fail(err: unknown) {
    const first = !this.#error;
    this.#error = toLiveError(err);
    if (first) emit(this.#host, "lp-error", this.#error);
    this.#host.requestUpdate();
  }

  /** A result arrived: any earlier error is over. */
  received() {
    this.#error = undefined;
    this.#host.requestUpdate();
  }
}
