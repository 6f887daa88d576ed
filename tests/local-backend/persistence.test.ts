import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { Engine } from "../../local-backend/engine";
import { applyEnv } from "../../local-backend/env";
import { internal } from "../../convex/_generated/api";
import { DurableStore, recover, restoreSnapshot, SnapshotWriter, takeSnapshot, type Snapshot } from "../../local-backend/persistence";
import { seedDemo } from "../../local-backend/seed";
import { tempDataDir } from "./helpers";

/** Documents in id order, so two snapshots of the same data compare equal. */
function normalized(snapshot: Snapshot) {
  return Object.fromEntries(
    Object.entries(snapshot.components).map(([path, { documents, scheduled }]) => [
      path,
      { documents: [...documents].sort((a: any, b: any) => a._id.localeCompare(b._id)), scheduled },
    ]),
  );
}

test("the snapshot file, kept up to date from the writes, equals a full snapshot of the data", async () => {
  const dataDir = tempDataDir();
  applyEnv({ dataDir, url: "http://127.0.0.1:3210", siteUrl: "http://127.0.0.1:3211" });
  const engine = await Engine.create();
  const writer = new SnapshotWriter(engine, dataDir, null);

  // App and Better Auth writes, then a patch, a delete and a scheduled function.
  await seedDemo(engine, dataDir, () => {});
  await writer.flush();
  await engine.t.run(async (ctx: any) => {
    const [first, second] = await ctx.db.query("comments").take(2);
    await ctx.db.patch(first._id, { content: "Edited" });
    await ctx.db.delete(second._id);
  });
  await engine.t.run(async (ctx: any) => {
    const user = await ctx.db.query("users").first();
    await ctx.scheduler.runAfter(60_000, "accounts:anonymizeCommentsBatch" as any, { userId: user._id });
  });
  await writer.flush();

  const written = JSON.parse(readFileSync(join(dataDir, "snapshot.json"), "utf8")) as Snapshot;
  const full = await takeSnapshot(engine);
  expect(full.components[""]!.scheduled).toHaveLength(1);
  expect(full.components.betterAuth!.documents.length).toBeGreaterThan(0);
  expect(normalized(written)).toEqual(normalized(full));
});

test("after a crash the log alone holds the documents, the email outbox, pending scheduled functions and the id counters", async () => {
  const dataDir = tempDataDir();
  applyEnv({ dataDir, url: "http://127.0.0.1:3210", siteUrl: "http://127.0.0.1:3211" });
  const engine = await Engine.create();
  let ts = 5n;
  const store = await DurableStore.open(engine, dataDir, () => ts, null);
  await seedDemo(engine, dataDir, () => {});
  const commentId = await engine.t.run(async (ctx: any) => (await ctx.db.query("comments").first())._id);
  await engine.t.mutation(internal.notifications.recordDelivery, { commentId, to: "a@example.com", reason: "post_author", status: "skipped", error: "no key" });
  await engine.t.run(async (ctx: any) => {
    const user = await ctx.db.query("users").first();
    await ctx.scheduler.runAfter(60_000, "accounts:anonymizeCommentsBatch" as any, { userId: user._id });
  });
  // The last id handed out goes to a document deleted again: it must not be handed out after the restart.
  const deleted: string = await engine.t.run(async (ctx: any) => {
    const { _id, _creationTime, ...fields } = await ctx.db.get(commentId);
    const id = await ctx.db.insert("comments", fields);
    await ctx.db.delete(id);
    return id;
  });
  ts = 42n;
  await store.commit();
  // No close, no compaction: what is on disk is what a SIGKILL leaves.
  const recovered = recover(dataDir, () => {})!;
  expect(recovered.ts).toBe("42");
  const app = recovered.components[""]!;
  expect(app.scheduled).toHaveLength(1);
  expect(app.scheduled[0]!.name).toContain("anonymizeCommentsBatch");
  expect(app.documents.some((doc: any) => doc.to === "a@example.com" && doc.commentId === commentId)).toBe(true);
  // Components nothing was written to have no record.
  const nonEmpty = (snapshot: Snapshot) =>
    Object.fromEntries(Object.entries(normalized(snapshot)).filter(([, c]) => c.documents.length + c.scheduled.length > 0));
  expect(nonEmpty(recovered)).toEqual(nonEmpty(await takeSnapshot(engine)));
  expect(app.documents.some((doc: any) => doc._id === deleted)).toBe(false);
  expect(app.maxCounter).toBe(Number(/^\d+/.exec(deleted)![0]));

  // Restored into a new engine, the next id comes after the deleted one.
  const again = await Engine.create();
  await restoreSnapshot(again, recovered);
  const next: string = await again.t.run(async (ctx: any) => {
    const { _id, _creationTime, ...fields } = await ctx.db.get(commentId);
    return ctx.db.insert("comments", fields);
  });
  expect(Number(/^\d+/.exec(next)![0])).toBeGreaterThan(Number(/^\d+/.exec(deleted)![0]));
});
