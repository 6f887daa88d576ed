import { html, type TemplateResult } from "lit";

/** The words of a search, longest first so a longer word wins where two overlap. */
export function searchTerms(query: string): string[] {
  return [...new Set(query.trim().split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length);
}

/**
 * `text` with every occurrence of the terms wrapped in `<mark part="mark">`, built from text nodes
 * (a split on the terms), so nothing in `text` is ever parsed as markup.
 */
export function highlight(text: string, terms: string[]): (string | TemplateResult)[] {
  if (terms.length === 0) return [text];
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu");
  // With one capture group, split puts the matches at the odd indexes.
  return text
    .split(pattern)
    .map((piece, i) => (i % 2 === 1 ? html`<mark part="mark">${piece}</mark>` : piece))
    .filter((piece) => piece !== "");
}
