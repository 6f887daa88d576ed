/**
 * Convex's published deployment limits (https://docs.convex.dev/production/state/limits), enforced
 * here so that what works locally fits on a deployment. The per-transaction read/write limits are
 * convex-test's own enforcement (`transactionLimits: true`, its defaults are the same figures and
 * its messages name the limit); this file holds the rest. See local-backend/README.md.
 */
const MiB = 1 << 20;

/** Function arguments (and so HTTP API bodies and sync frames, which carry them). */
export const MAX_ARGUMENTS_BYTES = 16 * MiB;
/** A function's return value. */
export const MAX_RETURN_BYTES = 16 * MiB;
/** Queries and mutations: user code time. Actions: 10 minutes. */
export const MAX_QUERY_MUTATION_MS = 1000;
export const MAX_ACTION_MS = 10 * 60 * 1000;
/** HTTP actions' request and response bodies. */
export const MAX_HTTP_ACTION_BODY_BYTES = 20 * MiB;
/** A frame or body holds the arguments plus the envelope (path, request id, …). */
export const ENVELOPE_BYTES = 64 * 1024;

export function argumentsTooLarge(path: string, bytes: number): string {
  return `Arguments for ${path} are too large (actual: ${bytes} bytes, maximum size: ${MAX_ARGUMENTS_BYTES} bytes). This is a Convex limit: https://docs.convex.dev/production/state/limits`;
}

export function returnTooLarge(path: string, bytes: number): string {
  return `Function ${path} return value is too large (actual: ${bytes} bytes, maximum size: ${MAX_RETURN_BYTES} bytes). This is a Convex limit: https://docs.convex.dev/production/state/limits`;
}

export function timedOut(kind: "query" | "mutation" | "action"): string {
  const seconds = (kind === "action" ? MAX_ACTION_MS : MAX_QUERY_MUTATION_MS) / 1000;
  return `Function execution timed out (maximum duration: ${seconds}s). This is a Convex limit: https://docs.convex.dev/production/state/limits`;
}
