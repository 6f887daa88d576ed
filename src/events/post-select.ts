/** `lp-post-select`: a reader chose a post (`<org-post-list>`, `<post-search>`). Cancelable. */
export interface PostSelectDetail {
  postId: string;
  slug: string;
  /** The link built from `href-template`; the element navigates here unless the event is canceled. */
  href: string;
}
