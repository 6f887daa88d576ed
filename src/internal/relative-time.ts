import type { ReactiveController, ReactiveControllerHost } from "lit";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.RelativeTimeFormat>();

/** "3 minutes ago", "yesterday", in the reader's language. */
export function formatRelative(ms: number, lang: string, now = Date.now()): string {
  let format = formats.get(lang);
  if (!format) formats.set(lang, (format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" })));
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return format.format(Math.round(diff / 1000), "second");
  if (abs < HOUR) return format.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return format.format(Math.round(diff / HOUR), "hour");
  if (abs < 30 * DAY) return format.format(Math.round(diff / DAY), "day");
  if (abs < 365 * DAY) return format.format(Math.round(diff / (30 * DAY)), "month");
  return format.format(Math.round(diff / (365 * DAY)), "year");
}

/**
 * Re-renders the host so relative times stay true: every 30 s while the newest shown time is under an
 * hour old, every 30 min while under a day, then not at all.
 */
export class RelativeTimeController implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #host: ReactiveControllerHost;
  /** The newest timestamp the host shows, or undefined when none. */
  readonly #newest: () => number | undefined;

  constructor(host: ReactiveControllerHost, newest: () => number | undefined) {
    this.#host = host;
    this.#newest = newest;
    host.addController(this);
  }

  hostUpdated() {
    clearTimeout(this.#timer);
    const newest = this.#newest();
    if (newest === undefined) return;
    const age = Date.now() - newest;
    const delay = age < HOUR ? 30_000 : age < DAY ? 30 * MINUTE : undefined;
    if (delay !== undefined) this.#timer = setTimeout(() => this.#host.requestUpdate(), delay);
  }

  hostDisconnected() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
