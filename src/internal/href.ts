/**
 * Fills `{slug}` and `{id}` in an `href-template` with URL-encoded values. The result is only used as a
 * link if it is http(s) or relative, so a template or slug can never produce a `javascript:` URL.
 */
export function buildHref(template: string, post: { slug: string; _id: string }): string {
  const href = template
    .replaceAll("{slug}", encodeURIComponent(post.slug))
    .replaceAll("{id}", encodeURIComponent(post._id));
  return isSafeHref(href) ? href : "#";
}

function isSafeHref(href: string): boolean {
  try {
    // On a server (SSR) there is no document: a relative link is checked against a placeholder base.
    const url = new URL(href, globalThis.document?.baseURI || "http://localhost/");
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
