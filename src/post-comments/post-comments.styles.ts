import { css } from "lit";

export const styles = css`
  :host {
    --post-comments-accent: var(--lp-color-accent);
    --post-comments-accent-contrast: var(--lp-color-accent-contrast);
    --post-comments-gap: calc(var(--lp-space) * 2 * var(--lp-density));
    --post-comments-divider: 1px solid var(--lp-color-border);
    --post-comments-reply-indent: calc(var(--lp-space) * 3);
  }

  :focus-visible {
    outline-color: var(--post-comments-accent);
  }

  .base {
    display: grid;
    gap: var(--post-comments-gap);
  }

  .heading {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
  }

  .list,
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .comment {
    padding-block: var(--post-comments-gap);
    border-block-end: var(--post-comments-divider);
  }

  .replies {
    margin-block-start: var(--post-comments-gap);
    padding-inline-start: var(--post-comments-reply-indent);
    border-inline-start: 2px solid var(--lp-color-border);
  }

  .replies .comment:last-child {
    border-block-end: none;
    padding-block-end: 0;
  }

  .comment__meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--lp-space);
    font-size: 0.875em;
    color: var(--lp-color-muted);
  }

  .comment__author {
    font-weight: 600;
    color: var(--lp-color-text);
  }

  .comment__body {
    overflow-wrap: anywhere;
  }

  .comment__body p {
    margin: calc(var(--lp-space) * 0.75) 0;
  }

  .comment__body a {
    color: var(--post-comments-accent);
  }

  .comment__body code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    padding: 0.1em 0.3em;
    border-radius: calc(var(--lp-radius) / 2);
    background: color-mix(in srgb, var(--lp-color-muted) 14%, transparent);
  }

  .comment__body pre {
    margin: var(--lp-space) 0;
    padding: var(--lp-space);
    overflow-x: auto;
    border-radius: var(--lp-radius);
    background: color-mix(in srgb, var(--lp-color-muted) 14%, transparent);
  }

  .comment__body pre code {
    padding: 0;
    background: none;
  }

  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--lp-space);
  }

  .error {
    margin: 0;
    color: var(--lp-color-danger);
  }

  .notice,
  .empty {
    margin: 0;
    color: var(--lp-color-muted);
  }

  .load-more {
    justify-self: center;
  }

  .skeleton-list {
    display: grid;
    gap: var(--post-comments-gap);
  }

  .skeleton--comment {
    block-size: 4em;
  }
`;
