/** Types for ensure.mjs, which Node runs without a build step. */
export declare const CHROMIUM: string;
export declare const CHROMIUM_ARGS: string[];
export declare function run(cmd: string, args: string[], opts?: object): number;
export declare function ensureDependencies(): void;
export declare function ensureChromium(): string;
