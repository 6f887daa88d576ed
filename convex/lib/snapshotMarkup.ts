/**
 * Snapshots as HTML fragments: what `<post-comments>` and `<org-post-list>` show, as plain semantic
 * markup a page puts inside the element (light DOM). Readers without JavaScript and crawlers read it;
 * the elements show it at once and swap in the live view. The markup repeats the elements' own
 * structure, classes and parts, so the live view takes the same room. Every text is escaped, comment
 * text goes through the same markdown subset as in the elements (shared/markdown.ts), and links are
 * http(s) or mailto only. Each fragment carries schema.org JSON-LD for search engines. Its words are
 * the elements' own translations (src/internal/locales/, data-only modules both sides may import).
 */
import { LINK_REL, parseMarkdown, type MarkdownBuilder } from "../../shared/markdown";
import { messages as de } from "../../src/internal/locales/de";
import { enComments } from "../../src/internal/locales/en-comments";
import { en } from "../../src/internal/locales/en";
import { enFeed } from "../../src/internal/locales/en-feed";
import { messages as es } from "../../src/internal/locales/es";
import { messages as fr } from "../../src/internal/locales/fr";
import type { PublicComment, PublicThread } from "./comments";
import { escapeXml } from "./xml";

export interface SnapshotPost {
  title: string;
  content: string;
  authorName: string;
  publishedAt?: number;
  createdAt: number;
  commentCount: number;
}

export interface SnapshotSummary {
  _id: string;
  slug: string;
  title: string;
  excerpt: string;
  authorName: string;
  publishedAt?: number;
  commentCount: number;
}

const CATALOGS = { en: { ...en, ...enComments, ...enFeed }, de, fr, es };

/** The words and formats of one language (the primary subtag; English for one the elements lack). */
export function snapshotLocale(lang: string) {
  const base = lang.toLowerCase().split("-")[0]!;
  const language = base in CATALOGS ? (base as keyof typeof CATALOGS) : "en";
  const t = CATALOGS[language];
  const numbers = new Intl.NumberFormat(language);
  // A cached page cannot say "3 minutes ago": the day, in UTC.
  const dates = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  return {
    lang: language,
    t,
    date: (ms: number) => dates.format(ms),
    count: (n: number) => t.commentCount(n, numbers.format(n)),
  };
}
type Locale = ReturnType<typeof snapshotLocale>;

const iso = (ms: number) => new Date(ms).toISOString();

/** `<tag attr="…">` with every value escaped; `true` gives a bare attribute, undefined none. */
function open(tag: string, attributes: Record<string, string | number | true | undefined> = {}): string {
  let out = `<${tag}`;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeXml(String(value))}"`;
  }
  return `${out}>`;
}

/** Markup built from the comment's syntax, told apart from the comment's text (a plain string). */
type Markup = { html: string };

/** Children as HTML: text escaped, markup as built. */
const joined = (children: (Markup | string)[]) =>
  children.map((child) => (typeof child === "string" ? escapeXml(child) : child.html)).join("");

const wrap = (tag: string) => (children: (Markup | string)[]) => ({ html: `<${tag}>${joined(children)}</${tag}>` });

const HTML: MarkdownBuilder<Markup, string> = {
  br: () => ({ html: "<br>" }),
  code: (text) => ({ html: `<code>${escapeXml(text)}</code>` }),
  strong: wrap("strong"),
  em: wrap("em"),
  link: (href, children) => ({ html: `${open("a", { href, rel: LINK_REL, target: "_blank" })}${joined(children)}</a>` }),
  paragraph: (children) => `<p>${joined(children)}</p>`,
  pre: (text) => `<pre><code>${escapeXml(text)}</code></pre>`,
};

/** Comment text as HTML, through the elements' markdown subset. */
export function markdownHtml(source: string): string {
  return parseMarkdown(source, HTML).join("");
}

/**
 * JSON in a `<script>`: `<` as `\u003c`, so no text can close the element or open a comment, and the
 * line separators JavaScript once refused.
 */
function jsonLd(data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<script type="application/ld+json">${json}</script>`;
}

const commentAnchor = (comment: PublicComment) => `comment-${comment._id}`;

function commentHtml(locale: Locale, comment: PublicComment, replies: PublicComment[]): string {
  const { t } = locale;
  const id = commentAnchor(comment);
  const repliesHtml = replies.length
    ? `<ol part="replies" class="replies">${replies.map((reply) => commentHtml(locale, reply, [])).join("")}</ol>`
    : "";
  if (comment.deleted) {
    return `${open("li", { part: "comment", class: "comment comment--deleted", "data-id": comment._id, id })}<p part="comment-body" class="comment__body comment__deleted">${escapeXml(t.commentDeleted)}</p>${repliesHtml}</li>`;
  }
  const replyTo =
    comment.replyToId && comment.replyToName
      ? `${open("a", { part: "reply-to", class: "comment__reply-to", href: `#comment-${comment.replyToId}` })}<span aria-hidden="true">↪</span><span class="visually-hidden">${escapeXml(t.inReplyTo)}</span> ${escapeXml(comment.replyToName)}</a>`
      : "";
  const edited = comment.editedAt ? ` <span class="comment__edited">(${escapeXml(t.edited)})</span>` : "";
  return (
    `${open("li", { part: "comment", class: "comment", "data-id": comment._id, id })}` +
    `${open("article", { "aria-label": t.commentBy(comment.authorName) })}` +
    `<div class="comment__meta">${open("span", { part: "comment-author", class: "comment__author" })}${escapeXml(comment.authorName)}</span>` +
    ` ${replyTo} ${open("time", { part: "comment-date", datetime: iso(comment.createdAt) })}${escapeXml(locale.date(comment.createdAt))}</time>${edited}</div>` +
    `<div part="comment-body" class="comment__body">${markdownHtml(comment.content)}</div>` +
    `</article>${repliesHtml}</li>`
  );
}

/** schema.org `Comment`s; a tombstone's replies stand in its place. */
function commentsLd(comments: PublicComment[], repliesOf: (comment: PublicComment) => PublicComment[]): object[] {
  return comments.flatMap((comment) => {
    const replies = commentsLd(repliesOf(comment), () => []);
    if (comment.deleted) return replies;
    return [
      {
        "@type": "Comment",
        "@id": `#${commentAnchor(comment)}`,
        author: { "@type": "Person", name: comment.authorName },
        datePublished: iso(comment.createdAt),
        ...(comment.editedAt ? { dateModified: iso(comment.editedAt) } : {}),
        text: comment.content,
        ...(replies.length ? { comment: replies } : {}),
      },
    ];
  });
}

/** The opening tag of a snapshot: the element finds it by `data-lp-snapshot`. */
function root(kind: "comments" | "posts", attributes: Record<string, string | number | undefined> = {}): string {
  return open("div", { class: "lp-snapshot", "data-lp-snapshot": kind, ...attributes });
}

/** What an unknown organization or post gets: a snapshot with nothing in it. */
export function emptySnapshot(kind: "comments" | "posts"): string {
  return `${root(kind)}</div>`;
}

/** The first page of a post's thread, replies nested, with its `DiscussionForumPosting`. */
export function commentsSnapshot(locale: Locale, post: SnapshotPost, page: PublicThread[]): string {
  const list = page.length
    ? `<ol part="list" class="list">${page.map((thread) => commentHtml(locale, thread, thread.replies)).join("")}</ol>`
    : `<p part="empty" class="status status--empty">${escapeXml(locale.t.commentsEmpty)}</p>`;
  const posting = {
    "@context": "https://schema.org",
    "@type": "DiscussionForumPosting",
    headline: post.title,
    text: post.content || post.title,
    author: { "@type": "Person", name: post.authorName },
    datePublished: iso(post.publishedAt ?? post.createdAt),
    commentCount: post.commentCount,
    comment: commentsLd(page, (comment) => (comment as PublicThread).replies ?? []),
  };
  return (
    `${root("comments", { lang: locale.lang, "data-comment-count": post.commentCount })}` +
    `<h2 class="lp-snapshot__heading">${escapeXml(locale.count(post.commentCount))}</h2>${list}${jsonLd(posting)}</div>`
  );
}

/** A link from an `href-template`, used only when it is http(s) or relative (never `javascript:`). */
function postHref(template: string, post: SnapshotSummary): string {
  const href = template.replaceAll("{slug}", encodeURIComponent(post.slug)).replaceAll("{id}", encodeURIComponent(post._id));
  try {
    return ["http:", "https:"].includes(new URL(href, "https://relative.invalid/").protocol) ? href : "#";
  } catch {
    return "#";
  }
}

/** The first page of an organization's feed: crawlable links with titles and excerpts, and an `ItemList`. */
export function postsSnapshot(
  locale: Locale,
  posts: SnapshotSummary[],
  options: { hrefTemplate: string; headingLevel: number },
): string {
  const { t } = locale;
  const items = posts.map((post) => ({ post, href: postHref(options.hrefTemplate, post) }));
  const list = items.length
    ? `<ul part="list" class="feed__list">${items
        .map(
          ({ post, href }) =>
            `${open("li", { part: "post", class: "post", "data-id": post._id })}` +
            `${open("div", { part: "post-title", class: "post__title", role: "heading", "aria-level": options.headingLevel })}${open("a", { part: "post-link", href })}${escapeXml(post.title)}</a></div>` +
            (post.excerpt ? `<p part="post-excerpt" class="post__excerpt">${escapeXml(post.excerpt)}</p>` : "") +
            `<p part="post-meta" class="post__meta"><span part="post-author">${escapeXml(t.byAuthor(post.authorName))}</span> ` +
            (post.publishedAt === undefined
              ? ""
              : `${open("time", { part: "post-date", datetime: iso(post.publishedAt) })}${escapeXml(locale.date(post.publishedAt))}</time> `) +
            `<span part="comment-count">${escapeXml(locale.count(post.commentCount))}</span></p></li>`,
        )
        .join("")}</ul>`
    : `<p part="empty" class="status status--empty">${escapeXml(t.postsEmpty)}</p>`;
  const itemList = {
    "@context": "https://schema.org",
    "@type": "ItemList",
    itemListElement: items.map(({ post, href }, index) => ({
      "@type": "ListItem",
      position: index + 1,
      url: href,
      name: post.title,
    })),
  };
  return `${root("posts", { lang: locale.lang })}${list}${jsonLd(itemList)}</div>`;
}
