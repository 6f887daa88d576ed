/**
 * Streams an XML file's records: `records(stream, { root, isRecord, expected })` yields each element
 * whose path (element names from the root, prefixes kept: `wp:comment`) `isRecord` accepts, as
 * `{ name, attributes, children, text }`, when it closes. A record holding other records is yielded when
 * the first of them opens (with what it held until then), so its own fields come before its contents.
 * Memory holds one record at a time.
 */
import { SaxesParser } from "saxes";
import { FormatError } from "./errors.mjs";

/** The first child named `name`, or undefined. */
export const child = (element, name) => element?.children.find((c) => c.name === name);
/** The trimmed text of the first child named `name`, or "". */
export const textOf = (element, name) => child(element, name)?.text.trim() ?? "";

export async function* records(stream, { root, isRecord, expected }) {
  const parser = new SaxesParser({ position: true });
  const path = [];
  /** The open record and the elements open inside it. */
  let open = [];
  let ready = [];
  let failure = null;
  let seenRoot = false;
  parser.on("opentag", ({ name, attributes }) => {
    if (!seenRoot && !failure) {
      seenRoot = true;
      if (name !== root) failure = new FormatError(`${expected}; the root element is <${name}>.`);
    }
    path.push(name);
    const element = { name, attributes, children: [], text: "" };
    if (isRecord(path)) {
      const holder = open[0];
      if (holder && !holder.yielded) {
        holder.yielded = true;
        ready.push(holder);
      }
      open = [element];
    } else if (open.length > 0) {
      open[open.length - 1].children.push(element);
      open.push(element);
    }
  });
  const text = (value) => {
    if (open.length > 0) open[open.length - 1].text += value;
  };
  parser.on("text", text);
  parser.on("cdata", text);
  parser.on("closetag", () => {
    const closing = open.pop();
    if (closing && open.length === 0 && isRecord(path) && !closing.yielded) ready.push(closing);
    path.pop();
  });
  parser.on("error", (error) => {
    failure ??= error;
  });
  stream.setEncoding("utf8");
  for await (const chunk of stream) {
    parser.write(chunk);
    yield* ready;
    ready = [];
    if (failure) break;
  }
  if (!failure) parser.close();
  yield* ready;
  if (failure instanceof FormatError) throw failure;
  // saxes starts its messages with the position: where a file that is not XML stops being XML says little.
  if (failure && !seenRoot) throw new FormatError(`${expected}; this is not XML (${failure.message.replace(/^\d+:\d+: /, "")}).`);
  if (failure) yield { broken: `the file breaks off: ${failure.message}` };
}
