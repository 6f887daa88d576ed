/**
 * Page URL → post slug, the rule the README documents: the URL's path and query (scheme, host and
 * fragment ignored; a trailing slash or index file dropped), percent-decoded, accents dropped and
 * ß æ œ ø ł đ þ spelled in Latin letters, lower-cased; a letter or digit of another script is written as
 * its UTF-8 bytes in hex; every run of anything else is one hyphen. Longer than 100 characters, it is
 * cut to 91 and ends with a hyphen and 8 hex digits of its whole. The site's root is `home`. A mapping
 * file names slugs for URLs (`{ "<old URL or path>": "<slug or new URL>" }`) for sites whose
 * addresses changed.
 */
import { readFileSync } from "node:fs";

const SLUG_LENGTH = 100;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LATIN = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", þ: "th", ð: "d", ı: "i" };
const hex = (text) => [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, "0")).join("");

/** FNV-1a of the text, 8 hex digits: a cut slug stays one page's. */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

const decode = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The rule's slug for `url` (absolute, or a path). */
export function slugOf(url) {
  let path = url;
  try {
    const parsed = new URL(url, "http://site.invalid");
    path = `${parsed.pathname}${parsed.search}`;
  } catch {
    // Not a URL: its text is the path.
  }
  const slug = decode(path)
    .replace(/\/(?:index\.(?:html?|php))?(?=$|\?)/, "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßæœøłđþðı]/g, (letter) => LATIN[letter])
    .replace(/[^a-z0-9]/g, (character) => (/[\p{L}\p{N}]/u.test(character) ? hex(character) : "-"))
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  if (!slug) return "home";
  return slug.length <= SLUG_LENGTH ? slug : `${slug.slice(0, 91).replace(/-+$/, "")}-${fingerprint(slug)}`;
}

/** Path without its trailing slash, and the URL without query and fragment: the keys a mapping may use. */
function keysOf(url) {
  const keys = [url];
  try {
    const parsed = new URL(url, "http://site.invalid");
    const path = parsed.pathname.replace(/\/+$/, "") || "/";
    keys.push(`${parsed.origin}${path}`, `${parsed.origin}${path}/`, path, `${path}/`);
  } catch {
    // Only the exact text can match.
  }
  return keys;
}

/** `(url) => slug`, with the mapping file `mapFile` (JSON) first when given. */
export function slugRule(mapFile) {
  if (mapFile === undefined) return slugOf;
  let map;
  try {
    map = JSON.parse(readFileSync(mapFile, "utf8"));
  } catch (error) {
    throw new Error(`Expected a mapping file (a JSON object of URL → slug) in ${mapFile}: ${error.message}`, { cause: error });
  }
  if (typeof map !== "object" || map === null || Array.isArray(map) || Object.values(map).some((v) => typeof v !== "string")) {
    throw new Error(`Expected a mapping file (a JSON object of URL → slug) in ${mapFile}.`);
  }
  return (url) => {
    const mapped = keysOf(url).map((key) => map[key]).find((value) => value !== undefined);
    if (mapped === undefined) return slugOf(url);
    return SLUG.test(mapped) && mapped.length <= SLUG_LENGTH ? mapped : slugOf(mapped);
  };
}

const DATE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since 1970 of an ISO 8601 / RFC 3339 time (UTC when it names no zone), or null. */
export function timeOf(text) {
  const match = typeof text === "string" ? DATE.exec(text.trim()) : null;
  if (!match) return null;
  const [, day, clock, fraction = "", zone = "Z"] = match;
  const time = Date.parse(`${day}T${clock}${fraction.slice(0, 4)}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return Number.isFinite(time) && time >= 0 ? time : null;
}
