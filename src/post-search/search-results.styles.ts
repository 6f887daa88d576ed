import type { css as litCss } from "lit";

/** Styles of the results, their highlights and messages, adopted when the results load (with the element's `css`, see search-results.ts). */
export const resultsStyles = (css: typeof litCss) => css`
  :host {
    --_post-search-mark-background: var(--post-search-mark-background, var(--_lp-color-mark));
    --_post-search-active-background: var(--post-search-active-background, color-mix(in srgb, var(--_post-search-accent) 14%, transparent));
  }

  .search__results {
    list-style: none;
    margin: var(--_lp-space) 0 0;
    padding: 0;
    border: 1px solid var(--_lp-color-border);
    border-radius: var(--_lp-radius);
    background: var(--_lp-color-surface);
  }

  .search__results[hidden] {
    display: none;
  }

  .search__result {
    display: grid;
    gap: calc(var(--_lp-space) * 0.25);
    padding: calc(var(--_lp-space) * var(--_lp-density)) calc(var(--_lp-space) * 1.5);
    cursor: pointer;
    overflow-wrap: anywhere;
  }

  .search__result + .search__result {
    border-block-start: 1px solid var(--_lp-color-border);
  }

  .search__result[aria-selected="true"],
  .search__result:hover {
    background: var(--_post-search-active-background);
  }

  .search__result[aria-selected="true"] {
    box-shadow: inset 3px 0 0 var(--_post-search-accent);
  }

  .search__title {
    font-weight: 600;
  }

  .search__excerpt {
    color: var(--_lp-color-muted);
    font-size: 0.875em;
  }

  mark {
    background: var(--_post-search-mark-background);
    color: inherit;
    border-radius: 2px;
  }

  .search__loading,
  .status--empty {
    margin: var(--_lp-space) 0 0;
    color: var(--_lp-color-muted);
  }

  .status--error {
    margin-block-start: var(--_lp-space);
  }
`;
