/** What the writing parts of `<post-comments>` read from their element, and the two things they all do. */
import type { ReactiveControllerHost } from "lit";
import type { ViewerPermissions } from "../internal/api.js";
import type { ClientController } from "../internal/client-controller.js";
import { emit } from "../events/emit.js";
import { errorMessage, toLiveError } from "../internal/errors.js";
import type { LocalizeController } from "../internal/localize.js";

export interface WriterContext {
  host: ReactiveControllerHost &
    HTMLElement & {
      deployment: string;
      org: string;
      post: string;
      postTitle: string;
      /** Where readers sign in; empty: derived from `deployment`. */
      authUrl: string;
      readonly connection: ClientController;
    };
  localize: LocalizeController;
  permissions: () => ViewerPermissions | undefined;
  postId: () => string | undefined;
}

/** Tells the page about a failure (`lp-error`); returns the readable message. */
export function report(c: WriterContext, err: unknown): string {
  emit(c.host, "lp-error", toLiveError(err));
  return errorMessage(err, c.localize.lang);
}

/** Re-renders, then moves focus to `selector` once the change just made has rendered. */
export function focusIn(c: WriterContext, selector: string) {
  c.host.requestUpdate();
  void c.host.updateComplete.then(() => c.host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
}
