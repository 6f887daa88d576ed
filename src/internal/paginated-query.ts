import type {
  Cursor,
  FunctionArgs,
  FunctionReference,
  PaginationOptions,
  PaginationResult,
} from "convex/server";
import type { LiveClient } from "./live-client.js";
import { LiveSubscription, type LiveHost, type StatusRenderers } from "./live-controller.js";

export type PaginatedStatus = "idle" | "loading-first" | "ready" | "loading-more" | "exhausted" | "error";

type PaginatedQuery = FunctionReference<
  "query",
  "public",
  { paginationOpts: PaginationOptions },
  PaginationResult<unknown>
>;
type Item<Query extends PaginatedQuery> =
  Query["_returnType"] extends PaginationResult<infer T> ? T : never;
type ArgsWithoutPagination<Query extends PaginatedQuery> = Omit<FunctionArgs<Query>, "paginationOpts">;

export interface PaginatedTarget<Query extends PaginatedQuery> {
  query: Query;
  args: ArgsWithoutPagination<Query>;
  pageSize: number;
}

interface Page<T> {
  cursor: Cursor | null;
  unsubscribe: () => void;
  result?: PaginationResult<T>;
}

/**
 * Live pages of a paginated query, like Convex React's `usePaginatedQuery`: the first page starts at
 * `cursor: null`, each `loadMore()` subscribes to the next page from the previous page's
 * `continueCursor`, and every page stays subscribed, so rows update in place and new rows appear.
 * Page ends are stable across reruns (the server's journal); if one moves anyway, the pages after it
 * are fetched again from the new end.
 */
export class LivePaginatedQueryController<Query extends PaginatedQuery> {
  #pages: Page<Item<Query>>[] = [];
  #results: Item<Query>[] = [];
  /** How many pages the reader asked for. */
  #wanted = 1;
  readonly #subscription: LiveSubscription<PaginatedTarget<Query>>;

  constructor(host: LiveHost, getTarget: () => PaginatedTarget<Query> | null) {
    this.#subscription = new LiveSubscription(host, getTarget, {
      subscribe: (client, target) => {
        this.#wanted = 1;
        this.#extend(client, target);
      },
      unsubscribe: () => {
        for (const page of this.#pages) page.unsubscribe();
        this.#pages = [];
        this.#results = [];
      },
      waiting: () => !this.#pages[0]?.result,
    });
  }

  get status(): PaginatedStatus {
    const pages = this.#pages;
    const status = this.#subscription.status(!!pages[0]?.result);
    if (status === "loading") return "loading-first";
    if (status !== "ready") return status;
    if (pages.some((p) => !p.result)) return "loading-more";
    return pages[pages.length - 1]!.result!.isDone ? "exhausted" : "ready";
  }

  /** All loaded pages' rows, in order. */
  get results(): Item<Query>[] {
    return this.#results;
  }

  get error() {
    return this.#subscription.error;
  }

  retry() {
    this.#subscription.retry();
  }

  /** Subscribes to one more page, once the last one has loaded and more remain. */
  loadMore() {
    const { client, target } = this.#subscription;
    if (this.status !== "ready" || !client || !target) return;
    this.#wanted = this.#pages.length + 1;
    this.#extend(client, target);
  }

  /** Renders the current state with the matching renderer; `complete` gets the loaded rows. */
  render<Result>(renderers: StatusRenderers<Item<Query>[], Result>): Result | undefined {
    return this.#subscription.render(renderers, !!this.#pages[0]?.result, () => this.#results);
  }

  /** Adds pages until there are as many as wanted, each starting where the previous one ends. */
  #extend(client: LiveClient, target: PaginatedTarget<Query>) {
    while (this.#pages.length < this.#wanted) {
      const previous = this.#pages[this.#pages.length - 1];
      if (previous && (!previous.result || previous.result.isDone)) return;
      const page: Page<Item<Query>> = { cursor: previous?.result?.continueCursor ?? null, unsubscribe: () => {} };
      this.#pages.push(page);
      const args = {
        ...target.args,
        paginationOpts: { numItems: target.pageSize, cursor: page.cursor },
      } as FunctionArgs<Query>;
      page.unsubscribe = client.onUpdate(
        target.query,
        args,
        (result) => this.#onPage(client, target, page, result as PaginationResult<Item<Query>>),
        (err) => this.#subscription.fail(err),
      );
    }
  }

  #onPage(client: LiveClient, target: PaginatedTarget<Query>, page: Page<Item<Query>>, result: PaginationResult<Item<Query>>) {
    page.result = result;
    const index = this.#pages.indexOf(page);
    const next = this.#pages[index + 1];
    if (next && (next.cursor !== result.continueCursor || result.isDone)) {
      // This page's end moved: drop the pages after it and fetch them again from the new end.
      for (const dropped of this.#pages.splice(index + 1)) dropped.unsubscribe();
    }
    this.#extend(client, target);
    this.#results = this.#pages.flatMap((p) => p.result?.page ?? []);
    this.#subscription.received();
  }
}
