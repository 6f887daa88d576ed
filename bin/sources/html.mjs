/**
 * Comment HTML from another system → our markdown subset (src/markdown/markdown.ts): paragraphs, line
 * breaks, links (http, https, mailto), *emphasis*, **strong**, inline code and code blocks. Every other
 * tag is dropped (its text kept), and scripts, styles, embeds and images go with their content.
 */

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g;
const BLOCK = new Set([
  "p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
  "table", "tr", "section", "article", "header", "footer", "hr", "dl", "dt", "dd", "figure",
]);
/** Dropped with everything inside. */
const OPAQUE = new Set(["script", "style", "iframe", "object", "embed", "svg", "math", "head", "title", "noscript", "template", "textarea", "select", "video", "audio"]);
const VOID = new Set(["br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "base", "col", "param", "track"]);
const MARKS = { em: "*", i: "*", strong: "**", b: "**" };
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
const NAMED = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", hellip: "…", mdash: "—", ndash: "–",
  laquo: "«", raquo: "»", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", copy: "©", reg: "®", euro: "€",
};
/** Controls other than tab and newline, and bidirectional overrides: our text checks refuse them. */
// eslint-disable-next-line no-control-regex
export const UNWANTED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function decodeEntities(text) {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, name) => {
    if (name[0] !== "#") return NAMED[name] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "";
  });
}

function attribute(attributes, name) {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(attributes);
  return match ? decodeEntities(match[1] ?? match[2] ?? match[3]).trim() : undefined;
}

/** Markdown has no escapes here: a link's label and target avoid the characters that would end them. */
const linkLabel = (text) => text.replace(/[[\]\n]+/g, " ").trim().slice(0, 500);
const linkTarget = (href) => href.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/** Wraps the frame's text in `mark`, keeping the whitespace around it outside (`* a*` is no emphasis). */
function wrap(text, mark) {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  if (!match[2] || match[2].includes("\n\n")) return text;
  return `${match[1]}${mark}${match[2]}${mark}${match[3]}`;
}

function close(frame) {
  const text = frame.parts.join("");
  switch (frame.tag) {
    case "a": {
      if (!frame.href || !SAFE_HREF.test(frame.href)) return text;
      const label = linkLabel(text);
      return !label || label === frame.href ? ` ${linkTarget(frame.href)} ` : `[${label}](${linkTarget(frame.href)})`;
    }
    case "code":
      return text && !text.includes("`") && !text.includes("\n") ? `\`${text}\`` : text;
    case "pre":
      return `\n\n\`\`\`\n${text.replace(/^\n+|\n+$/g, "").replace(/^ {0,3}```/gm, "")}\n\`\`\`\n\n`;
    default:
      return MARKS[frame.tag] ? wrap(text, MARKS[frame.tag]) : text;
  }
}

/**
 * `html` as markdown. `newlines`: the source's own line breaks mean something (WordPress stores comments
 * as text with a blank line between paragraphs and renders its HTML on display), instead of being
 * layout whitespace.
 */
export function htmlToMarkdown(html, { newlines = false } = {}) {
  const root = { tag: "", parts: [] };
  const stack = [root];
  let opaque = null;
  let inPre = 0;
  for (const [whole, closing, rawTag, attributes, text] of html.replace(/\r\n?/g, "\n").matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (opaque) {
      if (closing && rawTag?.toLowerCase() === opaque) opaque = null;
      continue;
    }
    if (text !== undefined || whole === "<") {
      const decoded = decodeEntities(text ?? whole);
      top.parts.push(inPre ? decoded : newlines ? decoded.replace(/[ \t]+/g, " ") : decoded.replace(/\s+/g, " "));
      continue;
    }
    if (rawTag === undefined) continue; // a comment
    const tag = rawTag.toLowerCase();
    if (OPAQUE.has(tag)) {
      if (!closing && !/\/\s*$/.test(attributes)) opaque = tag;
      continue;
    }
    if (tag === "br") top.parts.push("\n");
    else if (BLOCK.has(tag)) top.parts.push("\n\n");
    if (VOID.has(tag) || BLOCK.has(tag) || !(tag === "a" || tag === "code" || tag === "pre" || MARKS[tag])) continue;
    if (!closing) {
      stack.push({ tag, parts: [], href: tag === "a" ? attribute(attributes, "href") : undefined });
      if (tag === "pre") inPre++;
      continue;
    }
    const at = stack.findLastIndex((frame) => frame.tag === tag);
    if (at < 1) continue;
    while (stack.length > at) {
      const frame = stack.pop();
      if (frame.tag === "pre") inPre--;
      stack[stack.length - 1].parts.push(close(frame));
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop();
    stack[stack.length - 1].parts.push(close(frame));
  }
  let fenced = false;
  return root.parts
    .join("")
    .replace(UNWANTED, "")
    .split("\n")
    .map((line) => {
      if (line.startsWith("```")) fenced = !fenced;
      return fenced || line.startsWith("```") ? line : line.replace(/[ \t]+/g, " ").trim();
    })
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
