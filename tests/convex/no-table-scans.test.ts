// @vitest-environment node
/**
 * Every database read must go through an index: a `db.query("table")` chain has to call
 * `withIndex` or `withSearchIndex` before it filters, orders or reads anything.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const INDEXED = new Set(["withIndex", "withSearchIndex"]);
const READS = new Set(["filter", "collect", "first", "unique", "take", "paginate", "order"]);

/** `ctx.db.query(...)` or `db.query(...)`: the start of a query chain. */
function isQueryStart(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const { name, expression: target } = node.expression;
  if (name.text !== "query") return false;
  return (
    (ts.isIdentifier(target) && target.text === "db") ||
    (ts.isPropertyAccessExpression(target) && target.name.text === "db")
  );
}

/** Method names called on the chain, in order, e.g. ["withIndex", "order", "take"]. */
function chainOf(start: ts.CallExpression): string[] {
  const calls: string[] = [];
  let node: ts.Node = start;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) {
    const access = node.parent;
    calls.push(access.name.text);
    node = ts.isCallExpression(access.parent) && access.parent.expression === access ? access.parent : access;
  }
  return calls;
}

/** One message per query chain that reads before choosing an index (or never chooses one). */
function findTableScans(source: string, fileName = "snippet.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const visit = (node: ts.Node) => {
    if (isQueryStart(node)) {
      const calls = chainOf(node);
      const indexAt = calls.findIndex((name) => INDEXED.has(name));
      const readAt = calls.findIndex((name) => READS.has(name));
      if (indexAt === -1 || (readAt !== -1 && readAt < indexAt)) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        problems.push(`${fileName}:${line + 1}: ${node.getText()}${calls.map((c) => `.${c}`).join("")}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

const convexDir = fileURLToPath(new URL("../../convex/", import.meta.url));

function backendFiles(dir = convexDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "_generated" || name === "node_modules" ? [] : backendFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.includes(".test.") ? [path] : [];
  });
}

describe("the checker", () => {
  test.each([
    ['await ctx.db.query("posts").collect();'],
    ['await ctx.db.query("posts").filter((q) => q.eq(q.field("slug"), "a")).first();'],
    ['await ctx.db.query("posts").order("desc").take(10);'],
    ['await ctx.db.query("posts").paginate(opts);'],
    ['await db.query("users").unique();'],
    ['const q = ctx.db.query("posts");\nawait q.withIndex("by_slug").collect();'],
    ['await ctx.db.query("posts").filter((q) => q.eq(q.field("a"), 1)).withIndex("by_a").collect();'],
    ['for await (const post of ctx.db.query("posts")) {}'],
  ])("flags %s", (snippet) => {
    expect(findTableScans(snippet)).toHaveLength(1);
  });

  test.each([
    ['await ctx.db.query("posts").withIndex("by_slug", (q) => q.eq("slug", s)).unique();'],
    ['await ctx.db\n  .query("posts")\n  .withIndex("by_a", (q) => q.eq("a", 1))\n  .order("desc")\n  .paginate(opts);'],
    ['await ctx.db.query("posts").withSearchIndex("search_title", (q) => q.search("title", s)).take(10);'],
    ['for await (const c of ctx.db.query("comments").withIndex("by_postId", (q) => q.eq("postId", id))) {}'],
    ['await ctx.runQuery(internal.posts.listForApi, {});'],
  ])("accepts %s", (snippet) => {
    expect(findTableScans(snippet)).toEqual([]);
  });

  test("reports every bad chain of a file with its line", () => {
    const source = [
      'const a = await ctx.db.query("posts").withIndex("by_a").collect();',
      'const b = await ctx.db.query("posts").collect();',
      'const c = await ctx.db.query("users").first();',
    ].join("\n");
    expect(findTableScans(source, "bad.ts")).toEqual([
      'bad.ts:2: ctx.db.query("posts").collect',
      'bad.ts:3: ctx.db.query("users").first',
    ]);
  });
});

test("no function in convex/ reads a table without an index", () => {
  const files = backendFiles();
  expect(files.map((f) => relative(convexDir, f))).toContain("posts.ts");
  const problems = files.flatMap((path) => findTableScans(readFileSync(path, "utf8"), relative(convexDir, path)));
  expect(problems).toEqual([]);
});
