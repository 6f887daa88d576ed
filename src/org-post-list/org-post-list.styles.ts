import { css } from "lit";

export const styles = css`
  :host {
    --_org-post-list-accent: var(--org-post-list-accent, var(--_lp-color-accent));
    --_org-post-list-gap: var(--org-post-list-gap, calc(var(--_lp-space) * 3 * var(--_lp-density)));
    --_org-post-list-title-size: var(--org-post-list-title-size, 1.125em);
    --_org-post-list-divider: var(--org-post-list-divider, 1px solid var(--_lp-color-border));
  }

  .feed__list {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .post {
    display: grid;
    gap: calc(var(--_lp-space) * 0.5 * var(--_lp-density));
    padding-block: var(--_org-post-list-gap);
    border-block-end: var(--_org-post-list-divider);
  }

  .post:first-child {
    padding-block-start: 0;
  }

  .post__title {
    font-size: var(--_org-post-list-title-size);
    font-weight: 600;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }

  .post__title a {
    color: var(--_org-post-list-accent);
    text-decoration: none;
  }

  .post__title a:hover {
    text-decoration: underline;
  }

  .post__excerpt {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .post__meta {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_lp-space) * 1.5);
    color: var(--_lp-color-muted);
    font-size: 0.875em;
  }

  .skeleton--title {
    block-size: 1.2em;
    inline-size: 60%;
  }

  .skeleton--line {
    block-size: 0.9em;
    inline-size: 95%;
  }

  .skeleton--meta {
    block-size: 0.8em;
    inline-size: 35%;
  }

  .status--empty,
  .status--error {
    padding-block: var(--_org-post-list-gap);
  }

  .feed__more {
    margin-block-start: var(--_org-post-list-gap);
    color: var(--_org-post-list-accent);
    border-color: currentColor;
  }

  .feed__more[aria-disabled="true"] {
    cursor: progress;
    opacity: 0.7;
  }

  .feed__sentinel {
    block-size: 1px;
  }
`;
