import { html, LitElement, type PropertyDeclarations } from "lit";
import { emit } from "../events/emit.js";
import type { LpEventMap } from "../events/event-map.js";
import { ClientController } from "./client-controller.js";
import { ColorSchemeController, DEFAULT_DARK_SELECTOR, type Theme } from "./color-scheme.js";
import type { Messages } from "./locales/en.js";
import { LocalizeController } from "./localize.js";

/** Elements whose setup error is already in the console (once each). */
const reported = new WeakSet<Element>();

/**
 * What the three elements share: the deployment and organization they show, theme and language, the
 * one hold on the page's client for the deployment, and the setup error naming a missing `deployment`
 * or `org` in place of a skeleton that would never end.
 *
 * @event {ErrorDetail} lp-error - Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`.
 *
 * @cssproperty --lp-color-text - Text color.
 * @cssproperty --lp-color-muted - Secondary text (dates, counts, hints, empty states).
 * @cssproperty --lp-color-surface - Background of fields, buttons and placeholders.
 * @cssproperty --lp-color-border - Borders and dividers.
 * @cssproperty --lp-color-accent - Accent for links, buttons and focus rings.
 * @cssproperty --lp-color-accent-contrast - Text on accent backgrounds.
 * @cssproperty --lp-color-danger - Errors and the over-limit counter.
 * @cssproperty --lp-font-family - Font family. Default: `inherit` (the host page's font).
 * @cssproperty --lp-font-size - Base font size.
 * @cssproperty --lp-radius - Corner radius.
 * @cssproperty --lp-space - Spacing unit.
 * @cssproperty --lp-density - Spacing multiplier (e.g. `0.75` for compact).
 */
export abstract class LiveElement extends LitElement {
  /** Reactive properties, declared here rather than with decorators, whose helpers add to every page. States also say `attribute: false`, which the manifest analyzer reads. */
  static override properties: PropertyDeclarations = {
    deployment: {},
    org: {},
    theme: { reflect: true },
    darkSelector: { attribute: "dark-selector" },
    lang: { reflect: true },
  };

  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  deployment = "";

  /** The organization's slug. */
  org = "";

  /**
   * Color scheme: `light`, `dark` (paints its own dark surface, readable on any page) or `auto`
   * (follows the host page — a `dark-selector` match on `<html>` / `<body>`, the background behind
   * the element, its `color-scheme` — and the reader's system setting, switching live).
   * Unknown values are `light`, with a console warning.
   */
  theme: Theme = "light";

  /** With `theme="auto"`: the selector that marks a dark host page on `<html>` or `<body>`. */
  darkSelector = DEFAULT_DARK_SELECTOR;

  /** Language of the element's text; defaults to the closest `lang` attribute, then the browser's. */
  override lang!: string;

  /**
   * The element's messages, numbers and dates in its language.
   * @internal
   */
  protected readonly localize: LocalizeController;
  /**
   * The element's one client lifecycle: every query and action goes through it.
   * @internal
   */
  readonly connection: ClientController;

  constructor(messages: Partial<Messages>, options: { nearViewport?: boolean } = {}) {
    super();
    new ColorSchemeController(this);
    /** @internal */
    this.localize = new LocalizeController(this, messages);
    /** @internal */
    this.connection = new ClientController(this, { ...options, onOnline: () => this.localize.prepare() });
  }

  /** Dispatches one of the library's events from the element (bubbling, composed). */
  protected emit<Name extends keyof LpEventMap>(name: Name, detail: LpEventMap[Name], options?: { cancelable?: boolean }) {
    return emit(this, name, detail, options);
  }

  protected override render() {
    const missing = (["deployment", "org"] as const).filter((name) => !this[name]);
    if (!missing.length) return this.renderContent();
    const message = `<${this.localName}> needs the ${missing.map((name) => `"${name}"`).join(" and ")} attribute${missing.length > 1 ? "s" : ""}.`;
    if (!reported.has(this)) {
      reported.add(this);
      console.error(`live-post-elements: ${message}`, this);
    }
    return html`<div part="base error" class="setup-error" role="alert">${message}</div>`;
  }

  /** The element's content, once `deployment` and `org` are set. */
  protected abstract renderContent(): unknown;
}
