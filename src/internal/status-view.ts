/**
 * The states every element shows around its content, with the same markup, parts and styles: a
 * placeholder while the first result loads, a message when there is nothing, and an error with Retry.
 */
import { html, nothing, type TemplateResult } from "lit";
import { errorMessage, type LiveError } from "./errors.js";
import type { LocalizeController } from "./localize.js";

/** Placeholder rows; with `label`, screen readers hear it, else the placeholder is hidden from them. */
export function skeletonView(row: () => TemplateResult, label?: string) {
  return html`<div part="skeleton" class="status status--skeleton" role=${label ? "status" : nothing} aria-hidden=${label ? nothing : "true"}>
    ${label ? html`<span class="visually-hidden">${label}</span>` : nothing} ${[0, 1, 2].map(row)}
  </div>`;
}

/** The message shown when there is nothing to show (`part` names it for the page's styles). */
export function emptyView(message: string, part = "empty") {
  return html`<p part=${part} class="status status--empty">${message}</p>`;
}

/** What failed (`what`: "Couldn't load …") and why, with a Retry button (`part="retry-button"`). */
export function errorView(localize: LocalizeController, what: string, error: LiveError, onRetry: () => void) {
  return html`<div part="error" class="status status--error" role="alert">
    <p>${what} ${errorMessage(error, localize.lang)}</p>
    <button part="retry-button" type="button" @click=${onRetry}>${localize.term("retry")}</button>
  </div>`;
}
