import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import type { LiveClient, UpdateOptions } from "./live-client.js";
import { LiveSubscription, type LiveHost, type LiveStatus, type StatusRenderers } from "./live-controller.js";

export interface LiveTarget<Query extends FunctionReference<"query">> {
  query: Query;
  args: FunctionArgs<Query>;
}

/**
 * Keeps one live Convex query subscribed on the element's client while the element is connected (its
 * `LiveSubscription` is the reactive controller): the target is recomputed before each update and the
 * subscription follows it. `status`, `value` and
 * `error` change as results arrive, and each change re-renders the element.
 */
export class LiveQueryController<Query extends FunctionReference<"query">> {
  #value: FunctionReturnType<Query> | undefined;
  #received = false;
  #unsubscribe: (() => void) | undefined;
  readonly #subscription: LiveSubscription<LiveTarget<Query>>;
  readonly #options: UpdateOptions;

  /** `options.later`: a viewer-specific query, sent after the others' first results (LiveClient.onUpdate). */
  constructor(host: LiveHost, target: () => LiveTarget<Query> | null, options: UpdateOptions = {}) {
    this.#options = options;
    this.#subscription = new LiveSubscription(host, target, {
      subscribe: (client, t) => this.#subscribe(client, t),
      unsubscribe: (forget) => {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
        this.#received = false;
        if (forget) this.#value = undefined;
      },
      waiting: () => !this.#received,
    });
  }

  get status(): LiveStatus {
    return this.#subscription.status(this.#received);
  }

  /** The last result; while a changed target loads, the previous target's. */
  get value(): FunctionReturnType<Query> | undefined {
    return this.#value;
  }

  get error() {
    return this.#subscription.error;
  }

  retry() {
    this.#subscription.retry();
  }

  /** Renders the current state with the matching renderer. */
  render<Result>(renderers: StatusRenderers<FunctionReturnType<Query>, Result>): Result | undefined {
    return this.#subscription.render(renderers, this.#received, () => this.#value as FunctionReturnType<Query>);
  }

  #subscribe(client: LiveClient, target: LiveTarget<Query>) {
    this.#unsubscribe = client.onUpdate(
      target.query,
      target.args,
      (value) => {
        this.#value = value;
        this.#received = true;
        this.#subscription.received();
      },
      (err) => this.#subscription.fail(err),
      this.#options,
    );
  }
}
