// A page on an origin the deployment does not trust: its readers try to sign in.
import "live-post-elements/post-comments";

const params = new URLSearchParams(location.search);
const comments = document.createElement("post-comments");
Object.assign(comments, { deployment: params.get("deployment"), authUrl: params.get("site"), org: "acme", post: "untrusted-host" });
document.body.append(comments);
