/**
 * A small markdown subset for comments: paragraphs, line breaks, fenced code blocks, inline code,
 * links, autolinks, *emphasis* and **strong**, parsed into a tree that the elements render with Lit
 * and the backend's snapshots render as HTML. Text stays text in the tree and the only attribute taken
 * from the input is a checked link href, so nothing the author wrote becomes markup. Every pattern
 * stops at the next delimiter, so parsing stays linear in the input. Imports nothing: both the browser
 * bundle and the backend include it.
 */

/** Text, a line break, or an inline element around more inline nodes. */
export type MarkdownInline =
  | string
  | { type: "br" }
  | { type: "code"; text: string }
  | { type: "strong" | "em"; children: MarkdownInline[] }
  | { type: "a"; href: string; children: MarkdownInline[] };

export type MarkdownBlock = { type: "p"; children: MarkdownInline[] } | { type: "pre"; text: string };

const INLINE =
  /`([^`\n]+)`|\[([^[\]\n]{1,500})\]\(([^()\s]{1,2000})\)|\*\*([^*\s](?:[^*]|\*(?!\*))*?[^*\s]|[^*\s])\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|(https?:\/\/[^\s<>"]*[^\s<>".,:;!?)'\]*])/g;
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
const FENCE = /^ {0,3}```/;

/** `http(s)` and `mailto` links only; anything else (`javascript:`, `data:`, relative) is not a link. */
export function safeHref(url: string): string | null {
  return SAFE_HREF.test(url) ? url : null;
}

/** Text with its newlines as line breaks. */
function textWithBreaks(text: string): MarkdownInline[] {
  return text.split("\n").flatMap((line, i): MarkdownInline[] => (i === 0 ? [line] : [{ type: "br" }, line]));
}

function inline(text: string, allowLinks = true): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const [whole, code, label, url, strong, em, bare] = m;
    const start = m.index;
    let node: MarkdownInline | null = null;
    if (code !== undefined) node = { type: "code", text: code };
    else if (label !== undefined && url !== undefined) {
      const href = allowLinks ? safeHref(url) : null;
      // An unsafe (or nested) link is shown as the text the author typed.
      node = href ? { type: "a", href, children: inline(label, false) } : whole;
    } else if (strong !== undefined) node = { type: "strong", children: inline(strong, allowLinks) };
    else if (em !== undefined) node = { type: "em", children: inline(em, allowLinks) };
    else if (bare !== undefined) node = allowLinks ? { type: "a", href: bare, children: [bare] } : null;
    if (!node) continue;
    out.push(...textWithBreaks(text.slice(last, start)), node);
    last = start + whole.length;
  }
  out.push(...textWithBreaks(text.slice(last)));
  return out;
}

/** The blocks of comment text; `source` is never interpreted as HTML. */
export function parseMarkdown(source: string): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "p", children: inline(paragraph.join("\n")) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !FENCE.test(lines[i]!)) code.push(lines[i]!);
      blocks.push({ type: "pre", text: code.join("\n") });
    } else if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** Links open apart from the page and carry no endorsement of what the author linked. */
export const LINK_REL = "nofollow ugc noopener";
