// The README's imports, nothing else; the deployment comes from the page URL.
import "live-post-elements/org-post-list";
import "live-post-elements/post-search";

const deployment = new URLSearchParams(location.search).get("deployment");
window.selected = [];
document.addEventListener("lp-post-select", (event) => {
  event.preventDefault();
  window.selected.push(event.detail);
});
const feed = document.createElement("org-post-list");
Object.assign(feed, { deployment, org: "acme", theme: "auto" });
const search = document.createElement("post-search");
Object.assign(search, { deployment, org: "acme" });
document.getElementById("app").append(search, feed);
