/**
 * A post's text as DOM nodes: `#`/`##` headings, `-` and `1.` lists, `>` quotes and paragraphs, with
 * `**strong**`, `*emphasis*` and `` `code` ``. Text is only ever set as text, never parsed as HTML.
 */
import type { Post } from "live-post-elements/client";

const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;

function inline(parent: HTMLElement, text: string) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    parent.append(text.slice(last, match.index));
    const [, strong, em, code] = match;
    const tag = strong !== undefined ? "strong" : em !== undefined ? "em" : "code";
    const node = document.createElement(tag);
    node.textContent = strong ?? em ?? code ?? "";
    parent.append(node);
    last = match.index + match[0].length;
  }
  parent.append(text.slice(last));
}

function block(text: string): HTMLElement {
  const lines = text.split("\n");
  const heading = /^(#{1,3}) (.*)$/.exec(text);
  if (heading && lines.length === 1) {
    const h = document.createElement(heading[1]!.length === 1 ? "h2" : "h3");
    inline(h, heading[2]!);
    return h;
  }
  if (lines.every((line) => /^[-*] /.test(line)) || lines.every((line) => /^\d+\. /.test(line))) {
    const list = document.createElement(/^\d/.test(text) ? "ol" : "ul");
    for (const line of lines) {
      const li = document.createElement("li");
      inline(li, line.replace(/^([-*]|\d+\.) /, ""));
      list.append(li);
    }
    return list;
  }
  if (lines.every((line) => line.startsWith(">"))) {
    const quote = document.createElement("blockquote");
    inline(quote, lines.map((line) => line.replace(/^> ?/, "")).join(" "));
    return quote;
  }
  const p = document.createElement("p");
  inline(p, text);
  return p;
}

export function renderArticle(article: HTMLElement, post: Post) {
  const title = document.createElement("h1");
  title.textContent = post.title;
  const byline = document.createElement("p");
  byline.className = "byline";
  const date = post.publishedAt ? new Date(post.publishedAt).toLocaleDateString("en", { dateStyle: "long" }) : "";
  byline.textContent = `By ${post.authorName}${date ? ` · ${date}` : ""}`;
  // A leading "# Title" repeats the title above.
  const body = post.content.replace(/^# .*\n+/, "");
  const blocks = body.split(/\n{2,}/).map((chunk) => chunk.trim()).filter(Boolean).map(block);
  article.replaceChildren(title, byline, ...blocks);
}
