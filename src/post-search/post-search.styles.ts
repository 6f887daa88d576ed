import { css } from "lit";

/** Styles of the field and the author filter; the results bring theirs (search-results.styles.ts). */
export const styles = css`
  :host {
    --_post-search-accent: var(--post-search-accent, var(--_lp-color-accent));
    --_post-search-input-padding: var(--post-search-input-padding, calc(var(--_lp-space) * var(--_lp-density)) calc(var(--_lp-space) * 1.5));
  }

  .search__controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_lp-space);
  }

  .search__input,
  .search__author {
    font: inherit;
    color: inherit;
    background: var(--_lp-color-surface);
    border: 1px solid var(--_lp-color-border);
    border-radius: var(--_lp-radius);
    padding: var(--_post-search-input-padding);
  }

  .search__input {
    flex: 1 1 12em;
    min-inline-size: 0;
  }

  .search__input:focus-visible,
  .search__author:focus-visible {
    outline: 2px solid var(--_post-search-accent);
    outline-offset: 1px;
  }
`;
