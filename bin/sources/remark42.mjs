/**
 * Remark42's backup: newline-delimited JSON, a first line with the backup's `version`, then one
 * comment a line (`id`, `pid` for the parent, `text` as HTML, `user`, `locator.url`, `time`, `delete`).
 * A page's thread is its URL.
 */
import { htmlToMarkdown } from "./html.mjs";
import { isRecord, lines, text } from "./json.mjs";
import { FormatError } from "./errors.mjs";


export default {
  expected: 'Expected a Remark42 backup (newline-delimited JSON, the first line {"version": …})',
  passes: 1,
  async *read(open) {
    let first = true;
    for await (const { number, line } of lines(open())) {
      let value;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (first) {
        first = false;
        if (!isRecord(value) || (value.version === undefined && value.locator === undefined)) {
          throw new FormatError(`${this.expected}; line ${number} is not.`);
        }
        if (value.locator === undefined) continue;
      }
      if (!isRecord(value)) {
        yield { malformed: { reason: `line ${number} is not a JSON object.` } };
        continue;
      }
      const url = isRecord(value.locator) ? text(value.locator.url) : "";
      if (url) yield { thread: { id: url, url, title: text(value.title), date: text(value.time) } };
      const user = isRecord(value.user) ? value.user : {};
      yield {
        comment: {
          id: text(value.id),
          threadId: url || undefined,
          parentId: text(value.pid) || undefined,
          authorName: text(user.name),
          authorEmail: text(user.email),
          content: htmlToMarkdown(typeof value.text === "string" ? value.text : ""),
          date: text(value.time),
          state: value.delete === true ? "deleted" : "visible",
          line: number,
        },
      };
    }
    if (first) throw new FormatError(`${this.expected}; the file is empty.`);
  },
};
