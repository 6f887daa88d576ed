import { css } from "lit";

/**
 * The library's design tokens (`--lp-*`) with light defaults and dark values, plus the small utilities
 * every element uses. Fonts are inherited from the host page unless `--lp-font-family` says otherwise.
 * Each element maps its own hooks (e.g. `--org-post-list-accent`) onto these tokens.
 */
export const themeStyles = css`
  :host {
    --lp-color-text: #1f2328;
    --lp-color-muted: #59636e;
    --lp-color-surface: #ffffff;
    --lp-color-border: #d1d9e0;
    --lp-color-accent: #0a58ca;
    --lp-color-accent-contrast: #ffffff;
    --lp-color-danger: #b42318;
    --lp-color-mark: #fff1a8;
    --lp-font-family: inherit;
    --lp-font-size: 1rem;
    --lp-radius: 0.375rem;
    --lp-space: 0.5rem;
    --lp-density: 1;

    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: 100%;
    color: var(--lp-color-text);
    font-family: var(--lp-font-family);
    font-size: var(--lp-font-size);
    line-height: 1.5;
    color-scheme: light;
  }

  :host([hidden]) {
    display: none;
  }

  :host([theme="dark"]) {
    --lp-color-text: #e6edf3;
    --lp-color-muted: #9198a1;
    --lp-color-surface: #0d1117;
    --lp-color-border: #3d444d;
    --lp-color-accent: #79b8ff;
    --lp-color-accent-contrast: #0d1117;
    --lp-color-danger: #ff8182;
    --lp-color-mark: #6e5b00;
    color-scheme: dark;
  }

  @media (prefers-color-scheme: dark) {
    :host([theme="auto"]) {
      --lp-color-text: #e6edf3;
      --lp-color-muted: #9198a1;
      --lp-color-surface: #0d1117;
      --lp-color-border: #3d444d;
      --lp-color-accent: #79b8ff;
      --lp-color-accent-contrast: #0d1117;
      --lp-color-danger: #ff8182;
      --lp-color-mark: #6e5b00;
      color-scheme: dark;
    }
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--lp-color-accent);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  .skeleton {
    display: block;
    border-radius: var(--lp-radius);
    background: linear-gradient(
        90deg,
        transparent 0%,
        color-mix(in srgb, var(--lp-color-surface) 60%, transparent) 50%,
        transparent 100%
      )
      0 0 / 200% 100%,
      color-mix(in srgb, var(--lp-color-muted) 18%, transparent);
    animation: lp-shimmer 1.4s ease-in-out infinite;
  }

  @keyframes lp-shimmer {
    from {
      background-position: 100% 0, 0 0;
    }
    to {
      background-position: -100% 0, 0 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--lp-radius);
    padding: calc(var(--lp-space) * var(--lp-density)) calc(var(--lp-space) * 2 * var(--lp-density));
    border: 1px solid var(--lp-color-border);
    background: var(--lp-color-surface);
    color: var(--lp-color-text);
  }

  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
`;
