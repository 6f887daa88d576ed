/**
 * The `snapshot` command: fills server snapshots (`/snapshots/comments`, `/snapshots/posts`) into the
 * `<post-comments>` and `<org-post-list>` tags of built HTML files, any generator's output. Each
 * snapshot sits between markers, so a rerun replaces it and nothing else; a tag holding other content
 * is left alone. Node only: nothing in src/ imports it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const MARK_START = "<!-- live-post-elements snapshot -->";
export const MARK_END = "<!-- /live-post-elements snapshot -->";

/** A failure to show as one line, without a stack. */
export class SnapshotError extends Error {}

const TAG = /<(post-comments|org-post-list)(\s[^>]*)?>([\s\S]*?)<\/\1\s*>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
/** `<post-comments sort>` values; the element reads any other as the default, so the snapshot does too. */
const SORTS = ["oldest", "newest", "top"];
const HTML_LANG = /<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z0-9-]+)/i;

const decode = (value) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function attributesOf(source = "") {
  const attributes = {};
  for (const [, name, double, single, bare] of source.matchAll(ATTRIBUTE)) {
    attributes[name.toLowerCase()] = decode(double ?? single ?? bare ?? "");
  }
  return attributes;
}

/** The snapshot path for a tag's attributes, or why there is none; `pageLang` is the document's `lang`. */
function snapshotPath(tag, attributes, pageLang) {
  const { org, post } = attributes;
  if (!org || !SLUG.test(org)) return { skip: `its org "${org ?? ""}" is not a slug` };
  const params = new URLSearchParams({ org });
  // The element's language: its own `lang`, else the page's (the elements read the closest one).
  const lang = attributes.lang ?? pageLang;
  if (lang && LANGUAGE_TAG.test(lang)) params.set("lang", lang);
  const number = (name, param) => {
    if (attributes[name] !== undefined && /^\d+$/.test(attributes[name])) params.set(param, attributes[name]);
  };
  number("page-size", "limit");
  if (tag === "post-comments") {
    if (!post || !SLUG.test(post)) return { skip: `its post "${post ?? ""}" is not a slug` };
    params.set("post", post);
    if (SORTS.includes(attributes.sort)) params.set("sort", attributes.sort);
    return { path: `/snapshots/comments?${params}` };
  }
  if (attributes["href-template"] !== undefined) params.set("href", attributes["href-template"]);
  number("heading-level", "level");
  return { path: `/snapshots/posts?${params}` };
}

/**
 * `html` with a fresh snapshot in each element tag that is empty or holds an earlier snapshot.
 * Returns the new text, how many tags were filled, and what was skipped and why.
 */
export async function fillSnapshots(html, { siteUrl, fetch: send = fetch, cache = new Map() }) {
  const found = [...html.matchAll(TAG)];
  const pageLang = HTML_LANG.exec(html)?.[1];
  const skipped = [];
  const parts = [];
  let last = 0;
  let filled = 0;
  for (const match of found) {
    const [whole, tag, attributeSource, inner] = match;
    const innerTrimmed = inner.trim();
    const ours = innerTrimmed === "" || (innerTrimmed.startsWith(MARK_START) && innerTrimmed.endsWith(MARK_END));
    const target = snapshotPath(tag, attributesOf(attributeSource), pageLang);
    if (!ours || target.skip) {
      skipped.push(`<${tag}>: ${target.skip ?? "it holds content of its own"}`);
      continue;
    }
    const url = new URL(target.path, siteUrl).href;
    if (!cache.has(url)) cache.set(url, fetchSnapshot(url, send));
    const fragment = await cache.get(url);
    const open = whole.slice(0, whole.length - inner.length - `</${tag}>`.length);
    parts.push(html.slice(last, match.index), `${open}${MARK_START}${fragment}${MARK_END}</${tag}>`);
    last = match.index + whole.length;
    filled += 1;
  }
  parts.push(html.slice(last));
  return { html: parts.join(""), filled, skipped };
}

async function fetchSnapshot(url, send) {
  let response;
  try {
    response = await send(url, { headers: { Accept: "text/html" } });
  } catch (error) {
    throw new SnapshotError(`Cannot reach ${new URL(url).origin}: ${error.message}`);
  }
  // 404: an unknown organization or a thread not started yet; its empty fragment is still a snapshot.
  if (response.ok || response.status === 404) return await response.text();
  throw new SnapshotError(`${new URL(url).pathname} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
}

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : htmlFiles(path);
    return /\.html?$/i.test(name) ? [path] : [];
  });
}

/** Fills every HTML file under `folder`; writes only the files whose text changed. */
export async function snapshotFolder(folder, { siteUrl, fetch: send = fetch }) {
  const cache = new Map();
  const report = { files: 0, changed: 0, filled: 0, skipped: [] };
  for (const file of htmlFiles(folder)) {
    const before = readFileSync(file, "utf8");
    const { html, filled, skipped } = await fillSnapshots(before, { siteUrl, fetch: send, cache });
    report.files += 1;
    report.filled += filled;
    report.skipped.push(...skipped.map((why) => `${file}: ${why}`));
    if (html !== before) {
      writeFileSync(file, html);
      report.changed += 1;
    }
  }
  return report;
}
