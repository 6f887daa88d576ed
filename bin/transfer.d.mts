/** Types for transfer.mjs, which Node runs without a build step. */
import type { NativeExport } from "../convex/nativeFormat";

export declare const BATCH: number;
export declare class CommandError extends Error {}

export type ConnectionOptions = {
  /** The deployment's site origin, e.g. https://happy-otter-123.convex.site. */
  siteUrl: string;
  apiKey: string;
  /** The organization the key must belong to. */
  org: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
};

export type ImportReport = {
  imported: { posts: number; comments: number };
  alreadyPresent: { posts: number; comments: number };
  skipped: { kind: "post" | "comment"; index?: number; sourceId?: string; reason: string }[];
};

export declare function exportOrganization(options: ConnectionOptions): Promise<NativeExport>;
export declare function importNative(
  options: ConnectionOptions & {
    document: unknown;
    onProgress?: (progress: { done: number; total: number }) => void;
    /** Entries per request (default `BATCH`). */
    batchSize?: number;
  },
): Promise<ImportReport>;

export type SourceFormat = "disqus" | "wordpress" | "remark42" | "commento";

export type SourceImportReport = ImportReport & {
  skipped: { kind: "post" | "comment" | "file"; sourceId?: string; line?: number; reason: string }[];
  /** Comments left out by what they were in the source. */
  counted: { deleted: number; spam: number; unapproved: number; pingback: number };
};

export declare function importSource(
  options: ConnectionOptions & {
    format: SourceFormat;
    /** The export file, read as a stream. */
    file: string;
    /** A JSON object of old URL (or path) → slug (or new URL). */
    map?: string;
    onProgress?: (progress: { comments: number; bytes: number; totalBytes: number }) => void;
    /** Entries per request (default `BATCH`). */
    batchSize?: number;
  },
): Promise<SourceImportReport>;
