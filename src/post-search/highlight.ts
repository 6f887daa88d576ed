/** The words of a search, longest first so a longer word wins where two overlap. */
export function searchTerms(query: string): string[] {
  return [...new Set(query.trim().split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length);
}

/**
 * `text` split around every occurrence of the terms, ignoring case: the matches are at the odd indexes.
 * The pieces are rendered as text (matches inside `<mark part="mark">`), so nothing in `text` is ever
 * parsed as markup.
 */
export function splitOnTerms(text: string, terms: string[]): string[] {
  if (terms.length === 0) return [text];
  // With one capture group, split puts the matches at the odd indexes.
  return text.split(new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu"));
}
