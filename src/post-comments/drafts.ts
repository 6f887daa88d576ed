/**
 * Unsent comment text, kept in sessionStorage so it survives errors and reloads, with the request id
 * of its first send attempt: sending the same draft again can never create a second comment.
 */
export interface Draft {
  text: string;
  /** Created on the first send attempt, dropped once the comment exists. */
  requestId?: string;
}

export function loadDraft(key: string): Draft {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? "null") as Draft | null;
    if (stored && typeof stored.text === "string") return stored;
  } catch {
    // Unreadable or unavailable storage: start empty.
  }
  return { text: "" };
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    if (draft.text || draft.requestId) sessionStorage.setItem(key, JSON.stringify(draft));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the draft still lives in memory.
  }
}

export function clearDraft(key: string): void {
  saveDraft(key, { text: "" });
}
