/** The analyzer's programmatic entry (it ships no types for it). */
declare module "@custom-elements-manifest/analyzer/cli.js" {
  export function cli(options: { argv: string[]; cwd: string; noWrite: boolean }): Promise<unknown>;
}
