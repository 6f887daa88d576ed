import {
  BaseConvexClient,
  type AuthTokenFetcher,
  type ConnectionState,
  type MutationOptions,
  type QueryToken,
} from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";

interface Listener {
  name: string;
  args: Record<string, unknown>;
  onValue: (value: never) => void;
  onError: (error: Error) => void;
  later: boolean;
  /** A first result or error was delivered. */
  received: boolean;
  /** Set once the subscription is sent (a `later` one waits). */
  token?: QueryToken;
  /** For a `later` one: the queries it waits for, those without a result when its task ended. */
  waitsFor?: Listener[];
  unsubscribe?: () => void;
}

/** How a subscription is sent. */
export interface UpdateOptions {
  /**
   * Send the query in a query set of its own, once the other queries waiting for their first result
   * when it was subscribed (by the end of that task) have it: the backend answers a query set in one
   * transition, so a viewer-specific query sent with the thread would hold back the thread's first
   * paint. Queries subscribed later (a search being typed) do not hold it back.
   */
  later?: boolean;
}

/** References are function names at runtime (src/internal/api.ts). */
const nameOf = (ref: FunctionReference<"query" | "mutation">) => ref as unknown as string;

/**
 * The parts of Convex's `ConvexClient` the elements and their pages use — live queries with error
 * callbacks, one-shot queries, mutations with optimistic updates, auth, connection state — on
 * `BaseConvexClient` alone, without the paginated-query machinery `ConvexClient` always carries.
 */
export class LiveClient {
  /** The underlying client (what `ConvexClient.client` is). */
  readonly client: BaseConvexClient;
  closed = false;
  readonly #listeners = new Set<Listener>();
  /** `later` listeners not sent yet. */
  readonly #deferred = new Set<Listener>();

  constructor(url: string) {
    this.client = new BaseConvexClient(url, (tokens) => {
      for (const listener of this.#listeners) if (listener.token && tokens.includes(listener.token)) this.#deliver(listener);
      this.#sendDeferred();
    });
  }

  /** Calls `onValue` with each new result of the query, or `onError` when it fails. Returns the unsubscribe function. */
  onUpdate<Query extends FunctionReference<"query">>(
    query: Query,
    args: FunctionArgs<Query>,
    onValue: (value: FunctionReturnType<Query>) => void,
    onError: (error: Error) => void,
    options: UpdateOptions = {},
  ): () => void {
    const later = !!options.later;
    const listener: Listener = { name: nameOf(query), args, onValue, onError, later, received: false };
    this.#listeners.add(listener);
    if (later) {
      this.#deferred.add(listener);
      // After the task's other subscriptions, so they go first even when subscribed after this one.
      queueMicrotask(() => {
        listener.waitsFor = [...this.#listeners].filter((other) => !other.later && !other.received);
        this.#sendDeferred();
      });
    } else {
      this.#send(listener);
    }
    return () => {
      if (!this.#listeners.delete(listener)) return;
      this.#deferred.delete(listener);
      listener.unsubscribe?.();
      // The query gone may be the one the deferred ones wait for.
      this.#sendDeferred();
    };
  }

  /** The query's result once (the one in memory if another subscriber holds it). */
  query<Query extends FunctionReference<"query">>(query: Query, args: FunctionArgs<Query>): Promise<FunctionReturnType<Query>> {
    return new Promise((resolve, reject) => {
      const stop = this.onUpdate(
        query,
        args,
        (value) => (stop(), resolve(value)),
        (error) => (stop(), reject(error)),
      );
    });
  }

  mutation<Mutation extends FunctionReference<"mutation">>(
    mutation: Mutation,
    args: FunctionArgs<Mutation>,
    options?: MutationOptions,
  ): Promise<FunctionReturnType<Mutation>> {
    return this.client.mutation(nameOf(mutation), args, options);
  }

  setAuth(fetchToken: AuthTokenFetcher, onChange: (isAuthenticated: boolean) => void = () => {}) {
    this.client.setAuth(fetchToken, onChange);
  }

  connectionState(): ConnectionState {
    return this.client.connectionState();
  }

  subscribeToConnectionState(onChange: (state: ConnectionState) => void): () => void {
    return this.client.subscribeToConnectionState(onChange);
  }

  close(): Promise<void> {
    this.closed = true;
    this.#listeners.clear();
    this.#deferred.clear();
    return this.client.close();
  }

  #send(listener: Listener) {
    const { queryToken, unsubscribe } = this.client.subscribe(listener.name, listener.args as never);
    listener.token = queryToken;
    listener.unsubscribe = unsubscribe;
    // Another subscriber may already hold the result: it comes on the next task, as a fresh one would
    // (no Transition follows, so the deferred ones are looked at here).
    if (this.#settled(listener)) {
      setTimeout(() => {
        if (this.#listeners.has(listener)) this.#deliver(listener);
        this.#sendDeferred();
      });
    }
  }

  /** Sends each `later` subscription once the queries it waits for have their first result (or are gone). */
  #sendDeferred() {
    for (const listener of this.#deferred) {
      if (!listener.waitsFor || listener.waitsFor.some((other) => !other.received && this.#listeners.has(other))) continue;
      this.#deferred.delete(listener);
      this.#send(listener);
    }
  }

  /** Whether a result or an error is in memory for the listener's query. */
  #settled({ name, args }: Listener): boolean {
    try {
      return this.client.localQueryResult(name, args as never) !== undefined;
    } catch {
      return true;
    }
  }

  #deliver(listener: Listener) {
    listener.received = true;
    let value: unknown;
    try {
      value = this.client.localQueryResult(listener.name, listener.args as never);
    } catch (error) {
      listener.onError(error as Error);
      return;
    }
    listener.onValue(value as never);
  }
}
