import { html, type TemplateResult } from "lit";

const reported = new WeakSet<Element>();

/**
 * The element's setup error when the page left out attributes it cannot work without, naming them
 * (also once in the console); null when all are there. Shown instead of a skeleton that would never end.
 */
export function missingAttributes(host: HTMLElement, required: Record<string, string>): TemplateResult | null {
  const missing = Object.keys(required).filter((name) => !required[name]);
  if (missing.length === 0) return null;
  const names = missing.map((name) => `"${name}"`).join(" and ");
  const message = `<${host.localName}> needs the ${names} attribute${missing.length > 1 ? "s" : ""}.`;
  if (!reported.has(host)) {
    reported.add(host);
    console.error(`live-post-elements: ${message}`, host);
  }
  return html`<div part="base error" class="setup-error" role="alert">${message}</div>`;
}
