/**
 * A small markdown subset for comments: paragraphs, line breaks, fenced code blocks, inline code,
 * links, autolinks, *emphasis* and **strong**. Output is Lit templates whose user text is bound as
 * text and whose only attribute from user input is a checked link href, so nothing the author wrote
 * becomes markup. Every pattern stops at the next delimiter, so rendering stays linear in the input.
 */
import { html, nothing, type TemplateResult } from "lit";

type Inline = TemplateResult | string;

const INLINE =
  /`([^`\n]+)`|\[([^[\]\n]{1,500})\]\(([^()\s]{1,2000})\)|\*\*([^*\s](?:[^*]|\*(?!\*))*?[^*\s]|[^*\s])\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|(https?:\/\/[^\s<>"]*[^\s<>".,:;!?)'\]*])/g;
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
const FENCE = /^ {0,3}```/;

/** `http(s)` and `mailto` links only; anything else (`javascript:`, `data:`, relative) is not a link. */
export function safeHref(url: string): string | null {
  return SAFE_HREF.test(url) ? url : null;
}

function link(href: string, children: Inline[]): TemplateResult {
  return html`<a href=${href} rel="nofollow ugc noopener" target="_blank">${children}</a>`;
}

/** Text with its newlines as `<br>`. */
function textWithBreaks(text: string): Inline[] {
  return text.split("\n").flatMap((line, i) => (i === 0 ? [line] : [html`<br />`, line]));
}

function inline(text: string, allowLinks = true): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const [whole, code, label, url, strong, em, bare] = m;
    const start = m.index;
    let node: Inline | null = null;
    if (code !== undefined) node = html`<code>${code}</code>`;
    else if (label !== undefined && url !== undefined) {
      const href = allowLinks ? safeHref(url) : null;
      // An unsafe (or nested) link is shown as the text the author typed.
      node = href ? link(href, inline(label, false)) : whole;
    } else if (strong !== undefined) node = html`<strong>${inline(strong, allowLinks)}</strong>`;
    else if (em !== undefined) node = html`<em>${inline(em, allowLinks)}</em>`;
    else if (bare !== undefined) node = allowLinks ? link(bare, [bare]) : null;
    if (!node) continue;
    out.push(...textWithBreaks(text.slice(last, start)), node);
    last = start + whole.length;
  }
  out.push(...textWithBreaks(text.slice(last)));
  return out;
}

/** Renders comment text; `source` is never interpreted as HTML. */
export function renderMarkdown(source: string): TemplateResult {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: TemplateResult[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(html`<p>${inline(paragraph.join("\n"))}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !FENCE.test(lines[i]!)) code.push(lines[i]!);
      blocks.push(html`<pre><code>${code.join("\n")}</code></pre>`);
    } else if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  return html`${blocks.length ? blocks : nothing}`;
}
