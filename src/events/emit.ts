import type { LpEventMap } from "./event-map.js";

/** Dispatches a bubbling, composed `CustomEvent` from `host` and returns it (check `defaultPrevented`). */
export function emit<Name extends keyof LpEventMap>(
  host: HTMLElement,
  name: Name,
  detail: LpEventMap[Name],
  options: { cancelable?: boolean } = {},
): CustomEvent<LpEventMap[Name]> {
  const event = new CustomEvent(name, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  });
  host.dispatchEvent(event);
  return event;
}
