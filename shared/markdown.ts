/**
 * A small markdown subset for comments: paragraphs, line breaks, fenced code blocks, inline code,
 * links, autolinks, *emphasis* and **strong**, parsed once for the elements (Lit templates) and the
 * backend's snapshots (HTML). Text is handed over as text and the only attribute taken from the input
 * is a checked link href, so nothing the author wrote becomes markup. Every pattern
 * stops at the next delimiter, so parsing stays linear in the input. Imports nothing: both the browser
 * bundle and the backend include it.
 */

/**
 * What the parser builds with: the elements build Lit templates, the backend HTML strings. Text is
 * passed on as plain strings among the children, for the builder to bind or escape. Building as it
 * parses (no tree in between) keeps long comments cheap to render.
 */
export interface MarkdownBuilder<Inline, Block> {
  br(): Inline;
  code(text: string): Inline;
  strong(children: (Inline | string)[]): Inline;
  em(children: (Inline | string)[]): Inline;
  link(href: string, children: (Inline | string)[]): Inline;
  paragraph(children: (Inline | string)[]): Block;
  pre(text: string): Block;
}

const INLINE =
  /`([^`\n]+)`|\[([^[\]\n]{1,500})\]\(([^()\s]{1,2000})\)|\*\*([^*\s](?:[^*]|\*(?!\*))*?[^*\s]|[^*\s])\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|(https?:\/\/[^\s<>"]*[^\s<>".,:;!?)'\]*])/g;
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
const FENCE = /^ {0,3}```/;

/** `http(s)` and `mailto` links only; anything else (`javascript:`, `data:`, relative) is not a link. */
export function safeHref(url: string): string | null {
  return SAFE_HREF.test(url) ? url : null;
}

/** Comment text as the builder's blocks; `source` is never interpreted as HTML. */
export function parseMarkdown<Inline, Block>(source: string, build: MarkdownBuilder<Inline, Block>): Block[] {
  type Node = Inline | string;
  /** Text with its newlines as line breaks. */
  const textWithBreaks = (text: string): Node[] =>
    text.split("\n").flatMap((line, i): Node[] => (i === 0 ? [line] : [build.br(), line]));

  const inline = (text: string, allowLinks = true): Node[] => {
    const out: Node[] = [];
    let last = 0;
    for (const m of text.matchAll(INLINE)) {
      const [whole, code, label, url, strong, em, bare] = m;
      const start = m.index;
      let node: Node | null = null;
      if (code !== undefined) node = build.code(code);
      else if (label !== undefined && url !== undefined) {
        const href = allowLinks ? safeHref(url) : null;
        // An unsafe (or nested) link is shown as the text the author typed.
        node = href ? build.link(href, inline(label, false)) : whole;
      } else if (strong !== undefined) node = build.strong(inline(strong, allowLinks));
      else if (em !== undefined) node = build.em(inline(em, allowLinks));
      else if (bare !== undefined) node = allowLinks ? build.link(bare, [bare]) : null;
      if (node === null) continue;
      out.push(...textWithBreaks(text.slice(last, start)), node);
      last = start + whole.length;
    }
    out.push(...textWithBreaks(text.slice(last)));
    return out;
  };

  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(build.paragraph(inline(paragraph.join("\n"))));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !FENCE.test(lines[i]!)) code.push(lines[i]!);
      blocks.push(build.pre(code.join("\n")));
    } else if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** Links open apart from the page and carry no endorsement of what the author linked. */
export const LINK_REL = "nofollow ugc noopener";
