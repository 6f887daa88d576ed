/**
 * Where a built file's bytes come from, by its source map: each mapped segment of the output belongs
 * to the source it came from, up to the next segment (unmapped stretches belong to "?").
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

/** A stretch of the output: line index, start and end column (UTF-16 units, as source maps count). */
export type Stretch = [line: number, start: number, end: number];

/** The file's lines and, per absolute source path, the stretches of them it produced. */
export function stretchesBySource(file: string): { lines: string[]; bySource: Map<string, Stretch[]> } {
  const lines = readFileSync(file, "utf8").split("\n");
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[]; sourceRoot?: string; mappings: string };
  const sources = map.sources.map((source) => resolve(dirname(file), map.sourceRoot ?? "", source));
  const bySource = new Map<string, Stretch[]>();
  const add = (source: string, stretch: Stretch) => {
    const stretches = bySource.get(source);
    if (stretches) stretches.push(stretch);
    else bySource.set(source, [stretch]);
  };
  const mappedLines = map.mappings.split(";");
  let sourceIndex = 0;
  lines.forEach((line, lineIndex) => {
    let start = 0, column = 0, current = "?";
    for (const segment of mappedLines[lineIndex]?.split(",").filter(Boolean) ?? []) {
      const [columnDelta = 0, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      if (column > start) add(current, [lineIndex, start, column]);
      start = column;
      current = sourceDelta === undefined ? "?" : (sources[(sourceIndex += sourceDelta)] ?? "?");
    }
    if (line.length > start) add(current, [lineIndex, start, line.length]);
  });
  return { lines, bySource };
}

/** The file's text without the given stretches. */
export function without(lines: string[], stretches: Stretch[]): string {
  const kept = [...lines];
  // From the right, so earlier columns on a line stay valid.
  for (const [line, start, end] of [...stretches].sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
    kept[line] = kept[line]!.slice(0, start) + kept[line]!.slice(end);
  }
  return kept.join("\n");
}
