import { term, type MessageKey } from "./localize.js";

/** What the elements keep of an error: a stable code to switch on and a message for people. */
export interface LiveError {
  code: string;
  message: string;
}

/** The deployment could not be reached (no connection ever opened). */
export const UNREACHABLE = "UNREACHABLE";

const messageKeys: Record<string, MessageKey> = {
  [UNREACHABLE]: "errorUnreachable",
  NOT_FOUND: "errorNotFound",
  FORBIDDEN: "errorForbidden",
  UNAUTHENTICATED: "errorUnauthenticated",
  INVALID_ARGUMENT: "errorInvalidArgument",
  RATE_LIMITED: "errorRateLimited",
  CONFLICT: "errorConflict",
};

/** Normalizes a thrown value: a `ConvexError`'s `{ code, message }` data, or any other error's message. */
export function toLiveError(err: unknown): LiveError {
  if (err && typeof err === "object") {
    const data = (err as { data?: unknown }).data;
    if (data && typeof data === "object" && typeof (data as LiveError).code === "string") {
      return { code: (data as LiveError).code, message: String((data as LiveError).message ?? "") };
    }
    if (typeof (err as LiveError).code === "string" && typeof (err as LiveError).message === "string") {
      return { code: (err as LiveError).code, message: (err as LiveError).message };
    }
    if (err instanceof Error) return { code: "UNKNOWN", message: err.message };
  }
  return { code: "UNKNOWN", message: String(err) };
}

/** A readable, localized message for an error; known codes get a translated sentence. */
export function errorMessage(err: unknown, lang: string): string {
  const { code } = toLiveError(err);
  return term(lang, messageKeys[code] ?? "errorGeneric");
}
