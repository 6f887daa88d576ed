import { css } from "lit";

/**
 * The library's design tokens, each colour's default a `light-dark()` pair, plus the small utilities
 * every element uses. A page sets the public tokens (`--lp-*`) anywhere — `:root`, a wrapper or the
 * tag — and they inherit in: the elements declare only private copies (`--_lp-*`), each falling back
 * to its default. The dark half applies when the element's colour scheme is dark (`color-scheme.ts`
 * sets `:state(dark)`, which sets `color-scheme: dark`). Fonts are inherited from the host page unless
 * `--lp-font-family` says otherwise. Each element maps its own hooks (e.g. `--org-post-list-accent`)
 * onto these tokens the same way.
 */
export const themeStyles = css`
  :host {
    --_lp-color-text: var(--lp-color-text, light-dark(#1f2328, #e6edf3));
    --_lp-color-muted: var(--lp-color-muted, light-dark(#59636e, #9198a1));
    --_lp-color-surface: var(--lp-color-surface, light-dark(#ffffff, #0d1117));
    --_lp-color-border: var(--lp-color-border, light-dark(#d1d9e0, #3d444d));
    --_lp-color-accent: var(--lp-color-accent, light-dark(#0a58ca, #79b8ff));
    --_lp-color-accent-contrast: var(--lp-color-accent-contrast, light-dark(#ffffff, #0d1117));
    --_lp-color-danger: var(--lp-color-danger, light-dark(#b42318, #ff8182));
    --_lp-color-mark: var(--lp-color-mark, light-dark(#fff1a8, #6e5b00));
    --_lp-font-family: var(--lp-font-family, inherit);
    --_lp-font-size: var(--lp-font-size, 1rem);
    --_lp-radius: var(--lp-radius, 0.375rem);
    --_lp-space: var(--lp-space, 0.5rem);
    --_lp-density: var(--lp-density, 1);

    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: 100%;
    color: var(--_lp-color-text);
    font-family: var(--_lp-font-family);
    font-size: var(--_lp-font-size);
    line-height: 1.5;
    color-scheme: light;
  }

  :host([hidden]) {
    display: none;
  }

  :host(:state(dark)) {
    color-scheme: dark;
  }

  /* Asked for dark on whatever page: bring the dark surface along, so the text stays readable. */
  :host([theme="dark"]) {
    background: var(--_lp-color-surface);
    border-radius: var(--_lp-radius);
    padding: calc(var(--_lp-space) * 2 * var(--_lp-density));
  }

  /* The tokens' values, public again inside the element, so a page's ::part() rules can use them. */
  [part~="base"] {
    --lp-color-text: var(--_lp-color-text);
    --lp-color-muted: var(--_lp-color-muted);
    --lp-color-surface: var(--_lp-color-surface);
    --lp-color-border: var(--_lp-color-border);
    --lp-color-accent: var(--_lp-color-accent);
    --lp-color-accent-contrast: var(--_lp-color-accent-contrast);
    --lp-color-danger: var(--_lp-color-danger);
    --lp-color-mark: var(--_lp-color-mark);
    --lp-font-family: var(--_lp-font-family);
    --lp-font-size: var(--_lp-font-size);
    --lp-radius: var(--_lp-radius);
    --lp-space: var(--_lp-space);
    --lp-density: var(--_lp-density);
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--_lp-color-accent);
    outline-offset: 2px;
  }

  .setup-error,
  .status--error {
    color: var(--_lp-color-danger);
  }

  .status--error p {
    margin: 0 0 var(--_lp-space);
  }

  .status--empty {
    margin: 0;
    color: var(--_lp-color-muted);
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
    border-radius: var(--_lp-radius);
    background: linear-gradient(
        90deg,
        transparent 0%,
        color-mix(in srgb, var(--_lp-color-surface) 60%, transparent) 50%,
        transparent 100%
      )
      0 0 / 200% 100%,
      color-mix(in srgb, var(--_lp-color-muted) 18%, transparent);
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
    border-radius: var(--_lp-radius);
    padding: calc(var(--_lp-space) * var(--_lp-density)) calc(var(--_lp-space) * 2 * var(--_lp-density));
    border: 1px solid var(--_lp-color-border);
    background: var(--_lp-color-surface);
    color: var(--_lp-color-text);
  }

  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
`;
