/** Every element, defined on import. Import a single element's module to load only that one. */
export * from "./post-comments/post-comments.js";
export * from "./org-post-list/org-post-list.js";
export * from "./post-search/post-search.js";
export * from "./post-comment-count/post-comment-count.js";
