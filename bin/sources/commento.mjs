/**
 * Commento's JSON export: `{ "version", "comments": [...], "commenters": [...] }`. The commenters come
 * after the comments, so the file is read twice: names first (one entry per person), then the comments.
 * A page's thread is its domain and path.
 */
import { htmlToMarkdown } from "./html.mjs";
import { arrayItems, isRecord, text } from "./json.mjs";
import { FormatError } from "./errors.mjs";

const STATES = { approved: "visible", unapproved: "unapproved", flagged: "spam" };

function parsed(raw) {
  try {
    const value = JSON.parse(raw);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

export default {
  expected: 'Expected a Commento export (a JSON object with "comments" and "commenters" arrays)',
  passes: 2,
  async *read(open) {
    const commenters = new Map();
    for await (const raw of arrayItems(open(), "commenters", this.expected)) {
      if (typeof raw !== "string") {
        if (!raw.keys.includes("comments")) throw new FormatError(`${this.expected}; it has no "comments".`);
        if (!raw.complete) yield { malformed: { reason: "the file breaks off before its end." } };
        continue;
      }
      const commenter = parsed(raw);
      if (commenter && text(commenter.commenterHex)) {
        commenters.set(text(commenter.commenterHex), { name: text(commenter.name), email: text(commenter.email) });
      }
    }
    let index = -1;
    for await (const raw of arrayItems(open(), "comments", this.expected)) {
      if (typeof raw !== "string") continue;
      index++;
      const value = parsed(raw);
      if (!value) {
        yield { malformed: { reason: `comments[${index}] is not a JSON object.` } };
        continue;
      }
      const domain = text(value.domain);
      const path = text(value.path) || "/";
      const url = domain ? `https://${domain}${path.startsWith("/") ? path : `/${path}`}` : "";
      if (url) yield { thread: { id: url, url, title: path, date: text(value.creationDate) } };
      const parentHex = text(value.parentHex);
      const author = commenters.get(text(value.commenterHex));
      yield {
        comment: {
          id: text(value.commentHex),
          threadId: url || undefined,
          parentId: parentHex && parentHex !== "root" ? parentHex : undefined,
          authorName: author?.name ?? "",
          authorEmail: author?.email ?? "",
          content: htmlToMarkdown(typeof value.html === "string" ? value.html : ""),
          date: text(value.creationDate),
          state: value.deleted === true ? "deleted" : (STATES[text(value.state)] ?? "unapproved"),
        },
      };
    }
  },
};
