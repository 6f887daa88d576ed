import type { CommentEventDetail, ErrorDetail, OrgPostList, PostCommentCount, PostComments, PostSearch, PostSelectDetail, ReactionEventDetail, SignInDetail } from "live-post-elements";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = "", Suffix extends string = ""> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: any;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl";
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: Record<string, string | number>;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no";
};

type BaseEvents = {};

export type OrgPostListProps = {
  /** Link for each post; `{slug}` and `{id}` are replaced (URL-encoded). */
  "href-template"?: OrgPostList["hrefTemplate"];
  /** Posts per page. */
  "page-size"?: OrgPostList["pageSize"];
  /** Load the next page automatically when the end of the list scrolls into view. */
  infinite?: OrgPostList["infinite"];
  /** The ARIA heading level of post titles, to fit the host page's outline. */
  "heading-level"?: OrgPostList["headingLevel"];
  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  deployment?: OrgPostList["deployment"];
  /** The organization's slug. */
  org?: OrgPostList["org"];
  /** Color scheme: `light`, `dark` (paints its own dark surface, readable on any page) or `auto`
(follows the host page — a `dark-selector` match on `<html>` / `<body>`, the background behind
the element, its `color-scheme` — and the reader's system setting, switching live).
Unknown values are `light`, with a console warning. */
  theme?: OrgPostList["theme"];
  /** With `theme="auto"`: the selector that marks a dark host page on `<html>` or `<body>`. */
  "dark-selector"?: OrgPostList["darkSelector"];
  /** Language of the element's text; defaults to the closest `lang` attribute, then the browser's. */
  lang?: OrgPostList["lang"];
  /** The feed's first page as the server read it (`posts.listPublished` with the same `page-size`), for
server-side rendering: rendered at once, then kept live. */
  initial?: OrgPostList["initial"];
  /** A reader clicked a post's link. Detail: `{ postId, slug, href }`. Cancelable: call `preventDefault()` to stop the browser following the link (to route in a single-page app). */
  "onlp-post-select"?: (e: CustomEvent<PostSelectDetail>) => void;
  /** Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`. */
  "onlp-error"?: (e: CustomEvent<ErrorDetail>) => void;
};

export type PostSearchProps = {
  /** Link for each result; `{slug}` and `{id}` are replaced (URL-encoded). */
  "href-template"?: PostSearch["hrefTemplate"];
  /** Only search this author's posts (a user id). Without it, readers get an author filter. */
  author?: PostSearch["author"];
  /** Placeholder of the search field; defaults to a localized "Search posts…". */
  placeholder?: PostSearch["placeholder"];
  /** Milliseconds to wait after typing stops before searching. */
  debounce?: PostSearch["debounce"];
  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  deployment?: PostSearch["deployment"];
  /** The organization's slug. */
  org?: PostSearch["org"];
  /** Color scheme: `light`, `dark` (paints its own dark surface, readable on any page) or `auto`
(follows the host page — a `dark-selector` match on `<html>` / `<body>`, the background behind
the element, its `color-scheme` — and the reader's system setting, switching live).
Unknown values are `light`, with a console warning. */
  theme?: PostSearch["theme"];
  /** With `theme="auto"`: the selector that marks a dark host page on `<html>` or `<body>`. */
  "dark-selector"?: PostSearch["darkSelector"];
  /** Language of the element's text; defaults to the closest `lang` attribute, then the browser's. */
  lang?: PostSearch["lang"];

  /** A reader chose a result (Enter or click). Detail: `{ postId, slug, href }`. Cancelable: call `preventDefault()` to stop the element navigating to `href` (to route in a single-page app). */
  "onlp-post-select"?: (e: CustomEvent<PostSelectDetail>) => void;
  /** Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`. */
  "onlp-error"?: (e: CustomEvent<ErrorDetail>) => void;
};

export type PostCommentsProps = {
  /** The post's slug. */
  post?: PostComments["post"];
  /** Title given to the thread when the first comment creates it. Default: the document's title. */
  "post-title"?: PostComments["postTitle"];
  /** Where readers sign in: the deployment's HTTP actions URL (Better Auth). Default: derived from `deployment` (`.convex.cloud` → `.convex.site`). */
  "auth-url"?: PostComments["authUrl"];
  /** Top-level comments per page. */
  "page-size"?: PostComments["pageSize"];
  /** The order of top-level comments: `oldest`, `newest` or `top` (most reactions); pinned ones come first in each. The header's control sets it too. */
  sort?: PostComments["sort"];
  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  deployment?: PostComments["deployment"];
  /** The organization's slug. */
  org?: PostComments["org"];
  /** Color scheme: `light`, `dark` (paints its own dark surface, readable on any page) or `auto`
(follows the host page — a `dark-selector` match on `<html>` / `<body>`, the background behind
the element, its `color-scheme` — and the reader's system setting, switching live).
Unknown values are `light`, with a console warning. */
  theme?: PostComments["theme"];
  /** With `theme="auto"`: the selector that marks a dark host page on `<html>` or `<body>`. */
  "dark-selector"?: PostComments["darkSelector"];
  /** Language of the element's text; defaults to the closest `lang` attribute, then the browser's. */
  lang?: PostComments["lang"];
  /** The thread's first page as the server read it (`comments.list` with the same `page-size`, and the
post's `commentCount`), for server-side rendering: rendered at once, then kept live. */
  initial?: PostComments["initial"];
  /** The reader's comment was saved. Detail: `{ commentId, status, parentId? }`. */
  "onlp-comment-create"?: (e: CustomEvent<CommentEventDetail>) => void;
  /** The reader edited a comment. Detail: `{ commentId }`. */
  "onlp-comment-edit"?: (e: CustomEvent<CommentEventDetail>) => void;
  /** The reader deleted (or, as a moderator, removed) a comment. Detail: `{ commentId }`. */
  "onlp-comment-delete"?: (e: CustomEvent<CommentEventDetail>) => void;
  /** The reader gave or took back a reaction (after the server saved it). Detail: `{ targetId, kind, on }`. */
  "onlp-reaction"?: (e: CustomEvent<ReactionEventDetail>) => void;
  /** The reader signed in or created an account. Detail: `{ userId, name }`. */
  "onlp-sign-in"?: (e: CustomEvent<SignInDetail>) => void;
  /** The reader signed out. */
  "onlp-sign-out"?: (e: CustomEvent<null>) => void;
  /** Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`. */
  "onlp-error"?: (e: CustomEvent<ErrorDetail>) => void;
};

export type PostCommentCountProps = {
  /** The post's slug, as `<post-comments post=…>` names it. */
  post?: PostCommentCount["post"];
  /** The Convex deployment URL, e.g. `https://example.convex.cloud`. */
  deployment?: PostCommentCount["deployment"];
  /** The organization's slug. */
  org?: PostCommentCount["org"];
  /** Color scheme: `light`, `dark` (paints its own dark surface, readable on any page) or `auto`
(follows the host page — a `dark-selector` match on `<html>` / `<body>`, the background behind
the element, its `color-scheme` — and the reader's system setting, switching live).
Unknown values are `light`, with a console warning. */
  theme?: PostCommentCount["theme"];
  /** With `theme="auto"`: the selector that marks a dark host page on `<html>` or `<body>`. */
  "dark-selector"?: PostCommentCount["darkSelector"];
  /** Language of the element's text; defaults to the closest `lang` attribute, then the browser's. */
  lang?: PostCommentCount["lang"];

  /** Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`. */
  "onlp-error"?: (e: CustomEvent<ErrorDetail>) => void;
};

export type CustomElements = {
  /**
   * A live feed of an organization's published posts, newest first, with "Load more" paging.
   * Titles, excerpts and comment counts update in place; newly published posts appear at the top. Until
   * the live feed arrives it shows `initial` (server-side rendering) or a server snapshot placed in the
   * tag, else a skeleton.
   * ---
   *
   *
   * ### **Events:**
   *  - **lp-post-select** - A reader clicked a post's link. Detail: `{ postId, slug, href }`. Cancelable: call `preventDefault()` to stop the browser following the link (to route in a single-page app).
   * - **lp-error** - Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`.
   *
   * ### **Methods:**
   *
   *
   *
   * ### **Slots:**
   *  - _default_ - A server snapshot of the feed (`<div data-lp-snapshot="posts">` from `/snapshots/posts` or `npx live-post-elements snapshot`): readers without JavaScript and crawlers follow its links; the element shows it at once and swaps in the live feed in the same place.
   *
   * ### **CSS Properties:**
   *  - **--org-post-list-accent** - Link and button color. Default: `--lp-color-accent`. _(default: undefined)_
   * - **--org-post-list-gap** - Space between posts. Default: `calc(var(--lp-space) * 3 * var(--lp-density))`. _(default: undefined)_
   * - **--org-post-list-title-size** - Font size of post titles. Default: `1.125em`. _(default: undefined)_
   * - **--org-post-list-divider** - Border between posts. Default: `1px solid var(--lp-color-border)`. _(default: undefined)_
   * - **--lp-color-text** - Text color. _(default: undefined)_
   * - **--lp-color-muted** - Secondary text (dates, counts, hints, empty states). _(default: undefined)_
   * - **--lp-color-surface** - Background of fields, buttons and placeholders. _(default: undefined)_
   * - **--lp-color-border** - Borders and dividers. _(default: undefined)_
   * - **--lp-color-accent** - Accent for links, buttons and focus rings. _(default: undefined)_
   * - **--lp-color-accent-contrast** - Text on accent backgrounds. _(default: undefined)_
   * - **--lp-color-danger** - Errors and the over-limit counter. _(default: undefined)_
   * - **--lp-font-family** - Font family. Default: `inherit` (the host page's font). _(default: undefined)_
   * - **--lp-font-size** - Base font size. _(default: undefined)_
   * - **--lp-radius** - Corner radius. _(default: undefined)_
   * - **--lp-space** - Spacing unit. _(default: undefined)_
   * - **--lp-density** - Spacing multiplier (e.g. `0.75` for compact). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper around everything.
   * - **list** - The list of posts.
   * - **post** - One post in the list.
   * - **post-title** - A post's title (a heading).
   * - **post-link** - The link inside the title.
   * - **post-excerpt** - A post's excerpt.
   * - **post-meta** - The line holding author, date and comment count.
   * - **post-author** - The author's name.
   * - **post-date** - The publication date (`<time>`).
   * - **comment-count** - The live number of comments.
   * - **load-more-button** - The "Load more" button.
   * - **empty** - The message shown when there are no posts.
   * - **error** - The error message with its Retry button.
   * - **retry-button** - The Retry button in the error state.
   * - **skeleton** - The placeholder shown while the first page loads.
   */
  "org-post-list": Partial<OrgPostListProps & BaseProps & BaseEvents>;

  /**
   * Full-text search over an organization's published posts, as an accessible combobox.
   * Results are live: a post edited or published while its search is open shows up as it changes.
   * ---
   *
   *
   * ### **Events:**
   *  - **lp-post-select** - A reader chose a result (Enter or click). Detail: `{ postId, slug, href }`. Cancelable: call `preventDefault()` to stop the element navigating to `href` (to route in a single-page app).
   * - **lp-error** - Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`.
   *
   * ### **Methods:**
   *
   *
   *
   * ### **CSS Properties:**
   *  - **--post-search-accent** - Focus ring and active result color. Default: `--lp-color-accent`. _(default: undefined)_
   * - **--post-search-mark-background** - Highlight behind matched words. Default: `--lp-color-mark`. _(default: undefined)_
   * - **--post-search-active-background** - Background of the active result. Default: a tint of the accent. _(default: undefined)_
   * - **--post-search-input-padding** - Padding inside the search field. _(default: undefined)_
   * - **--lp-color-mark** - Default highlight color. _(default: undefined)_
   * - **--lp-color-text** - Text color. _(default: undefined)_
   * - **--lp-color-muted** - Secondary text (dates, counts, hints, empty states). _(default: undefined)_
   * - **--lp-color-surface** - Background of fields, buttons and placeholders. _(default: undefined)_
   * - **--lp-color-border** - Borders and dividers. _(default: undefined)_
   * - **--lp-color-accent** - Accent for links, buttons and focus rings. _(default: undefined)_
   * - **--lp-color-accent-contrast** - Text on accent backgrounds. _(default: undefined)_
   * - **--lp-color-danger** - Errors and the over-limit counter. _(default: undefined)_
   * - **--lp-font-family** - Font family. Default: `inherit` (the host page's font). _(default: undefined)_
   * - **--lp-font-size** - Base font size. _(default: undefined)_
   * - **--lp-radius** - Corner radius. _(default: undefined)_
   * - **--lp-space** - Spacing unit. _(default: undefined)_
   * - **--lp-density** - Spacing multiplier (e.g. `0.75` for compact). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper around everything.
   * - **input** - The search field (`role="combobox"`).
   * - **author-filter** - The author `<select>` (shown when no `author` attribute is set).
   * - **listbox** - The list of results (`role="listbox"`).
   * - **result** - One result (`role="option"`); `[aria-selected="true"]` on the active one.
   * - **result-title** - A result's title.
   * - **result-excerpt** - A result's excerpt.
   * - **mark** - A matched word inside a title or excerpt (`<mark>`).
   * - **no-results** - The message shown when nothing matches.
   * - **loading** - The indicator shown while a search runs.
   * - **error** - The error message with its Retry button.
   * - **retry-button** - The Retry button in the error state.
   */
  "post-search": Partial<PostSearchProps & BaseProps & BaseEvents>;

  /**
   * The live comment thread of one post: comments and one level of replies, oldest first, newest
   * first or by reactions (`sort`), pinned comments on top, with reactions, sign-in, a composer, editing,
   * deleting and moderation inside the element.
   *
   * The thread connects when the element comes near the viewport. A page address ending in `#comment-<id>`
   * (on load or on `hashchange`) scrolls to that comment, loading pages until it is shown, marks it and
   * moves focus to it; a link to a removed or unknown comment says so. A post unknown to the backend shows an
   * empty thread; its first comment creates it (where the organization allows that), titled `post-title`.
   * Until the live thread arrives it shows `initial` (server-side rendering) or a server snapshot placed in
   * the tag, else a skeleton.
   * ---
   *
   *
   * ### **Events:**
   *  - **lp-comment-create** - The reader's comment was saved. Detail: `{ commentId, status, parentId? }`.
   * - **lp-comment-edit** - The reader edited a comment. Detail: `{ commentId }`.
   * - **lp-comment-delete** - The reader deleted (or, as a moderator, removed) a comment. Detail: `{ commentId }`.
   * - **lp-reaction** - The reader gave or took back a reaction (after the server saved it). Detail: `{ targetId, kind, on }`.
   * - **lp-sign-in** - The reader signed in or created an account. Detail: `{ userId, name }`.
   * - **lp-sign-out** - The reader signed out.
   * - **lp-error** - Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`.
   *
   * ### **Methods:**
   *
   *
   *
   * ### **Slots:**
   *  - _default_ - A server snapshot of the thread (`<div data-lp-snapshot="comments">` from `/snapshots/comments` or `npx live-post-elements snapshot`): readers without JavaScript and crawlers read it; the element shows it at once and swaps in the live view in the same place.
   *
   * ### **CSS Properties:**
   *  - **--post-comments-accent** - Buttons, links and focus. Default: `--lp-color-accent`. _(default: undefined)_
   * - **--post-comments-accent-contrast** - Text on accent buttons. Default: `--lp-color-accent-contrast`. _(default: undefined)_
   * - **--post-comments-gap** - Space between comments. Default: `calc(var(--lp-space) * 2 * var(--lp-density))`. _(default: undefined)_
   * - **--post-comments-divider** - Border between comments. Default: `1px solid var(--lp-color-border)`. _(default: undefined)_
   * - **--post-comments-reply-indent** - Indent of replies. Default: `calc(var(--lp-space) * 3)`. _(default: undefined)_
   * - **--post-comments-highlight** - Background of the linked comment. Default: `--lp-color-mark`. _(default: undefined)_
   * - **--post-comments-reaction-own** - Background of the reader's own reactions. Default: the accent at 18%. _(default: undefined)_
   * - **--lp-color-text** - Text color. _(default: undefined)_
   * - **--lp-color-muted** - Secondary text (dates, counts, hints, empty states). _(default: undefined)_
   * - **--lp-color-surface** - Background of fields, buttons and placeholders. _(default: undefined)_
   * - **--lp-color-border** - Borders and dividers. _(default: undefined)_
   * - **--lp-color-accent** - Accent for links, buttons and focus rings. _(default: undefined)_
   * - **--lp-color-accent-contrast** - Text on accent backgrounds. _(default: undefined)_
   * - **--lp-color-danger** - Errors and the over-limit counter. _(default: undefined)_
   * - **--lp-font-family** - Font family. Default: `inherit` (the host page's font). _(default: undefined)_
   * - **--lp-font-size** - Base font size. _(default: undefined)_
   * - **--lp-radius** - Corner radius. _(default: undefined)_
   * - **--lp-space** - Spacing unit. _(default: undefined)_
   * - **--lp-density** - Spacing multiplier (e.g. `0.75` for compact). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper around everything.
   * - **header** - The header holding the heading, the count and the post's reactions.
   * - **count** - The live number of comments in the heading.
   * - **sort** - The order control in the header (its label and list).
   * - **sort-select** - The list that chooses the order: oldest, newest or top.
   * - **list** - The list of top-level comments.
   * - **comment** - One comment (top-level or reply).
   * - **comment-author** - A comment's author name.
   * - **comment-date** - A comment's relative date (`<time>`).
   * - **comment-body** - A comment's rendered text.
   * - **reactions** - The reaction bar under the post's heading and under each comment: counts for readers who cannot react, toggle buttons (`aria-pressed`) for those who can.
   * - **reaction** - One reaction: GitHub's eight kinds, emoji and count ("👍 3, react with thumbs up" to screen readers); the reader's own are pressed.
   * - **reaction-picker-button** - The button that opens the picker of kinds not shown yet.
   * - **reaction-picker** - The picker of kinds not shown yet (Escape closes it).
   * - **comment-actions** - The row of buttons under a comment (reply, report, edit, delete, moderation).
   * - **reply-button** - The Reply button of a comment (a reply to a reply joins the same thread and names whom it answers).
   * - **report-button** - The Report button, on other people's comments for signed-in readers, until they report it.
   * - **report-form** - The report form under a comment: a reason (spam, abuse, off-topic, other with the reader's words).
   * - **report-notice** - The line that replaces the form once the report is sent (or was sent before).
   * - **permalink-button** - A comment's Copy link button: copies the page's address with `#comment-<id>`.
   * - **linked-comment** - The comment the address links to (beside `comment`).
   * - **permalink-notice** - The line saying the linked comment was removed or doesn't exist (or the link, when it could not be copied).
   * - **reply-to** - The "↪ name" link on a reply that answers another reply; it moves focus to that reply.
   * - **replies** - The list of replies under a comment.
   * - **composer** - A comment form (new comment, reply or edit).
   * - **textarea** - The text field of a comment form.
   * - **composer-tab** - The Write and Preview tabs of a comment form (arrow keys move between them).
   * - **preview** - A comment form's preview: the text as the thread will show it.
   * - **char-count** - The character counter of a comment form.
   * - **submit-button** - The send button of a comment form.
   * - **sign-in-form** - The sign-in / create-account form.
   * - **sign-in-button** - The button that opens the sign-in form.
   * - **provider-button** - A "Continue with GitHub / Google" button in the sign-in form (only the providers the deployment offers).
   * - **magic-link-button** - "Email me a sign-in link" in the sign-in form.
   * - **sign-in-notice** - The sign-in form's message once a link is on its way.
   * - **sign-out-button** - The Sign out button.
   * - **passkey-button** - "Sign in with a passkey" in the sign-in form.
   * - **add-passkey-button** - "Add a passkey" next to Sign out: registers a passkey of this device on the account.
   * - **passkey-notice** - Says a passkey was added.
   * - **notifications-button** - "Email settings" next to Sign out: opens the reader's e-mail settings.
   * - **email-settings** - The e-mail settings: comment e-mails on or off, and follow / mute for this thread.
   * - **load-more-button** - The "Load more comments" button.
   * - **empty** - The message shown when the thread has no comments.
   * - **error** - An error message.
   * - **retry-button** - The Retry button when the thread failed to load.
   * - **skeleton** - The placeholder shown while the thread loads.
   * - **pending-badge** - The "Waiting for a moderator" mark on the reader's own pending comments.
   * - **pinned-badge** - The "Pinned" mark on a comment an admin pinned to the top of the thread.
   * - **pin-button** - The Pin / Unpin button of a top-level comment, for the organization's admins.
   */
  "post-comments": Partial<PostCommentsProps & BaseProps & BaseEvents>;

  /**
   * A post's live comment count ("3 comments"), inline in any page: a list of posts on a static
   * site, a post's header. It counts visible comments and replies, and is 0 until the post's thread has its
   * first comment. Every count on a page shares the page's one WebSocket to the deployment, and counts of the
   * same post share one query.
   * ---
   *
   *
   * ### **Events:**
   *  - **lp-error** - Loading or an action failed (each failure once, also when the element shows it). Detail: `{ code, message }`.
   *
   * ### **Methods:**
   *
   *
   *
   * ### **CSS Properties:**
   *  - **--post-comment-count-color** - Color of the count. Default: `inherit`. _(default: undefined)_
   * - **--lp-color-text** - Text color. _(default: undefined)_
   * - **--lp-color-muted** - Secondary text (dates, counts, hints, empty states). _(default: undefined)_
   * - **--lp-color-surface** - Background of fields, buttons and placeholders. _(default: undefined)_
   * - **--lp-color-border** - Borders and dividers. _(default: undefined)_
   * - **--lp-color-accent** - Accent for links, buttons and focus rings. _(default: undefined)_
   * - **--lp-color-accent-contrast** - Text on accent backgrounds. _(default: undefined)_
   * - **--lp-color-danger** - Errors and the over-limit counter. _(default: undefined)_
   * - **--lp-font-family** - Font family. Default: `inherit` (the host page's font). _(default: undefined)_
   * - **--lp-font-size** - Base font size. _(default: undefined)_
   * - **--lp-radius** - Corner radius. _(default: undefined)_
   * - **--lp-space** - Spacing unit. _(default: undefined)_
   * - **--lp-density** - Spacing multiplier (e.g. `0.75` for compact). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The count, its placeholder or its error.
   * - **count** - The count's text, e.g. "3 comments".
   * - **empty** - The count's text when there are no comments (with `count`).
   * - **skeleton** - The placeholder while the count loads.
   * - **error** - The error message with its Retry button.
   * - **retry-button** - The Retry button in the error state.
   */
  "post-comment-count": Partial<PostCommentCountProps & BaseProps & BaseEvents>;
};
