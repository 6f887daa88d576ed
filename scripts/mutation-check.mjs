/**
 * `npm run mutation-check`: breaks the product's core guarantees on purpose, one at a time, and checks
 * that a named test fails within 60 s for each. Not part of `npm test`.
 *
 * Every mutation is applied to a temporary copy of the tree (the tracked and untracked, not ignored,
 * files of this checkout, with node_modules linked), never to the checkout itself; the copy is
 * deleted at the end. Before each mutation the same test file runs unbroken in the copy, so a failure
 * is the mutation's. Options: `--only <id>` runs one mutation; `--keep` keeps the copy.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const LIMIT_MS = 60_000;

const vitest = (file, name) => ({ cmd: "npx", args: ["vitest", "run", file, "-t", name], file, name });
const browser = (file, name) => ({
  cmd: "node",
  args: ["--import", "tsx", "node_modules/@web/test-runner/dist/bin.js", "--config", "web-test-runner.config.js", "--files", file],
  file,
  name,
});

/** Each: the guarantee, the file and exact text to replace, and the test expected to fail. */
const mutations = [
  {
    id: "idempotent-create",
    guarantee: "a retried comment create (same clientRequestId) writes nothing more",
    file: "convex/comments.ts",
    from: "      if (existing) {\n        if (existing.organizationId !== organization._id) {",
    to: "      if (existing && false) {\n        if (existing.organizationId !== organization._id) {",
    test: vitest("tests/convex/comments.test.ts", "the same clientRequestId twice returns the first comment and writes nothing more"),
  },
  {
    id: "pre-moderation",
    guarantee: "with pre-moderation on, a reader's comment waits for an admin",
    file: "convex/lib/spam.ts",
    from: 'return settings.preModeration ? "pre_moderation" : null;',
    to: "return null;",
    test: vitest("tests/convex/comments.test.ts", "with pre-moderation a comment waits for an admin; only its author sees it meanwhile"),
  },
  {
    id: "ban",
    guarantee: "a banned account's new comments are refused",
    file: "convex/comments.ts",
    from: 'if (ban && !ban.shadow) fail("FORBIDDEN", banMessage(organization, ban));',
    to: "",
    test: vitest("tests/convex/bans.test.ts", "FORBIDDEN with a readable message"),
  },
  {
    id: "blocked-word",
    guarantee: "a comment with a blocked word waits for a moderator",
    file: "convex/lib/spam.ts",
    from: 'if (hasBlockedWord(content, settings.blockedWords ?? [])) return "blocked_word";',
    to: "",
    test: vitest("tests/convex/spam.test.ts", "an exact word in any case or compatibility form holds the comment"),
  },
  {
    id: "spam-check-outage",
    guarantee: "a comment the spam check could not judge (error, timeout) waits in the queue",
    file: "convex/spamCheckNode.ts",
    from: '  return "unavailable";\n}',
    to: '  return "ham";\n}',
    test: vitest("tests/convex/spam-check.test.ts", "an HTTP 500: the comment waits in the queue, marked unchecked"),
  },
  {
    id: "queue-email-batching",
    guarantee: "admins get at most one queue e-mail per queueEmailMinutes",
    file: "convex/lib/queueAlerts.ts",
    from: "  if (alert?.scheduledFor !== undefined) return;\n",
    to: "",
    test: vitest("tests/convex/notifications.test.ts", "batched: at most one e-mail per admin per queueEmailMinutes"),
  },
  {
    id: "cascade-delete",
    guarantee: "deleting a post deletes its comments",
    file: "convex/lib/posts.ts",
    from: "    await ctx.db.delete(comment._id);\n",
    to: "",
    test: vitest("tests/convex/posts.test.ts", "deletes the post's comments, then the post"),
  },
  {
    id: "moderator-authorization",
    guarantee: "only admins of the comment's organization may moderate it",
    file: "convex/comments.ts",
    from: "    await requireOrgAdmin(ctx, comment.organizationId);\n    if (args.action === \"remove\") {",
    to: "    if (args.action === \"remove\") {",
    test: vitest("tests/convex/comments-authorization.test.ts", "moderate: admins of the post's organization only"),
  },
  {
    id: "one-websocket",
    guarantee: "every element on a page shares one WebSocket per deployment",
    file: "src/internal/client-registry.ts",
    from: "  let entry = entries.get(url);\n  if (!entry) {",
    to: "  let entry = entries.get(url);\n  if (true) {",
    test: browser("tests/browser/one-connection.test.ts", "share a single WebSocket to the deployment"),
  },
  {
    id: "markdown-safe-href",
    guarantee: "comment links are http(s) or mailto only (no javascript:)",
    file: "shared/markdown.ts",
    from: "return SAFE_HREF.test(url) ? url : null;",
    to: "return url;",
    test: browser("tests/browser/markdown.test.ts", "shows links with any other scheme as the text that was typed"),
  },
  {
    id: "markdown-unsafe-html",
    guarantee: "comment text is never interpreted as HTML",
    file: "src/markdown/markdown.ts",
    from: "paragraph: (children) => html`<p>${children}</p>`,",
    to: "paragraph: (children) => html`<p>${children.map((c) => (typeof c === \"string\" ? unsafeHTML(c) : c))}</p>`,",
    prepend: 'import { unsafeHTML } from "lit/directives/unsafe-html.js";\n',
    test: browser("tests/browser/markdown.test.ts", "renders HTML in comments as text and runs nothing"),
  },
  {
    id: "snapshot-escape",
    guarantee: "comment text in a server snapshot is never markup",
    file: "convex/lib/snapshotMarkup.ts",
    from: "(typeof child === \"string\" ? escapeXml(child) : child.html)",
    to: "(typeof child === \"string\" ? child : child.html)",
    test: vitest("tests/convex/snapshots.test.ts", "hostile text is inert: no script, no handler, no javascript: link survives, in markup or JSON-LD"),
  },
  {
    id: "markdown-quadratic",
    guarantee: "rendering stays linear in the input",
    file: "shared/markdown.ts",
    from: "    const start = m.index;\n",
    // Rescans the text before every match: quadratic in the number of matches.
    to: "    const start = m.index;\n    if (text.slice(0, start).split(\"\").reverse().join(\"\").length < 0) continue;\n",
    test: browser("tests/browser/markdown.test.ts", "renders long and pathological input in linear time"),
  },
  {
    id: "pinned-once",
    guarantee: "a pinned comment shows once: on top, not again in its order",
    file: "convex/lib/threadOrder.ts",
    from: '.eq("status", "visible").eq("pinnedAt", undefined),\n    )\n    .order(sort',
    to: '.eq("status", "visible"),\n    )\n    .order(sort',
    test: vitest("tests/convex/thread-order.test.ts", "the pages together are the whole thread"),
  },
  {
    id: "pin-limit",
    guarantee: "a post has at most three pinned comments",
    file: "convex/pins.ts",
    from: "length >= MAX_PINNED",
    to: "length > MAX_PINNED",
    test: vitest("tests/convex/pins.test.ts", "at most three per post"),
  },
  {
    id: "unpin-on-removal",
    guarantee: "a comment readers no longer see loses its pin",
    file: "convex/lib/comments.ts",
    from: 'status === "visible" ? { status } : { status, pinnedAt: undefined }',
    to: "{ status }",
    test: vitest("tests/convex/pins.test.ts", "removing, holding or deleting a pinned comment unpins it"),
  },
  {
    id: "top-order",
    guarantee: "top puts the most reactions first",
    file: "convex/lib/threadOrder.ts",
    from: '.eq("pinnedAt", undefined),\n      )\n      .order("desc");',
    to: '.eq("pinnedAt", undefined),\n      )\n      .order("asc");',
    test: vitest("tests/convex/thread-order.test.ts", "top: most reactions first"),
  },
  {
    id: "reaction-toggle-idempotent",
    guarantee: "giving a reaction already given (or taking back one not given) changes no count",
    file: "convex/reactions.ts",
    from: "    if (args.on === (existing !== null)) return null;",
    to: "    if (args.on && existing) return null;",
    test: vitest("tests/convex/reactions.test.ts", "toggles one reaction of each kind per reader, idempotently, on a comment and on the post"),
  },
  {
    id: "reaction-score-throttle",
    guarantee: "a burst of reactions rewrites the comment's reactionScore once a second at most",
    file: "convex/reactions.ts",
    from: "  if (due) return;",
    to: "  if (due && false) return;",
    test: vitest("tests/convex/reactions.test.ts", "is copied once per second at most, however many reactions arrive meanwhile"),
  },
];

function copyTree() {
  const dir = mkdtempSync(join(tmpdir(), "lp-mutation-"));
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    const target = join(dir, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      cpSync(join(root, file), target);
    } catch (err) {
      if (err.code !== "ENOENT") throw err; // deleted in the checkout but not yet in the index
    }
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs a test command in `dir`; resolves with its exit code, output and time (killed after the limit). */
function runTest(dir, test, limit) {
  return new Promise((resolve) => {
    const started = Date.now();
    const env = { ...process.env, WTR_PORT: String(20_000 + Math.floor(Math.random() * 20_000)), FORCE_COLOR: "0", NO_COLOR: "1" };
    delete env.CI; // no CI-only behaviour needed; keeps the output plain
    const child = spawn(test.cmd, test.args, { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, limit);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started, timedOut });
    });
  });
}

/** Whether `output` reports the test called `name` as failed (vitest: "FAIL … > name", mocha: "❌ … > name"). */
function failedByName(output, name) {
  return output
    .split("\n")
    .some((line) => (line.includes("FAIL") || line.includes("❌") || line.includes("×")) && line.includes(name));
}

const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
const keep = process.argv.includes("--keep");
const selected = mutations.filter((m) => !only || m.id === only);
if (selected.length === 0) {
  console.error(`No mutation "${only}". Known: ${mutations.map((m) => m.id).join(", ")}`);
  process.exit(2);
}

const dir = copyTree();
console.log(`Mutating a copy of the tree in ${dir}\n`);
const results = [];
try {
  for (const m of selected) {
    const path = join(dir, m.file);
    const original = readFileSync(path, "utf8");
    if (!original.includes(m.from)) {
      results.push({ ...m, caught: false, note: `the text to break is no longer in ${m.file}; update the mutation` });
      console.log(`✖ ${m.id}: ${results.at(-1).note}`);
      continue;
    }
    const baseline = await runTest(dir, m.test, 3 * LIMIT_MS);
    if (baseline.code !== 0) {
      results.push({ ...m, caught: false, note: `${m.test.file} fails without the mutation (exit ${baseline.code})` });
      console.log(`✖ ${m.id}: ${results.at(-1).note}\n${baseline.output.slice(-2000)}`);
      continue;
    }
    writeFileSync(path, (m.prepend ?? "") + original.replace(m.from, m.to));
    let run;
    try {
      run = await runTest(dir, m.test, LIMIT_MS + 30_000);
    } finally {
      writeFileSync(path, original);
    }
    const named = failedByName(run.output, m.test.name);
    const caught = run.code !== 0 && !run.timedOut && named && run.ms <= LIMIT_MS;
    const note = run.timedOut
      ? "timed out"
      : run.code === 0
        ? "every test passed: NOT caught"
        : named
          ? `failed "${m.test.name}" in ${(run.ms / 1000).toFixed(1)} s`
          : `the run failed (exit ${run.code}) but not in "${m.test.name}"`;
    results.push({ ...m, caught, ms: run.ms, note });
    console.log(`${caught ? "✔" : "✖"} ${m.id} (${m.guarantee}): ${note}`);
    if (!caught) console.log(run.output.slice(-3000));
  }
} finally {
  if (keep) console.log(`\nKept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

console.log("\nMutation | caught | test | time");
for (const r of results) {
  console.log(`${r.id} | ${r.caught ? "yes" : "NO"} | ${r.test.file} › ${r.test.name} | ${r.ms ? `${(r.ms / 1000).toFixed(1)} s` : "-"}`);
}
const missed = results.filter((r) => !r.caught);
console.log(missed.length ? `\n${missed.length} of ${results.length} mutations NOT caught.` : `\nAll ${results.length} mutations caught.`);
process.exit(missed.length ? 1 : 0);
