/** Types for snapshot.mjs, which Node runs without a build step. */
export declare const MARK_START: string;
export declare const MARK_END: string;
export declare class SnapshotError extends Error {}

export type SnapshotOptions = {
  /** The deployment's site origin, e.g. https://happy-otter-123.convex.site. */
  siteUrl: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
};

export declare function fillSnapshots(
  html: string,
  options: SnapshotOptions & { cache?: Map<string, Promise<string>> },
): Promise<{ html: string; filled: number; skipped: string[] }>;

export declare function snapshotFolder(
  folder: string,
  options: SnapshotOptions,
): Promise<{ files: number; changed: number; filled: number; skipped: string[] }>;
