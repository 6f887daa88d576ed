import { LiveClient } from "./live-client.js";

/**
 * One `LiveClient` (one WebSocket) per deployment URL, shared by every element on the page and
 * closed when the last element lets go of it and its sends have finished.
 */
interface Entry {
  client: LiveClient;
  refs: number;
  /** Stops waiting for in-flight requests before closing. */
  stopWaiting?: () => void;
}

const entries = new Map<string, Entry>();

function key(deploymentUrl: string): string {
  return deploymentUrl.replace(/\/+$/, "");
}

/** Returns the page's client for this deployment, creating it on first use. Throws on an invalid URL. */
export function acquireClient(deploymentUrl: string): LiveClient {
  const url = key(deploymentUrl);
  let entry = entries.get(url);
  if (!entry) {
    entry = { client: new LiveClient(url), refs: 0 };
    entries.set(url, entry);
  }
  entry.refs += 1;
  return entry.client;
}

/** Gives back a client from `acquireClient`; the last release closes it once its sends have finished. */
export function releaseClient(deploymentUrl: string): void {
  const url = key(deploymentUrl);
  const entry = entries.get(url);
  if (!entry) return;
  entry.refs -= 1;
  // Wait a microtask: an element moved in the DOM disconnects and reconnects synchronously,
  // and should keep its socket.
  queueMicrotask(() => closeWhenIdle(url, entry));
}

/**
 * Closes an unused client, but only after its in-flight mutations have finished: closing earlier
 * would drop a comment being sent (an element removed by a route change) and leave Convex's
 * "unsaved changes" prompt armed for good. Acquiring the client again meanwhile keeps it open.
 */
function closeWhenIdle(url: string, entry: Entry) {
  if (entry.refs > 0 || entries.get(url) !== entry || entry.stopWaiting) return;
  if (entry.client.connectionState().hasInflightRequests) {
    entry.stopWaiting = entry.client.subscribeToConnectionState((state) => {
      if (state.hasInflightRequests) return;
      entry.stopWaiting?.();
      entry.stopWaiting = undefined;
      closeWhenIdle(url, entry);
    });
    return;
  }
  entries.delete(url);
  void entry.client.close();
}
