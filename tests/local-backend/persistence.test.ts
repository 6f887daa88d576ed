import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { Engine } from "../../local-backend/engine";
import { applyEnv } from "../../local-backend/env";
import { SnapshotWriter, takeSnapshot, type Snapshot } from "../../local-backend/persistence";
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
  engine.onWrite((write) => writer.schedule(write.id));

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
