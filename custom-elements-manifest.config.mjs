/** `npm run analyze`: custom-elements.json from the elements' classes and JSDoc (@csspart, @cssproperty, @event…). */
export default {
  globs: [
    "src/org-post-list/org-post-list.component.ts",
    "src/org-post-list/org-post-list.ts",
    "src/post-search/post-search.component.ts",
    "src/post-search/post-search.ts",
    "src/post-comments/post-comments.component.ts",
    "src/post-comments/post-comments.ts",
    "src/index.ts",
  ],
  outdir: ".",
  litelement: true,
  // package.json names the manifest itself; the analyzer would rewrite it to whatever --outdir says.
  packagejson: false,
};
