import type { ReactiveController, ReactiveControllerHost } from "lit";
import { en, type Messages } from "./locales/en.js";

/**
 * A small message catalog: English is built in, each element adding its own messages as it loads (so a
 * page carries only the English of the elements it uses); other languages are separate modules fetched
 * the first time an element on the page needs them, so English readers download nothing more. Numbers
 * and dates go through `Intl`.
 */
export type MessageKey = keyof Messages;
type MessageArgs<K extends MessageKey> = Messages[K] extends (...args: infer A) => string ? A : [];
/** Messages of the form `(count, formatted) => string`. */
export type CountKey = {
  [K in MessageKey]: MessageArgs<K> extends [number, string] ? K : never;
}[MessageKey];

const loaders: Record<string, () => Promise<{ messages: Messages }>> = {
  de: () => import("./locales/de.js"),
  fr: () => import("./locales/fr.js"),
  es: () => import("./locales/es.js"),
};

/** The English messages of the elements loaded so far. */
const english: Partial<Messages> = { ...en };
const catalogs = new Map<string, Messages>();
const pending = new Map<string, Promise<Messages>>();

/** Adds an element's (or a part's) English messages; call it when its module loads. */
export function addEnglish(messages: Partial<Messages>): void {
  Object.assign(english, messages);
}

/** The primary subtag (`de-CH` → `de`), lower case. */
function baseLanguage(lang: string): string {
  return lang.toLowerCase().split("-")[0] ?? "en";
}

/** The element's `lang`, else the closest ancestor's (across shadow roots), else the document's, else the browser's. */
export function resolveLang(el: Element): string {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest("[lang]");
    const lang = found?.getAttribute("lang");
    if (lang) return lang;
    const root = (found ?? node).getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang || navigator.language || "en";
}

/** Loads the catalog for `lang` if there is one; resolves to the catalog that `term` will use. */
export function loadLanguage(lang: string): Promise<Partial<Messages>> {
  const base = baseLanguage(lang);
  const loaded = catalogs.get(base);
  if (loaded) return Promise.resolve(loaded);
  const load = loaders[base];
  if (!load) return Promise.resolve(english);
  let promise = pending.get(base);
  if (!promise) {
    promise = load().then(({ messages }) => {
      catalogs.set(base, messages);
      return messages;
    });
    pending.set(base, promise);
  }
  return promise;
}

/** The message `key` in `lang`, or in English while that language is loading or when it has no catalog. */
export function term<K extends MessageKey>(lang: string, key: K, ...args: MessageArgs<K>): string {
  const message = (catalogs.get(baseLanguage(lang)) ?? english)[key] as Messages[K];
  return typeof message === "function" ? (message as (...a: unknown[]) => string)(...args) : message;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(lang: string, value: number): string {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format.format(value);
}

export function formatDate(
  lang: string,
  ms: number,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  const cacheKey = `${lang}|${JSON.stringify(options)}`;
  let format = dateFormats.get(cacheKey);
  if (!format) dateFormats.set(cacheKey, (format = new Intl.DateTimeFormat(lang, options)));
  return format.format(ms);
}

/** Languages whose formatters are built, or about to be. */
const prepared = new Set<string>();

/**
 * Builds the number and date formatters of `lang` in a task of their own. A page's first Intl
 * formatter costs 10–25 ms of main thread (ICU loads its data); built once the socket is up and the
 * first queries are on the network, that cost is not paid between their results' arrival and their
 * paint (any earlier, it would hold back the socket's handshake, which needs the main thread).
 */
function prepareFormats(lang: string) {
  if (prepared.has(lang)) return;
  prepared.add(lang);
  setTimeout(() => {
    formatNumber(lang, 0);
    formatDate(lang, 0);
  });
}

const connected = new Set<LocalizeController>();
let documentObserver: MutationObserver | undefined;

/** Re-renders every element when the document's `lang` changes. */
function observeDocumentLang() {
  if (documentObserver) return;
  documentObserver = new MutationObserver(() => connected.forEach((c) => c.host.requestUpdate()));
  documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
}

/**
 * Gives an element its language (resolved before each render), loads that language's catalog and
 * re-renders once it arrives; `messages` are the element's own English messages. Declare `lang` as a
 * property on the element so changing it re-renders.
 */
export class LocalizeController implements ReactiveController {
  /** The resolved language tag, e.g. `de-CH`. */
  lang = "en";

  constructor(readonly host: ReactiveControllerHost & HTMLElement, messages: Partial<Messages> = {}) {
    addEnglish(messages);
    host.addController(this);
  }

  hostConnected() {
    connected.add(this);
    observeDocumentLang();
  }

  hostDisconnected() {
    connected.delete(this);
  }

  hostUpdate() {
    this.lang = resolveLang(this.host);
    if (!catalogs.has(baseLanguage(this.lang)) && loaders[baseLanguage(this.lang)]) {
      void loadLanguage(this.lang).then(() => this.host.requestUpdate());
    }
  }

  term<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
    return term(this.lang, key, ...args);
  }

  /** A count message (`(count, formatted) => string`) with the number formatted for the language. */
  count(key: CountKey, count: number): string {
    return term(this.lang, key, count, formatNumber(this.lang, count));
  }

  /** Builds this language's formatters ahead of their first use (see `prepareFormats`). */
  prepare(): void {
    prepareFormats(this.lang);
  }

  number(value: number): string {
    return formatNumber(this.lang, value);
  }

  date(ms: number, options?: Intl.DateTimeFormatOptions): string {
    return formatDate(this.lang, ms, options);
  }
}
