/**
 * The generic post page: reads `?slug=` live through `posts.getBySlug` on the page's shared Convex
 * client (the one the elements use) and puts `<post-comments>` under it.
 */
import "./elements.js";
import { acquireClient, api, type Post } from "live-post-elements/client";
import { renderArticle } from "./article.js";

const ORG = "acme";
const slug = new URLSearchParams(location.search).get("slug") ?? "";
const article = document.querySelector<HTMLElement>("#post")!;
const comments = document.querySelector<HTMLElement>("#comments")!;
const commentsSection = comments.closest("section")!;

function show(post: Post | null) {
  if (!post) {
    document.title = "Post not found — Acme Blog";
    const missing = document.createElement("p");
    missing.textContent = slug
      ? `There is no published post “${slug}”. It may be a draft, or it was deleted.`
      : "Add ?slug=… to the address to open a post.";
    article.replaceChildren(missing);
    commentsSection.hidden = true;
    return;
  }
  document.title = `${post.title} — Acme Blog`;
  renderArticle(article, post);
  commentsSection.hidden = false;
  if (comments.getAttribute("post") !== post.slug) {
    comments.setAttribute("post", post.slug);
    comments.setAttribute("post-title", post.title);
  }
}

if (slug) {
  const client = acquireClient(import.meta.env.VITE_CONVEX_URL);
  client.onUpdate(api.posts.getBySlug, { organizationSlug: ORG, slug }, show, (error) => {
    article.textContent = `Could not load the post: ${error.message}`;
  });
} else {
  show(null);
}
