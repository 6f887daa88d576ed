import { css } from "lit";

export const styles = css`
  /* A count sits inside a line of text (a list item's meta line, a header), not on a line of its own. */
  :host {
    --_post-comment-count-color: var(--post-comment-count-color, inherit);

    display: inline;
    inline-size: auto;
  }

  .count {
    color: var(--_post-comment-count-color);
  }

  .skeleton {
    display: inline-block;
    inline-size: 6em;
    block-size: 0.9em;
    vertical-align: middle;
  }

  .status--error,
  .status--error p {
    display: inline;
    margin: 0;
  }

  .status--error button {
    margin-inline-start: 0.5em;
    padding: 0 0.5em;
  }
`;
