import { css } from "lit";

export const styles = css`
  :host {
    --_post-comments-accent: var(--post-comments-accent, var(--_lp-color-accent));
    --_post-comments-accent-contrast: var(--post-comments-accent-contrast, var(--_lp-color-accent-contrast));
    --_post-comments-gap: var(--post-comments-gap, calc(var(--_lp-space) * 2 * var(--_lp-density)));
    --_post-comments-divider: var(--post-comments-divider, 1px solid var(--_lp-color-border));
    --_post-comments-reply-indent: var(--post-comments-reply-indent, calc(var(--_lp-space) * 3));
    --_post-comments-highlight: var(--post-comments-highlight, var(--_lp-color-mark));
  }

  :focus-visible {
    outline-color: var(--_post-comments-accent);
  }

  .base {
    display: grid;
    gap: var(--_post-comments-gap);
  }

  /* A server snapshot's own heading: the element's header stands in for it. */
  .lp-snapshot__heading {
    display: none;
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_lp-space);
  }

  .sort {
    display: flex;
    align-items: center;
    gap: calc(var(--_lp-space) / 2);
    font-size: 0.875em;
    color: var(--_lp-color-muted);
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
    padding-block: var(--_post-comments-gap);
    border-block-end: var(--_post-comments-divider);
  }

  .replies {
    margin-block-start: var(--_post-comments-gap);
    padding-inline-start: var(--_post-comments-reply-indent);
    border-inline-start: 2px solid var(--_lp-color-border);
  }

  .replies .comment:last-child {
    border-block-end: none;
    padding-block-end: 0;
  }

  .comment__meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_lp-space);
    font-size: 0.875em;
    color: var(--_lp-color-muted);
  }

  .comment__reply-to {
    color: inherit;
    text-decoration: none;
  }

  .comment__reply-to:hover {
    text-decoration: underline;
  }

  .badge {
    padding: 0 calc(var(--_lp-space) * 0.75);
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.85em;
  }

  .comment__permalink {
    margin-inline-start: auto;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
  }

  .comment__permalink:hover {
    text-decoration: underline;
  }

  [part~="linked-comment"] > article {
    background: var(--_post-comments-highlight);
    box-shadow: 0 0 0 var(--_lp-space) var(--_post-comments-highlight);
    border-radius: calc(var(--_lp-radius) / 2);
  }

  .permalink-notice {
    margin: 0;
    color: var(--_lp-color-muted);
  }

  .comment__author {
    font-weight: 600;
    color: var(--_lp-color-text);
  }

  .comment__body {
    overflow-wrap: anywhere;
  }

  .comment__body p {
    margin: calc(var(--_lp-space) * 0.75) 0;
  }

  .comment__body a {
    color: var(--_post-comments-accent);
  }

  .comment__body code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    padding: 0.1em 0.3em;
    border-radius: calc(var(--_lp-radius) / 2);
    background: color-mix(in srgb, var(--_lp-color-muted) 14%, transparent);
  }

  .comment__body pre {
    margin: var(--_lp-space) 0;
    padding: var(--_lp-space);
    overflow-x: auto;
    border-radius: var(--_lp-radius);
    background: color-mix(in srgb, var(--_lp-color-muted) 14%, transparent);
  }

  .comment__body pre code {
    padding: 0;
    background: none;
  }

  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_lp-space) * 0.5);
    margin: calc(var(--_lp-space) * 0.5) 0;
    padding: 0;
    list-style: none;
  }

  .reaction {
    padding: 0 calc(var(--_lp-space) * 0.75);
    border: 1px solid var(--_lp-color-border);
    border-radius: 999px;
    font-size: 0.875em;
    line-height: 1.8;
  }

  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_lp-space);
  }

  .load-more {
    justify-self: center;
  }

  .status--skeleton {
    display: grid;
    gap: var(--_post-comments-gap);
  }

  .skeleton--comment {
    block-size: 4em;
  }
`;
