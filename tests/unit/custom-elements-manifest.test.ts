// @vitest-environment node
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli } from "@custom-elements-manifest/analyzer/cli.js";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "../..");
const committed = JSON.parse(readFileSync(join(root, "custom-elements.json"), "utf8"));

type Declaration = {
  tagName?: string;
  attributes?: { name: string }[];
  cssParts?: { name: string }[];
  events?: { name: string }[];
};

test("custom-elements.json matches the elements' source (run `npm run analyze` to update it)", async () => {
  const fresh = await cli({
    argv: ["analyze", "--config", "custom-elements-manifest.config.mjs", "--quiet"],
    cwd: root,
    noWrite: true,
  });
  expect(committed).toEqual(JSON.parse(JSON.stringify(fresh)));
}, 30_000);

test("the manifest documents each element's tag, attributes, parts and events", () => {
  const elements = new Map<string, Declaration>(
    committed.modules.flatMap((m: { declarations?: Declaration[] }) =>
      (m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d]),
    ),
  );
  expect([...elements.keys()].sort()).toEqual(["org-post-list", "post-comment-count", "post-comments", "post-search"]);
  const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name);

  const feed = elements.get("org-post-list")!;
  expect(names(feed.attributes)).toEqual(
    expect.arrayContaining(["deployment", "org", "href-template", "page-size", "infinite", "theme", "lang"]),
  );
  expect(names(feed.cssParts)).toEqual(
    expect.arrayContaining([
      "base", "list", "post", "post-title", "post-link", "post-excerpt", "post-meta", "post-author",
      "post-date", "comment-count", "load-more-button", "empty", "error", "skeleton",
    ]),
  );
  expect(names(feed.events)).toContain("lp-post-select");

  const search = elements.get("post-search")!;
  expect(names(search.attributes)).toEqual(
    expect.arrayContaining(["deployment", "org", "href-template", "author", "placeholder", "debounce", "theme", "lang"]),
  );
  expect(names(search.cssParts)).toEqual(
    expect.arrayContaining([
      "base", "input", "listbox", "result", "result-title", "result-excerpt", "mark", "no-results", "author-filter",
    ]),
  );
  expect(names(search.events)).toContain("lp-post-select");

  const count = elements.get("post-comment-count")!;
  expect(names(count.attributes)).toEqual(expect.arrayContaining(["deployment", "org", "post", "theme", "lang"]));
  expect(names(count.cssParts)).toEqual(
    expect.arrayContaining(["base", "count", "empty", "skeleton", "error", "retry-button"]),
  );
  expect(names(count.events)).toContain("lp-error");
});
