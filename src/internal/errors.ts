import { term, type MessageKey } from "./localize.js";

/** What the elements keep of an error: a stable code to switch on and a message for people. */
export interface LiveError {
  code: string;
  message: string;
}

/** The deployment could not be reached (no connection ever opened). */
export const UNREACHABLE = "UNREACHABLE";

/** Normalizes a thrown value: a `ConvexError`'s `{ code, message }` data, or any other error's message. */
export function toLiveError(err: unknown): LiveError {
  const thrown = err as { data?: { code?: unknown; message?: unknown }; code?: unknown; message?: unknown } | null | undefined;
  const data = thrown?.data;
  if (typeof data?.code === "string") return { code: data.code, message: String(data.message ?? "") };
  if (typeof thrown?.code === "string" && typeof thrown.message === "string") return { code: thrown.code, message: thrown.message };
  return { code: "UNKNOWN", message: err instanceof Error ? err.message : String(err) };
}

/**
 * A readable, localized message for an error: a known code's own sentence (`NOT_FOUND` → the message
 * `errorNotFound`), else the generic one.
 */
export function errorMessage(err: unknown, lang: string): string {
  const name = toLiveError(err).code.toLowerCase().replace(/(^|_)([a-z])/g, (_, _start, letter: string) => letter.toUpperCase());
  return term(lang, `error${name}` as MessageKey) ?? term(lang, "errorGeneric");
}
