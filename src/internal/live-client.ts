import {
  BaseConvexClient,
  type AuthTokenFetcher,
  type ConnectionState,
  type MutationOptions,
  type QueryToken,
} from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";

interface Listener {
  token: QueryToken;
  name: string;
  args: Record<string, unknown>;
  onValue: (value: never) => void;
  onError: (error: Error) => void;
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

  constructor(url: string) {
    this.client = new BaseConvexClient(url, (tokens) => {
      for (const listener of this.#listeners) if (tokens.includes(listener.token)) this.#deliver(listener);
    });
  }

  /** Calls `onValue` with each new result of the query, or `onError` when it fails. Returns the unsubscribe function. */
  onUpdate<Query extends FunctionReference<"query">>(
    query: Query,
    args: FunctionArgs<Query>,
    onValue: (value: FunctionReturnType<Query>) => void,
    onError: (error: Error) => void,
  ): () => void {
    const name = nameOf(query);
    const { queryToken, unsubscribe } = this.client.subscribe(name, args);
    const listener: Listener = { token: queryToken, name, args, onValue, onError };
    this.#listeners.add(listener);
    // Another subscriber may already hold the result: it comes on the next task, as a fresh one would.
    if (this.#settled(listener)) setTimeout(() => this.#listeners.has(listener) && this.#deliver(listener));
    return () => {
      if (this.#listeners.delete(listener)) unsubscribe();
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
    return this.client.close();
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
