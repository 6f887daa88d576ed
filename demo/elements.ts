/** The library as a site owner's single script tag would load it: the three elements, defined once. */
import "../src/org-post-list/org-post-list.js";
import "../src/post-search/post-search.js";
import "../src/post-comments/post-comments.js";
