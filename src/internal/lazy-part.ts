import type { ReactiveControllerHost } from "lit";
import { emit } from "../events/emit.js";
import { UNREACHABLE, type LiveError } from "./errors.js";

/**
 * A part of an element kept in a chunk of its own, loaded on first need. A failed download is told to
 * the page (`lp-error`) and kept in `error` for the element to show until the reader retries; `retry`
 * fetches anew through an app bundler's chunk loader and in browsers that no longer keep failed module
 * fetches (whatwg/html#10327); elsewhere only a reload does.
 */
export class LazyPart<T> {
  /** Why the last download failed; cleared when it is tried again. */
  error: LiveError | undefined;
  #pending: Promise<T | undefined> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly fetchPart: () => Promise<T>,
  ) {}

  /** Whether the part was asked for (it may be loading, loaded or failed). */
  get asked(): boolean {
    return !!this.#pending;
  }

  /** The part, or undefined if its download failed (then only `retry` asks again). */
  load(): Promise<T | undefined> {
    return (this.#pending ??= this.fetchPart().catch((err: unknown) => {
      this.error = { code: UNREACHABLE, message: String(err) };
      emit(this.host, "lp-error", this.error);
      this.host.requestUpdate();
      return undefined;
    }));
  }

  /** The part, asked for by the reader: a failed download is tried again. */
  retry(): Promise<T | undefined> {
    if (!this.error) return this.load();
    this.error = this.#pending = undefined;
    this.host.requestUpdate();
    return this.load();
  }
}
