#!/usr/bin/env node
/**
 * npx live-post-elements export --org <slug> [--out <file>]
 * npx live-post-elements import native <file> --org <slug>
 * npx live-post-elements import disqus|wordpress|remark42|commento <file> --org <slug> [--map <file>]
 * npx live-post-elements snapshot <folder> --site <url>
 *
 * Against any deployment: --site <url> (or LIVE_POST_ELEMENTS_SITE_URL), the site origin that serves the
 * HTTP API; the key of an admin of the organization in LIVE_POST_ELEMENTS_API_KEY (or --key). `snapshot`
 * reads only public snapshots and needs no key.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { snapshotFolder, SnapshotError } from "./snapshot.mjs";
import { SOURCES } from "./sources/index.mjs";
import { CommandError, exportOrganization, importNative, importSource } from "./transfer.mjs";

const USAGE = `Usage:
  live-post-elements export --org <slug> [--out <file>]
  live-post-elements import native <file> --org <slug>
  live-post-elements import disqus|wordpress|remark42|commento <file> --org <slug> [--map <urls.json>]
  live-post-elements snapshot <folder> [--site <url>]   (fills comments and feeds into built HTML)
Options: --site <url> (or LIVE_POST_ELEMENTS_SITE_URL), --key <sk_…> (or LIVE_POST_ELEMENTS_API_KEY)`;

function connection(values) {
  const siteUrl = values.site ?? process.env.LIVE_POST_ELEMENTS_SITE_URL;
  const apiKey = values.key ?? process.env.LIVE_POST_ELEMENTS_API_KEY;
  if (!values.org) throw new UsageError("--org <slug> is required.");
  if (!siteUrl) throw new UsageError("--site <url> or LIVE_POST_ELEMENTS_SITE_URL is required.");
  if (!apiKey) throw new UsageError("LIVE_POST_ELEMENTS_API_KEY or --key <sk_…> is required.");
  return { siteUrl, apiKey, org: values.org };
}

class UsageError extends Error {}

/**
 * `12/340 (3%) · 850/s · ETA 0:01` on one rewritten terminal line; `count` (what the rate counts) and
 * `label` (what stands before the percentage) when progress is measured in something else, as bytes read.
 */
function progressLine(started) {
  if (!process.stderr.isTTY) return () => {};
  return ({ done, total, count = done, label = `${done}/${total}` }) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = count / Math.max(seconds, 0.001);
    const eta = done === 0 ? 0 : Math.round(((total - done) / done) * seconds);
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const clock = `${Math.floor(eta / 60)}:${String(eta % 60).padStart(2, "0")}`;
    process.stderr.write(`\r${label} (${percent}%) · ${Math.round(rate)}/s · ETA ${clock}   `);
    if (done === total) process.stderr.write("\n");
  };
}

const REASONS = { deleted: "deleted", spam: "spam", unapproved: "unapproved", pingback: "pingbacks" };

function printReport(report) {
  const { imported, alreadyPresent, skipped } = report;
  console.log(`Imported: ${imported.posts} posts, ${imported.comments} comments.`);
  console.log(`Already present: ${alreadyPresent.posts} posts, ${alreadyPresent.comments} comments.`);
  const counted = Object.entries(report.counted ?? {}).filter(([, n]) => n > 0);
  const total = skipped.length + counted.reduce((sum, [, n]) => sum + n, 0);
  const reasons = [...counted.map(([reason, n]) => `${n} ${REASONS[reason]}`), ...(skipped.length && counted.length ? [`${skipped.length} malformed`] : [])];
  console.log(`Skipped: ${total}${reasons.length ? ` (${reasons.join(", ")})` : ""}.`);
  for (const entry of skipped) {
    const where = [entry.index === undefined ? null : `#${entry.index}`, entry.line && `line ${entry.line}`, entry.sourceId]
      .filter(Boolean)
      .join(" ");
    console.log(where ? `  ${entry.kind} ${where}: ${entry.reason}` : `  ${entry.kind}: ${entry.reason}`);
  }
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: "string" },
      site: { type: "string" },
      key: { type: "string" },
      out: { type: "string" },
      map: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, format, file] = positionals;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (command === "export" && positionals.length === 1) {
    const document = await exportOrganization(connection(values));
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (values.out) writeFileSync(values.out, json);
    else process.stdout.write(json);
    if (values.out)
      console.error(
        `Exported ${document.posts.length} posts and ${document.comments.length} comments to ${values.out}.`,
      );
    return;
  }
  if (command === "import" && format === "native" && file && positionals.length === 3) {
    const options = connection(values);
    let document;
    try {
      document = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new CommandError(`Expected a live-post-elements export (JSON) in ${file}: ${error.message}`);
    }
    printReport(await importNative({ ...options, document, onProgress: progressLine(Date.now()) }));
    return;
  }
  if (command === "snapshot" && positionals.length === 2) {
    const siteUrl = values.site ?? process.env.LIVE_POST_ELEMENTS_SITE_URL;
    if (!siteUrl) throw new UsageError("--site <url> or LIVE_POST_ELEMENTS_SITE_URL is required.");
    const report = await snapshotFolder(positionals[1], { siteUrl });
    for (const why of report.skipped) console.error(`Skipped ${why}`);
    console.log(`Filled ${report.filled} snapshots in ${report.files} HTML files (${report.changed} changed).`);
    return;
  }
  if (command === "import" && Object.hasOwn(SOURCES, format) && file && positionals.length === 3) {
    const progress = progressLine(Date.now());
    const onProgress = ({ comments, bytes, totalBytes }) =>
      progress({ done: bytes, total: totalBytes, count: comments, label: `${comments} comments` });
    printReport(await importSource({ ...connection(values), format, file, map: values.map, onProgress }));
    return;
  }
  if (command === "import" && format && format !== "native" && !Object.hasOwn(SOURCES, format)) {
    throw new UsageError(
      `Unknown import format "${format}": this version reads native (a live-post-elements export), ${Object.keys(SOURCES).join(", ")}.`,
    );
  }
  throw new UsageError("Unknown command.");
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error instanceof TypeError && error.code?.startsWith("ERR_PARSE_ARGS"))) {
    console.error(`${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof CommandError || error instanceof SnapshotError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
