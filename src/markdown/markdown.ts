/** Comment text as Lit templates, from the shared parser: user text is only ever bound as text. */
import { html, nothing, type TemplateResult } from "lit";
import { LINK_REL, parseMarkdown, type MarkdownInline } from "../../shared/markdown.js";

export { safeHref } from "../../shared/markdown.js";

type Inline = TemplateResult | string;

function inline(nodes: MarkdownInline[]): Inline[] {
  return nodes.map((node): Inline => {
    if (typeof node === "string") return node;
    switch (node.type) {
      case "br":
        return html`<br />`;
      case "code":
        return html`<code>${node.text}</code>`;
      case "strong":
        return html`<strong>${inline(node.children)}</strong>`;
      case "em":
        return html`<em>${inline(node.children)}</em>`;
      case "a":
        return html`<a href=${node.href} rel=${LINK_REL} target="_blank">${inline(node.children)}</a>`;
    }
  });
}

/** Renders comment text; `source` is never interpreted as HTML. */
export function renderMarkdown(source: string): TemplateResult {
  const blocks = parseMarkdown(source).map((block) =>
    block.type === "pre" ? html`<pre><code>${block.text}</code></pre>` : html`<p>${inline(block.children)}</p>`,
  );
  return html`${blocks.length ? blocks : nothing}`;
}
