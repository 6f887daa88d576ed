import { html } from "lit";
import { api } from "../internal/api.js";
import { LiveElement } from "../internal/live-element.js";
import { enCount } from "../internal/locales/en-count.js";
import { LiveQueryController } from "../internal/live-query.js";
import { errorView } from "../internal/status-view.js";
import { themeStyles } from "../internal/theme.js";
import { styles } from "./post-comment-count.styles.js";

/**
 * @summary A post's live comment count ("3 comments"), inline in any page: a list of posts on a static
 * site, a post's header. It counts visible comments and replies, and is 0 until the post's thread has its
 * first comment. Every count on a page shares the page's one WebSocket to the deployment, and counts of the
 * same post share one query.
 *
 * @csspart base - The count, its placeholder or its error.
 * @csspart count - The count's text, e.g. "3 comments".
 * @csspart empty - The count's text when there are no comments (with `count`).
 * @csspart skeleton - The placeholder while the count loads.
 * @csspart error - The error message with its Retry button.
 * @csspart retry-button - The Retry button in the error state.
 *
 * @cssproperty --post-comment-count-color - Color of the count. Default: `inherit`.
 */
export class PostCommentCount extends LiveElement {
  static override styles = [themeStyles, styles];

  /** Reactive properties, declared here rather than with decorators, whose helpers add to every page. */
  static override properties = { post: {} };

  /** The post's slug, as `<post-comments post=…>` names it. */
  post = "";

  #reported = false;

  constructor() {
    super(enCount);
  }

  readonly #count = new LiveQueryController(this, () =>
    this.post ? { query: api.comments.countForPost, args: { organizationSlug: this.org, postSlug: this.post } } : null,
  );

  protected renderContent() {
    const localize = this.localize;
    if (!this.post) {
      const message = `<post-comment-count> needs the "post" attribute.`;
      if (!this.#reported) console.error(`live-post-elements: ${message}`, this);
      this.#reported = true;
      return html`<span part="base error" class="setup-error" role="alert">${message}</span>`;
    }
    return this.#count.render({
      pending: () =>
        html`<span part="base skeleton" class="skeleton" role="status"
          ><span class="visually-hidden">${localize.term("loading")}</span></span
        >`,
      complete: (count) =>
        html`<span part=${count ? "base count" : "base count empty"} class="count"
          >${localize.count("commentCount", count)}</span
        >`,
      error: (error) =>
        html`<span part="base">${errorView(localize, localize.term("countError"), error, () => this.#count.retry())}</span>`,
    });
  }
}
