/**
 * WordPress's export (WXR, RSS 2.0 with the `wp:` elements): each `<item>` (post or page) with its
 * `<wp:comment>`s. Pingbacks and trackbacks are not comments: they are skipped and counted.
 */
import { htmlToMarkdown } from "./html.mjs";
import { records, textOf } from "./xml.mjs";

const STATES = { 1: "visible", 0: "unapproved", spam: "spam", trash: "deleted", "post-trashed": "deleted" };
/** WordPress writes this for a time it does not know. */
const NO_TIME = "0000-00-00 00:00:00";

const timeText = (element, name) => {
  const gmt = textOf(element, `${name}_gmt`);
  // Without the UTC time, the site's local time is the best there is.
  return gmt && gmt !== NO_TIME ? gmt : textOf(element, name);
};

export default {
  expected: "Expected a WordPress export (WXR: an <rss> document of <item>s with <wp:comment>s)",
  passes: 1,
  async *read(open) {
    const isRecord = (path) =>
      (path.length === 3 && path[2] === "item") || (path.length === 4 && path[3] === "wp:comment");
    let threadId;
    for await (const element of records(open(), { root: "rss", isRecord, expected: this.expected })) {
      if (element.broken) yield { malformed: { reason: element.broken } };
      else if (element.name === "item") {
        threadId = textOf(element, "wp:post_id");
        yield {
          thread: {
            id: threadId,
            url: textOf(element, "link"),
            title: textOf(element, "title"),
            date: timeText(element, "wp:post_date"),
          },
        };
      } else {
        const type = textOf(element, "wp:comment_type");
        const parentId = textOf(element, "wp:comment_parent");
        yield {
          comment: {
            id: textOf(element, "wp:comment_id"),
            threadId,
            parentId: parentId === "0" ? undefined : parentId || undefined,
            authorName: textOf(element, "wp:comment_author"),
            authorEmail: textOf(element, "wp:comment_author_email"),
            content: htmlToMarkdown(textOf(element, "wp:comment_content"), { newlines: true }),
            date: timeText(element, "wp:comment_date"),
            state:
              type === "pingback" || type === "trackback"
                ? "pingback"
                : (STATES[textOf(element, "wp:comment_approved")] ?? "unapproved"),
          },
        };
      }
    }
  },
};
