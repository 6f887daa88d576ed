import { fail } from "./errors";

/** Limits documented in the README; the elements read the same numbers from src/internal/limits.ts. */
export const LIMITS = {
  commentLength: 5000,
  titleLength: 200,
  postLength: 100_000,
  nameLength: 80,
  slugLength: 100,
  clientRequestIdLength: 64,
} as const;

// Tab, newline and carriage return are text; every other C0/C1 control (and DEL) is not.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Trims, then rejects empty, oversized or control-character text. Returns the trimmed text. */
export function cleanText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) fail("INVALID_ARGUMENT", `${field} must not be empty.`);
  if (text.length > max) fail("INVALID_ARGUMENT", `${field} must be at most ${max} characters.`);
  if (CONTROL.test(text)) fail("INVALID_ARGUMENT", `${field} must not contain control characters.`);
  return text;
}

/** Lower-case words joined by single hyphens, e.g. `hello-world`. */
export function checkSlug(field: string, value: string): string {
  if (value.length > LIMITS.slugLength || !SLUG.test(value)) {
    fail(
      "INVALID_ARGUMENT",
      `${field} must be lower-case letters, digits and single hyphens (at most ${LIMITS.slugLength} characters).`,
    );
  }
  return value;
}

/** A slug derived from a title, for posts created without one. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, LIMITS.slugLength)
    .replace(/-+$/g, "");
  return slug || "post";
}

/** Plain-text opening of a post for lists and search results. */
export function excerptOf(content: string, max = 200): string {
  const plain = content
    .replace(/```[\s\S]*?```/g, " ")
    // List items read as a sentence each: "- a\n- b" → "a. b".
    .replace(/^[ \t]*(?:[-*+]|\d+\.)[ \t]+(.*?)([.!?]?)[ \t]*$/gm, (_, item, stop) => `${item}${stop || "."}`)
    .replace(/[`*_>#\[\]()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
