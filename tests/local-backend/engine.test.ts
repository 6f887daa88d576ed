import { expect, test } from "vitest";
import { Engine } from "../../local-backend/engine";
import { applyEnv } from "../../local-backend/env";
import type { Write } from "../../local-backend/read-sets";
import { seedDemo } from "../../local-backend/seed";
import { tempDataDir } from "./helpers";

/** An engine and everything it reported: its writes and its subscription queries' executions. */
async function observedEngine() {
  const engine = await Engine.create();
  const writes: Write[] = [];
  const executions: string[] = [];
  engine.onWrite((write) => writes.push(write));
  engine.onQueryExecuted((udfPath) => executions.push(udfPath));
  return { engine, writes, executions };
}

test("two engines in one process share no state: data, writes, executions", async () => {
  const dataDir = tempDataDir();
  applyEnv({ dataDir, url: "http://127.0.0.1:3210", siteUrl: "http://127.0.0.1:3211" });
  const a = await observedEngine();
  const b = await observedEngine();

  await seedDemo(a.engine, dataDir, () => {});
  expect(a.writes.length).toBeGreaterThan(0);
  expect(b.writes).toEqual([]);

  const slug: string = await a.engine.t.run(async (ctx: any) => (await ctx.db.query("organizations").first()).slug);
  const inA = await a.engine.trackedQuery("organizations:getBySlug", { slug }, null);
  const inB = await b.engine.trackedQuery("organizations:getBySlug", { slug }, null);
  expect(await inA.outcome).toMatchObject({ success: true, value: { slug } });
  expect(await inB.outcome).toEqual({ success: true, value: null });
  expect(a.executions).toEqual(["organizations:getBySlug"]);
  expect(b.executions).toEqual(["organizations:getBySlug"]);

  // B's writes reach B's listeners and the read set of B's query only.
  const writesInA = a.writes.length;
  await seedDemo(b.engine, dataDir, () => {});
  expect(a.writes).toHaveLength(writesInA);
  expect(b.writes.length).toBeGreaterThan(0);
  expect(b.writes.some((write) => inB.reads.affectedBy(write))).toBe(true);
  expect(await a.engine.call("query", "organizations:getBySlug", { slug }, null)).toEqual(await inA.outcome);
});
