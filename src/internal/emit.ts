/** Events the elements dispatch, by name. All bubble and cross shadow boundaries. */
export interface PostSelectDetail {
  postId: string;
  slug: string;
  /** The link built from `href-template`; the element navigates here unless the event is canceled. */
  href: string;
}

export interface ErrorDetail {
  code: string;
  message: string;
}

export interface LpEventMap {
  "lp-post-select": PostSelectDetail;
  "lp-error": ErrorDetail;
}

declare global {
  interface GlobalEventHandlersEventMap {
    "lp-post-select": CustomEvent<PostSelectDetail>;
    "lp-error": CustomEvent<ErrorDetail>;
  }
}

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
