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

test("a function scheduled by a client's call runs on its own time budget, not on what its scheduler left", async () => {
  const dataDir = tempDataDir();
  applyEnv({ dataDir, url: "http://127.0.0.1:3210", siteUrl: "http://127.0.0.1:3211" });
  const { engine } = await observedEngine();
  await seedDemo(engine, dataDir, () => {});
  const { authId, commentId } = await engine.t.run(async (ctx: any) => {
    const user = await ctx.db.query("users").withIndex("by_email", (q: any) => q.eq("email", "dana@example.test")).unique();
    const comment = await ctx.db.query("comments").withIndex("by_authorId", (q: any) => q.eq("authorId", user._id)).first();
    return { authId: user.authId, commentId: comment._id };
  });
  const identity = { subject: authId, issuer: "http://127.0.0.1:3211", tokenIdentifier: `http://127.0.0.1:3211|${authId}` };
  // reactions.set schedules syncScore a second later, which the scheduler's 1 s budget would have timed out.
  const set = await engine.call("mutation", "reactions:set", { targetId: commentId, kind: "eyes", on: true }, identity);
  expect(set).toEqual({ success: true, value: null });
  const score = () => engine.t.run(async (ctx: any) => (await ctx.db.get(commentId)).reactionScore);
  const before: number | undefined = await score();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await score()).toBe((before ?? 0) + 1);
});
