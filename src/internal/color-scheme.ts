import type { ReactiveController, ReactiveControllerHost } from "lit";

/** The `theme` attribute's values. */
export type Theme = "light" | "dark" | "auto";

/** What `theme="auto"` treats as a dark host page when found on `<html>` or `<body>`. */
export const DEFAULT_DARK_SELECTOR = '.dark, [data-theme="dark"]';

type ThemedHost = ReactiveControllerHost & HTMLElement & { theme: string; darkSelector: string };

const warned = new Set<string>();

/** The theme to apply: unknown values are `light`, with one console warning per value. */
export function resolveTheme(value: string): Theme {
  if (value === "light" || value === "dark" || value === "auto") return value;
  if (!warned.has(value)) {
    warned.add(value);
    console.warn(`live-post-elements: theme="${value}" is not light, dark or auto; using light.`);
  }
  return "light";
}

/** The media query for the reader's system setting. */
const SYSTEM_DARK = "(prefers-color-scheme: dark)";

/** Relative luminance of a computed `rgb()` / `rgba()` background, or null when it is (mostly) see-through. */
function luminance(color: string): number | null {
  if (!color.startsWith("rgb")) return null;
  const [r = 0, g = 0, b = 0, alpha = 1] = color.match(/[\d.]+/g)?.map(Number) ?? [];
  if (alpha < 0.5) return null;
  const linear = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
}

/**
 * Whether the page around `host` is dark: a dark class or attribute on `<html>` / `<body>`, else
 * what the page paints behind the element (the nearest opaque background), else the page's
 * `color-scheme` (with `light dark`, the reader's system setting). A page that says nothing is light,
 * as browsers paint it.
 */
export function pageIsDark(host: Element, darkSelector: string): boolean {
  const root = document.documentElement;
  if (darkSelector) {
    try {
      if (root.matches(darkSelector) || document.body?.matches(darkSelector)) return true;
    } catch {
      // An invalid selector from the page: fall through to what the page shows.
    }
  }
  for (let el = parentOf(host); el; el = parentOf(el)) {
    const light = luminance(getComputedStyle(el).backgroundColor);
    if (light !== null) return light < 0.2;
  }
  const scheme = getComputedStyle(parentOf(host) ?? root).colorScheme;
  return /\bdark\b/.test(scheme) && (!/\blight\b/.test(scheme) || matchMedia(SYSTEM_DARK).matches);
}

/** Every `auto` element on the page follows one observer of `<html>` / `<body>` and one media query. */
const followers = new Set<() => void>();
let pageObserver: MutationObserver | undefined;
let systemScheme: MediaQueryList | undefined;
const notifyFollowers = () => followers.forEach((update) => update());

function followPage(update: () => void): () => void {
  followers.add(update);
  if (!pageObserver) {
    pageObserver = new MutationObserver(notifyFollowers);
    // Every attribute: a site's own dark-selector may name any of them.
    const watched = { attributes: true };
    pageObserver.observe(document.documentElement, watched);
    if (document.body) pageObserver.observe(document.body, watched);
    systemScheme = matchMedia(SYSTEM_DARK);
    systemScheme.addEventListener("change", notifyFollowers);
  }
  return () => {
    followers.delete(update);
    if (followers.size > 0) return;
    pageObserver?.disconnect();
    systemScheme?.removeEventListener("change", notifyFollowers);
    pageObserver = systemScheme = undefined;
  };
}

/**
 * Keeps the host's `:state(dark)` in step with its `theme`: always for `dark`, never for `light`,
 * and for `auto` whenever the host page (or, failing that, the system) is dark — live, as the page
 * switches.
 */
export class ColorSchemeController implements ReactiveController {
  readonly #host: ThemedHost;
  readonly #states: CustomStateSet;
  #unfollow: (() => void) | undefined;
  #applied = "";

  constructor(host: ThemedHost) {
    this.#host = host;
    this.#states = host.attachInternals().states;
    host.addController(this);
  }

  hostConnected() {
    this.#unfollow = followPage(() => this.#apply(true));
    this.#apply(true);
  }

  hostDisconnected() {
    this.#unfollow?.();
    this.#unfollow = undefined;
  }

  hostUpdated() {
    this.#apply(false);
  }

  /** `pageChanged`: re-read the page even if the host's own settings did not change. */
  #apply(pageChanged: boolean) {
    const theme = resolveTheme(this.#host.theme);
    const settings = `${theme} ${this.#host.darkSelector}`;
    if (!pageChanged && settings === this.#applied) return;
    this.#applied = settings;
    const dark = theme === "dark" || (theme === "auto" && pageIsDark(this.#host, this.#host.darkSelector));
    if (dark) this.#states.add("dark");
    else this.#states.delete("dark");
  }
}
