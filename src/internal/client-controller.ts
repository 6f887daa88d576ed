import type { ReactiveController, ReactiveControllerHost } from "lit";
import { acquireClient, releaseClient } from "./client-registry.js";
import { toLiveError, type LiveError } from "./errors.js";
import type { LiveClient } from "./live-client.js";

/** What the client controller reads from its element. */
export type ClientHost = ReactiveControllerHost & HTMLElement & { deployment: string; org: string };

/**
 * The element's one hold on the page's shared client for its `deployment` (client-registry.ts): taken
 * while the element is connected and has its `deployment` and `org` (with `nearViewport`, once it first
 * comes within 200px of the viewport), given back when it leaves or the deployment changes. Every query
 * and action of the element goes through it.
 */
export class ClientController implements ReactiveController {
  readonly #host: ClientHost;
  #client: LiveClient | undefined;
  /** The deployment held, or tried: an invalid URL leaves `error` set until the deployment changes. */
  #url = "";
  #error: LiveError | undefined;
  #near: boolean;
  #observer: IntersectionObserver | undefined;
  #unwatch: (() => void) | undefined;
  readonly #onOnline: (() => void) | undefined;

  /** `onOnline`: called when the held client's socket is up (its first queries are then on their way). */
  constructor(host: ClientHost, options: { nearViewport?: boolean; onOnline?: () => void } = {}) {
    this.#host = host;
    this.#near = !options.nearViewport;
    this.#onOnline = options.onOnline;
    host.addController(this);
  }

  /** The shared client, while the element holds it. */
  get client(): LiveClient | undefined {
    return this.#client;
  }

  /** Why the client could not be had (an address that is not a deployment). */
  get error(): LiveError | undefined {
    return this.#error;
  }

  /** The client has failed to reach its deployment a few times without ever connecting. */
  get unreachable(): boolean {
    const state = this.#client?.connectionState();
    return !!state && !state.hasEverConnected && state.connectionRetries >= 2;
  }

  /** The WebSocket is up; while it is down, sends wait (the Convex client retries them). */
  get online(): boolean {
    return this.#client?.connectionState().isWebSocketConnected ?? false;
  }

  hostConnected() {
    // Once the page has loaded, where the (still empty) element is can be read at once, before its
    // first render adds anything to lay out: the observer's first callback comes only after the next
    // frame, which would hold back the socket by a frame or two. While the page is still parsing, the
    // observer alone decides (no layout forced mid-parse).
    if (!this.#near && document.readyState !== "loading" && nearViewport(this.#host)) this.#near = true;
    if (!this.#near) this.#observeViewport();
    this.#follow();
  }

  hostUpdate() {
    this.#follow();
  }

  hostDisconnected() {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#release();
  }

  #follow() {
    const host = this.#host;
    const url = host.isConnected && this.#near && host.deployment && host.org ? host.deployment : "";
    if (url === this.#url) return;
    this.#release();
    this.#url = url;
    if (!url) return;
    let client: LiveClient;
    try {
      client = acquireClient(url);
    } catch (err) {
      this.#error = toLiveError(err);
      return;
    }
    this.#client = client;
    // `unreachable` and `online` follow the connection: re-render as it changes.
    this.#unwatch = client.subscribeToConnectionState((state) => {
      if (state.isWebSocketConnected) this.#onOnline?.();
      host.requestUpdate();
    });
  }

  #release() {
    this.#unwatch?.();
    this.#unwatch = undefined;
    if (this.#client) releaseClient(this.#url);
    this.#client = this.#error = undefined;
    this.#url = "";
  }

  #observeViewport() {
    this.#observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.#comeNear(), {
      rootMargin: `${NEAR_PX}px`,
    });
    this.#observer.observe(this.#host);
  }

  #comeNear() {
    this.#near = true;
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#host.requestUpdate();
  }
}

/** How close to the viewport counts as near (the observer's root margin). */
export const NEAR_PX = 200;

/** Whether the element is rendered within `NEAR_PX` of the viewport, as the observer would say. */
export function nearViewport(el: Element): boolean {
  if (!el.getClientRects().length) return false;
  const rect = el.getBoundingClientRect();
  return (
    rect.bottom >= -NEAR_PX &&
    rect.right >= -NEAR_PX &&
    rect.top <= innerHeight + NEAR_PX &&
    rect.left <= innerWidth + NEAR_PX
  );
}
