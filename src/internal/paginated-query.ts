import type { ReactiveController, ReactiveControllerHost } from "lit";
import type {
  Cursor,
  FunctionArgs,
  FunctionReference,
  PaginationOptions,
  PaginationResult,
} from "convex/server";
import { LiveController, type Host } from "./live-controller.js";

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
  deployment: string;
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
export class LivePaginatedQueryController<Query extends PaginatedQuery>
  extends LiveController<PaginatedTarget<Query>>
  implements ReactiveController
{
  status: PaginatedStatus = "idle";
  /** All loaded pages' rows, in order. */
  results: Item<Query>[] = [];

  #pages: Page<Item<Query>>[] = [];
  /** How many pages the reader asked for. */
  #wanted = 1;

  constructor(host: ReactiveControllerHost & HTMLElement, getTarget: () => PaginatedTarget<Query> | null) {
    super(host as Host, getTarget);
    host.addController(this);
  }

  /** Subscribes to one more page, once the last one has loaded and more remain. */
  loadMore() {
    if (this.status !== "ready") return;
    this.#wanted = this.#pages.length + 1;
    this.#extend();
    this.refresh();
  }

  protected subscribe() {
    this.#wanted = 1;
    this.#extend();
  }

  protected unsubscribe() {
    for (const page of this.#pages) page.unsubscribe();
    this.#pages = [];
    this.results = [];
  }

  protected waiting() {
    return !this.#pages[0]?.result;
  }

  /** Adds pages until there are as many as wanted, each starting where the previous one ends. */
  #extend() {
    const { client, target } = this;
    if (!client || !target) return;
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
        (result) => this.#onPage(page, result as PaginationResult<Item<Query>>),
        (err) => this.fail(err),
      );
    }
  }

  #onPage(page: Page<Item<Query>>, result: PaginationResult<Item<Query>>) {
    page.result = result;
    this.error = undefined;
    const index = this.#pages.indexOf(page);
    const next = this.#pages[index + 1];
    if (next && (next.cursor !== result.continueCursor || result.isDone)) {
      // This page's end moved: drop the pages after it and fetch them again from the new end.
      for (const dropped of this.#pages.splice(index + 1)) dropped.unsubscribe();
    }
    this.#extend();
    this.refresh();
    this.host.requestUpdate();
  }

  protected refresh() {
    const loaded = this.#pages.filter((p) => p.result);
    this.results = loaded.flatMap((p) => p.result!.page);
    const last = this.#pages[this.#pages.length - 1];
    if (this.error) this.status = "error";
    else if (!this.target) this.status = "idle";
    else if (!this.#pages[0]?.result) this.status = "loading-first";
    else if (loaded.length < this.#pages.length) this.status = "loading-more";
    else if (last?.result?.isDone) this.status = "exhausted";
    else this.status = "ready";
  }
}
