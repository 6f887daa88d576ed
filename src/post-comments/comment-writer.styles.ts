import { css } from "lit";

/**
 * Styles of the writing parts (forms, actions, and the look of a comment being sent), adopted when the
 * writer loads.
 */
export const writerStyles = css`
  :host {
    --_post-comments-reaction-own: var(
      --post-comments-reaction-own,
      color-mix(in srgb, var(--_post-comments-accent) 18%, transparent)
    );
  }

  .reaction[aria-pressed="true"] {
    background: var(--_post-comments-reaction-own);
    border-color: var(--_post-comments-accent);
  }

  .reaction-picker {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_lp-space) * 0.25);
    padding: calc(var(--_lp-space) * 0.25);
    border: 1px solid var(--_lp-color-border);
    border-radius: var(--_lp-radius);
    background: var(--_lp-color-surface);
  }

  .comment[aria-busy="true"] {
    opacity: 0.7;
  }

  .comment__actions,
  .confirm,
  .composer__actions,
  .auth__actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_lp-space);
  }

  .comment__actions button,
  .confirm button {
    padding: calc(var(--_lp-space) * 0.25) var(--_lp-space);
    font-size: 0.875em;
  }

  .composer,
  .auth {
    display: grid;
    gap: var(--_lp-space);
    margin-block-start: var(--_lp-space);
  }

  .field {
    display: grid;
    gap: calc(var(--_lp-space) * 0.5);
  }

  .composer__label,
  .field label {
    font-weight: 600;
  }

  .auth__title {
    margin: 0;
    font-size: 1.1em;
  }

  textarea,
  input {
    font: inherit;
    color: inherit;
    background: var(--_lp-color-surface);
    border: 1px solid var(--_lp-color-border);
    border-radius: var(--_lp-radius);
    padding: var(--_lp-space);
    inline-size: 100%;
  }

  textarea {
    min-block-size: 5em;
    resize: vertical;
  }

  .composer__tabs {
    display: flex;
    gap: calc(var(--_lp-space) / 2);
  }

  .composer__tab[aria-selected="true"] {
    border-color: var(--_post-comments-accent);
    box-shadow: inset 0 -2px 0 var(--_post-comments-accent);
  }

  .composer__preview {
    min-block-size: 5em;
    padding: var(--_lp-space);
    border: 1px dashed var(--_lp-color-border);
    border-radius: var(--_lp-radius);
  }

  [role="tabpanel"][hidden] {
    display: none;
  }

  textarea[aria-invalid="true"] {
    border-color: var(--_lp-color-danger);
  }

  .composer__meta {
    display: flex;
    justify-content: space-between;
    gap: var(--_lp-space);
    font-size: 0.8em;
    color: var(--_lp-color-muted);
  }

  .count--over {
    color: var(--_lp-color-danger);
    font-weight: 600;
  }

  .composer__actions {
    justify-content: flex-end;
  }

  .primary {
    background: var(--post-comments-accent);
    border-color: var(--post-comments-accent);
    color: var(--post-comments-accent-contrast);
  }

  .danger {
    color: var(--_lp-color-danger);
  }

  .link {
    border-color: transparent;
    background: none;
    color: var(--post-comments-accent);
    text-decoration: underline;
  }


  .error {
    margin: 0;
    color: var(--_lp-color-danger);
  }

  .notice {
    margin: 0;
    color: var(--_lp-color-muted);
  }
`;
