/**
 * First start with an empty data directory: the demo data from the internal mutation `seed.demo`
 * (which creates every seeded person as a Better Auth user), plus a password for each seeded
 * administrator, so signing in as them works.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "better-auth/crypto";
import { makeFunctionReference } from "convex/server";
import { components } from "../convex/_generated/api";
import type { Engine } from "./engine";
import { convexDir } from "./modules";

export const DEMO_PASSWORD = "demo-password";
const ACCOUNTS_FILE = "accounts.json";

export type DemoAccount = { email: string; password: string };

/** Gives the Better Auth user `authId` an email-and-password sign-in, as sign-up would. */
async function setPassword(engine: Engine, authId: string): Promise<void> {
  const now = Date.now();
  const password = await hashPassword(DEMO_PASSWORD);
  await engine.t.run(async (ctx: any) =>
    ctx.runMutation(components.betterAuth.adapter.create, {
      input: {
        model: "account",
        data: { accountId: authId, providerId: "credential", userId: authId, password, createdAt: now, updatedAt: now },
      },
    }),
  );
}

export async function seedDemo(engine: Engine, dataDir: string, log: (line: string) => void): Promise<DemoAccount[]> {
  if (!existsSync(join(convexDir, "seed.ts"))) {
    log("convex/seed.ts does not exist yet: starting without demo data");
    return [];
  }
  await engine.t.mutation(makeFunctionReference<"mutation">("seed:demo"), {});
  const admins: { authId: string; email: string }[] = await engine.t.run(async (ctx: any) =>
    (await ctx.db.query("users").collect()).filter((user: any) => user.role === "admin" && user.email),
  );
  const accounts: DemoAccount[] = [];
  for (const admin of admins) {
    await setPassword(engine, admin.authId);
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
