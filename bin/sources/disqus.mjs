/** Disqus's XML export: `<disqus>` holding `<thread dsq:id>`s, then `<post dsq:id>`s (the comments). */
import { htmlToMarkdown } from "./html.mjs";
import { child, records, textOf } from "./xml.mjs";

const yes = (text) => text === "true";

export default {
  expected: "Expected a Disqus XML export (a <disqus> document of <thread> and <post> elements)",
  passes: 1,
  async *read(open) {
    const isRecord = (path) => path.length === 2 && (path[1] === "thread" || path[1] === "post");
    for await (const element of records(open(), { root: "disqus", isRecord, expected: this.expected })) {
      if (element.broken) yield { malformed: { reason: element.broken } };
      else if (element.name === "thread") {
        yield {
          thread: {
            id: element.attributes["dsq:id"],
            url: textOf(element, "link"),
            title: textOf(element, "title"),
            date: textOf(element, "createdAt"),
          },
        };
      } else {
        const author = child(element, "author");
        const state = yes(textOf(element, "isSpam"))
          ? "spam"
          : yes(textOf(element, "isDeleted"))
            ? "deleted"
            : textOf(element, "isApproved") === "false"
              ? "unapproved"
              : "visible";
        yield {
          comment: {
            id: element.attributes["dsq:id"],
            threadId: child(element, "thread")?.attributes["dsq:id"],
            parentId: child(element, "parent")?.attributes["dsq:id"],
            authorName: textOf(author, "name") || textOf(author, "username"),
            authorEmail: textOf(author, "email"),
            content: htmlToMarkdown(textOf(element, "message")),
            date: textOf(element, "createdAt"),
            state,
          },
        };
      }
    }
  },
};
