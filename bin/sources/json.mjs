/** Streaming readers for the JSON formats: lines of JSON, and the items of one array of a JSON object. */
import { createInterface } from "node:readline";
import { FormatError } from "./errors.mjs";

export const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
/** A string value trimmed; anything else is "". */
export const text = (value) => (typeof value === "string" ? value.trim() : "");

/** Each line of the stream with its number (from 1), blank lines left out. */
export async function* lines(stream) {
  let number = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    number++;
    if (line.trim() !== "") yield { number, line };
  }
}

/**
 * The raw text of each item of the array under `key` of the stream's top-level JSON object, for
 * `JSON.parse` one at a time; ends with `{ keys }`, the top-level keys seen. Only the brackets and
 * strings are followed, so the stream's other values are skipped, not held.
 */
export async function* arrayItems(stream, key, expected) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  /** The string just read at depth 1 (a key, when a colon follows). */
  let lastString = "";
  /** Where the string being read began in this chunk, and what of it earlier chunks held. */
  let stringStart = -1;
  let stringHead = "";
  let inTarget = false;
  let item = null;
  const keys = [];
  stream.setEncoding("utf8");
  for await (const chunk of stream) {
    let itemStart = item === null ? -1 : 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') {
          inString = false;
          if (depth === 1) lastString = stringHead + chunk.slice(stringStart, i);
        }
        continue;
      }
      if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
      if (!started) {
        if (c === "\uFEFF") continue;
        if (c !== "{") throw new FormatError(`${expected}; this is not a JSON object.`);
        started = true;
      }
      switch (c) {
        case '"':
          inString = true;
          stringStart = i + 1;
          stringHead = "";
          break;
        case ":":
          if (depth === 1) keys.push(lastString);
          break;
        case "{":
        case "[":
          depth++;
          if (depth === 2 && c === "[" && keys.at(-1) === key) inTarget = true;
          else if (depth === 3 && inTarget) {
            item = "";
            itemStart = i;
          }
          break;
        case "}":
        case "]":
          depth--;
          if (depth === 2 && inTarget && item !== null) {
            yield item + chunk.slice(itemStart, i + 1);
            item = null;
            itemStart = -1;
          } else if (depth === 1) inTarget = false;
          break;
      }
    }
    if (item !== null) item += chunk.slice(itemStart);
    if (inString && depth === 1) stringHead += chunk.slice(stringStart);
    stringStart = 0;
  }
  if (!started) throw new FormatError(`${expected}; the file is empty.`);
  yield { keys, complete: depth === 0 };
}
