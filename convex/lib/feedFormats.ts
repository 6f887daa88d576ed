/**
 * One feed, written as RSS 2.0 or Atom 1.0. Entries carry plain text (markdown source); every string is
 * escaped here, so hostile titles and bodies stay character data in either format.
 */
import { element, emptyElement } from "./xml";

export type FeedEntry = {
  /** A stable, globally unique IRI (a `tag:` URI). */
  id: string;
  title: string;
  text: string;
  authorName: string;
  published: number;
  updated: number;
};

export type Feed = {
  id: string;
  title: string;
  description: string;
  /** Where the feed itself is served. */
  selfUrl: string;
  /** The site the feed belongs to. */
  siteUrl: string;
  authorName: string;
  updated: number;
  entries: FeedEntry[];
};

export type FeedFormat = "rss" | "atom";

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * RSS readers treat `description` as HTML, so the text becomes HTML first (escaped, one `<p>` per
 * paragraph) and is then escaped again as XML: a `<script>` in a comment reaches the reader as text.
 */
function textAsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

function rss(feed: Feed): string {
  const items = feed.entries.map((entry) =>
    [
      "<item>",
      element("title", entry.title),
      element("description", textAsHtml(entry.text)),
      element("dc:creator", entry.authorName),
      element("guid", entry.id, { isPermaLink: "false" }),
      element("pubDate", new Date(entry.published).toUTCString()),
      "</item>",
    ].join(""),
  );
  return (
    XML_DECLARATION +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    "<channel>" +
    element("title", feed.title) +
    element("link", feed.siteUrl) +
    element("description", feed.description) +
    emptyElement("atom:link", { href: feed.selfUrl, rel: "self", type: "application/rss+xml" }) +
    element("lastBuildDate", new Date(feed.updated).toUTCString()) +
    items.join("") +
    "</channel></rss>\n"
  );
}

function atom(feed: Feed): string {
  const author = (name: string) => `<author>${element("name", name)}</author>`;
  const entries = feed.entries.map((entry) =>
    [
      "<entry>",
      element("id", entry.id),
      element("title", entry.title, { type: "text" }),
      element("published", new Date(entry.published).toISOString()),
      element("updated", new Date(entry.updated).toISOString()),
      author(entry.authorName),
      element("content", entry.text, { type: "text" }),
      "</entry>",
    ].join(""),
  );
  return (
    XML_DECLARATION +
    '<feed xmlns="http://www.w3.org/2005/Atom">' +
    element("id", feed.id) +
    element("title", feed.title, { type: "text" }) +
    element("subtitle", feed.description, { type: "text" }) +
    element("updated", new Date(feed.updated).toISOString()) +
    emptyElement("link", { rel: "self", type: "application/atom+xml", href: feed.selfUrl }) +
    emptyElement("link", { rel: "alternate", href: feed.siteUrl }) +
    author(feed.authorName) +
    entries.join("") +
    "</feed>\n"
  );
}

export function renderFeed(feed: Feed, format: FeedFormat): string {
  return format === "rss" ? rss(feed) : atom(feed);
}
