/** Comment text as Lit templates, from the shared parser: user text is only ever bound as text. */
import { html, nothing, type TemplateResult } from "lit";
import { LINK_REL, parseMarkdown, type MarkdownBuilder } from "../../shared/markdown.js";

export { safeHref } from "../../shared/markdown.js";

const templates: MarkdownBuilder<TemplateResult, TemplateResult> = {
  br: () => html`<br />`,
  code: (text) => html`<code>${text}</code>`,
  strong: (children) => html`<strong>${children}</strong>`,
  em: (children) => html`<em>${children}</em>`,
  link: (href, children) => html`<a href=${href} rel=${LINK_REL} target="_blank">${children}</a>`,
  paragraph: (children) => html`<p>${children}</p>`,
  pre: (text) => html`<pre><code>${text}</code></pre>`,
};

/** Renders comment text; `source` is never interpreted as HTML. */
export function renderMarkdown(source: string): TemplateResult {
  const blocks = parseMarkdown(source, templates);
  return html`${blocks.length ? blocks : nothing}`;
}
