import { fail } from "./errors";
import { LIMITS } from "./limits";

// Tab, newline and carriage return are text; every other C0/C1 control (and DEL) is not.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Bidirectional embeddings, overrides and isolates: they make text read differently from what it is. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// Deliberately loose: proof of the address comes from the verification e-mail, not from its shape.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A guest's writer (and reactor) key: random, from the browser. */
export const GUEST_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** Why `value` (already trimmed) is not acceptable text of at most `max` characters, or null. */
export function textProblem(field: string, text: string, max: number): string | null {
  if (text.length === 0) return `${field} must not be empty.`;
  if (text.length > max) return `${field} must be at most ${max} characters.`;
  if (CONTROL.test(text)) return `${field} must not contain control characters.`;
  if (BIDI.test(text)) return `${field} must not contain bidirectional override characters.`;
  return null;
}

/** Why `email` (already normalised) is not an acceptable address, or null. */
export function emailProblem(email: string): string | null {
  if (email.length > LIMITS.emailLength || CONTROL.test(email) || BIDI.test(email) || !EMAIL.test(email)) {
    return "Enter a valid email address.";
  }
  return null;
}

/** One spelling per word or name: compatibility forms folded (NFKC: full-width, ligatures), lower-case. */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLowerCase().normalize("NFKC");
}

/** One spelling per address: trimmed and lower-cased (how Better Auth stores it, and our `users.email`). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The normalised address, or INVALID_ARGUMENT. */
export function cleanEmail(value: string): string {
  const email = normaliseEmail(value);
  const problem = emailProblem(email);
  if (problem) fail("INVALID_ARGUMENT", problem);
  return email;
}

/** Trims, then rejects empty, oversized, control-character or bidi-override text. Returns the trimmed text. */
export function cleanText(field: string, value: string, max: number): string {
  const text = value.trim();
  const problem = textProblem(field, text, max);
  if (problem) fail("INVALID_ARGUMENT", problem);
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
    .replace(/[`*_>#[\]()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
