import { waitUntil } from "@open-wc/testing";

/** The first node in `el`'s shadow root exposing `part`. */
export function part<T extends Element = HTMLElement>(el: Element, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends Element = HTMLElement>(el: Element, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}

/** Waits (up to `timeout` ms) until `predicate` holds, with a readable failure. */
export async function eventually(predicate: () => unknown, message: string, timeout = 10_000): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 25 });
}

/**
 * Starts recording whether a node exposing `part` is ever rendered in `el`'s shadow root, even for a
 * moment (a state that lasts less than a polling interval). Call the result to ask.
 */
export function watchForPart(el: Element, name: string): () => boolean {
  let seen = !!part(el, name);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.matches(`[part~="${name}"]`) || node.querySelector(`[part~="${name}"]`))) {
          seen = true;
        }
      }
    }
  });
  observer.observe(el.shadowRoot!, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    return seen;
  };
}
