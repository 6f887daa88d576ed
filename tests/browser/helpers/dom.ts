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
