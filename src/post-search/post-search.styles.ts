import { css } from "lit";

export const styles = css`
  :host {
    --post-search-accent: var(--lp-color-accent);
    --post-search-mark-background: var(--lp-color-mark);
    --post-search-active-background: color-mix(in srgb, var(--post-search-accent) 14%, transparent);
    --post-search-input-padding: calc(var(--lp-space) * var(--lp-density)) calc(var(--lp-space) * 1.5);
  }

  .search__controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--lp-space);
  }

  .search__input,
  .search__author {
    font: inherit;
    color: inherit;
    background: var(--lp-color-surface);
    border: 1px solid var(--lp-color-border);
    border-radius: var(--lp-radius);
    padding: var(--post-search-input-padding);
  }

  .search__input {
    flex: 1 1 12em;
    min-inline-size: 0;
  }

  .search__input:focus-visible,
  .search__author:focus-visible {
    outline: 2px solid var(--post-search-accent);
    outline-offset: 1px;
  }

  .search__results {
    list-style: none;
    margin: var(--lp-space) 0 0;
    padding: 0;
    border: 1px solid var(--lp-color-border);
    border-radius: var(--lp-radius);
    background: var(--lp-color-surface);
  }

  .search__results[hidden] {
    display: none;
  }

  .search__result {
    display: grid;
    gap: calc(var(--lp-space) * 0.25);
    padding: calc(var(--lp-space) * var(--lp-density)) calc(var(--lp-space) * 1.5);
    cursor: pointer;
    overflow-wrap: anywhere;
  }

  .search__result + .search__result {
    border-block-start: 1px solid var(--lp-color-border);
  }

  .search__result[aria-selected="true"],
  .search__result:hover {
    background: var(--post-search-active-background);
  }

  .search__result[aria-selected="true"] {
    box-shadow: inset 3px 0 0 var(--post-search-accent);
  }

  .search__title {
    font-weight: 600;
  }

  .search__excerpt {
    color: var(--lp-color-muted);
    font-size: 0.875em;
  }

  mark {
    background: var(--post-search-mark-background);
    color: inherit;
    border-radius: 2px;
  }

  .search__loading,
  .search__none {
    margin: var(--lp-space) 0 0;
    color: var(--lp-color-muted);
  }

  .search__error {
    margin-block-start: var(--lp-space);
    color: var(--lp-color-danger);
  }

  .search__error p {
    margin: 0 0 var(--lp-space);
  }
`;
