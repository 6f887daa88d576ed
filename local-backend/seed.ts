/**
 * First start with an empty data directory: the demo data from the internal mutation `seed.demo`,
 * plus a real Better Auth account (email + password) for each seeded administrator, linked to the
 * seeded `users` row so signing in as them works.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeFunctionReference } from "convex/server";
import type { Engine } from "./engine";
import { convexDir } from "./modules";

export const DEMO_PASSWORD = "demo-password";
const ACCOUNTS_FILE = "accounts.json";

export type DemoAccount = { email: string; password: string };

/** A seeded row waits for its account: `seed:<name>` or `invited:<email>`. */
const PLACEHOLDER = /^(seed|invited):/;

async function signUp(engine: Engine, email: string, name: string): Promise<string> {
  const res = await engine.t.fetch("/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: process.env.SITE_URL!, "better-auth-cookie": "" },
    body: JSON.stringify({ email, name, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`Sign-up of ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { user: { id: string } }).user.id;
}

export async function seedDemo(engine: Engine, dataDir: string, log: (line: string) => void): Promise<DemoAccount[]> {
  if (!existsSync(join(convexDir, "seed.ts"))) {
    log("convex/seed.ts does not exist yet: starting without demo data");
    return [];
  }
  await engine.t.mutation(makeFunctionReference<"mutation">("seed:demo"), {});
  const admins: { _id: string; email: string; name: string }[] = await engine.t.run(async (ctx: any) =>
    (await ctx.db.query("users").collect()).filter(
      (user: any) => user.role === "admin" && PLACEHOLDER.test(user.authId) && user.email,
    ),
  );
  const accounts: DemoAccount[] = [];
  for (const admin of admins) {
    const authId = await signUp(engine, admin.email, admin.name);
    await engine.t.run(async (ctx: any) => ctx.db.patch(admin._id, { authId }));
    accounts.push({ email: admin.email, password: DEMO_PASSWORD });
  }
  writeFileSync(join(dataDir, ACCOUNTS_FILE), JSON.stringify(accounts, null, 2));
  log(`seeded the demo data${accounts.length ? ` and ${accounts.length} admin account(s)` : ""}`);
  return accounts;
}

/** The demo accounts made when this data directory was seeded. */
export function demoAccounts(dataDir: string): DemoAccount[] {
  const file = join(dataDir, ACCOUNTS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoAccount[]) : [];
}
