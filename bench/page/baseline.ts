/**
 * The baseline for render timings: the same query through a bare ConvexClient, drawn into a shadow
 * root with innerHTML — what any page pays to fetch and show the data, without the elements.
 */
import { ConvexClient } from "convex/browser";

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

type Row = { title?: string; excerpt?: string; authorName: string; content?: string; replies?: Row[] };

function draw(row: Row, part: string): string {
  const replies = row.replies?.length ? `<ol>${row.replies.map((r) => draw(r, part)).join("")}</ol>` : "";
  return `<li part="${part}"><b>${escape(row.authorName)}</b> <p>${escape(row.content ?? row.title ?? "")}</p><p>${escape(row.excerpt ?? "")}</p>${replies}</li>`;
}

window.benchBaseline = (host, options) => {
  const root = host.attachShadow({ mode: "open" });
  const client = new ConvexClient(options.deployment!);
  const numItems = Number(options["page-size"]);
  const comments = options.kind === "comments";
  const query = comments ? "comments:list" : "posts:listPublished";
  const args = comments
    ? { organizationSlug: options.org, postSlug: options.post, paginationOpts: { numItems, cursor: null } }
    : { organizationSlug: options.org, paginationOpts: { numItems, cursor: null } };
  client.onUpdate(query as any, args, (result: { page: Row[] }) => {
    root.innerHTML = `<ol>${result.page.map((row) => draw(row, comments ? "comment" : "post")).join("")}</ol>`;
  });
};
