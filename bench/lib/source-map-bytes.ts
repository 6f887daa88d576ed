/**
 * Minified bytes per source module of a built file, from its source map: each mapped segment of the
 * output counts toward the source it came from, up to the next segment (unmapped bytes count as "?").
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The numbers of one Base64 VLQ segment (source maps v3). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0, shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return values;
}

/** Bytes of `file` per absolute source path. */
export function bytesBySource(file: string): Map<string, number> {
  const lines = readFileSync(file, "utf8").split("\n");
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[]; sourceRoot?: string; mappings: string };
  const sources = map.sources.map((source) => resolve(dirname(file), map.sourceRoot ?? "", source));
  const bytes = new Map<string, number>();
  const count = (source: string, length: number) => bytes.set(source, (bytes.get(source) ?? 0) + length);
  let sourceIndex = 0;
  const mappedLines = map.mappings.split(";");
  // Lines past the mappings (the sourceMappingURL comment) are unmapped; a line's newline counts with its end.
  const newline = (lineIndex: number) => (lineIndex < lines.length - 1 ? 1 : 0);
  lines.slice(mappedLines.length).forEach((line, i) => count("?", Buffer.byteLength(line) + newline(mappedLines.length + i)));
  mappedLines.forEach((mapped, lineIndex) => {
    const line = lines[lineIndex] ?? "";
    let column = 0, start = 0, current = "?";
    for (const segment of mapped ? mapped.split(",") : []) {
      const [columnDelta = 0, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      count(current, Buffer.byteLength(line.slice(start, column)));
      start = column;
      if (sourceDelta === undefined) current = "?";
      else current = sources[(sourceIndex += sourceDelta)] ?? "?";
    }
    count(current, Buffer.byteLength(line.slice(start)) + newline(lineIndex));
  });
  return bytes;
}
