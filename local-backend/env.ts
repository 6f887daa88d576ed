/**
 * The deployment's environment variables, set on process.env before any convex/ module loads
 * (Better Auth reads them at load). Precedence: defaults < .env.local < the process's own
 * environment < `overrides`. CONVEX_SITE_URL and CONVEX_CLOUD_URL name this backend, as a
 * deployment's do.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./modules";

/** KEY=VALUE lines; `#` comments, blank lines, `export ` prefixes and surrounding quotes allowed. */
export function parseDotEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith("#")) continue;
    vars[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return vars;
}

/** A Better Auth secret made once per data directory, so sessions survive restarts. */
function betterAuthSecret(dataDir: string): string {
  const file = join(dataDir, "better-auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

export function applyEnv(opts: {
  dataDir: string;
  url: string;
  siteUrl: string;
  overrides?: Record<string, string>;
}): void {
  const dotEnvFile = join(projectRoot, ".env.local");
  const fromFile = existsSync(dotEnvFile) ? parseDotEnv(readFileSync(dotEnvFile, "utf8")) : {};
  const defaults = { SITE_URL: "http://localhost:5173", BETTER_AUTH_SECRET: betterAuthSecret(opts.dataDir) };
  for (const [key, value] of Object.entries({ ...defaults, ...fromFile })) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
  Object.assign(process.env, {
    CONVEX_SITE_URL: opts.siteUrl,
    CONVEX_CLOUD_URL: opts.url,
    ...opts.overrides,
  });
}
