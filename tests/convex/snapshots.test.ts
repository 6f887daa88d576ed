/**
 * The snapshot endpoints, read as a browser or a crawler would: through the site routes, the fragment
 * parsed by an HTML parser (parse5, the WHATWG algorithm), the JSON-LD parsed and checked against the
 * schema.org types it uses.
 */
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { schemaOrgProblems } from "../../support/schema-org";
import { ACME_THREAD, addComment, insertOrganization, insertPost } from "./fixtures";
import { newBackend, type Backend } from "./setup";

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["node"];

function elements(node: Node): Element[] {
  const children = "childNodes" in node ? node.childNodes : [];
  const own = "tagName" in node ? [node as Element] : [];
  const inner = "content" in node ? elements((node as DefaultTreeAdapterMap["template"]).content) : [];
  return [...own, ...inner, ...children.flatMap(elements)];
}
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const textOf = (node: Node): string =>
  "value" in node && node.nodeName === "#text" ? (node as { value: string }).value : "childNodes" in node ? node.childNodes.map(textOf).join("") : "";

function parse(html: string) {
  const all = elements(parseFragment(html));
  const ld = all.filter((el) => el.tagName === "script" && attr(el, "type") === "application/ld+json");
  return { all, ld: ld.map((el) => JSON.parse(textOf(el)) as Record<string, unknown>) };
}

async function acme(t: Backend) {
  const org = await insertOrganization(t, "acme", { allowGuestComments: true });
  const setCount = (postId: Id<"posts">, commentCount: number) => t.run((ctx) => ctx.db.patch(postId, { commentCount }));
  return { ...org, setCount };
}

const get = (t: Backend, path: string, headers: Record<string, string> = {}) => t.fetch(path, { headers });

test("a thread's snapshot: semantic markup, replies nested, ids for each comment, JSON-LD with the count", async () => {
  const t = newBackend();
  const { postId, setCount } = await acme(t);
  const first = await addComment(t, postId, { content: "First **bold** and a [link](https://example.com)", status: "visible", authorName: "Ada", createdAt: Date.UTC(2026, 0, 2) });
  const reply = await addComment(t, postId, { content: "A reply", status: "visible", authorName: "Bob", parentId: first });
  await setCount(postId, 2);

  const response = await get(t, "/snapshots/comments?org=acme&post=hello-world", { Origin: "https://blog.example" });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
  expect(response.headers.get("access-control-allow-origin")).toMatch(/^(\*|https:\/\/blog\.example)$/);
  const html = await response.text();
  const { all, ld } = parse(html);

  const top = all.find((el) => attr(el, "id") === `comment-${first}`)!;
  expect(top.tagName).toBe("li");
  const article = elements(top).find((el) => el.tagName === "article")!;
  expect(attr(article, "aria-label")).toBe("Comment by Ada");
  const time = elements(article).find((el) => el.tagName === "time")!;
  expect(attr(time, "datetime")).toBe("2026-01-02T00:00:00.000Z");
  expect(elements(article).some((el) => el.tagName === "strong" && textOf(el) === "bold")).toBe(true);
  const link = elements(article).find((el) => el.tagName === "a")!;
  expect(attr(link, "href")).toBe("https://example.com");
  expect(attr(link, "rel")).toBe("nofollow ugc noopener");
  // The reply sits inside its parent's item.
  expect(elements(top).find((el) => attr(el, "id") === `comment-${reply}`)).toBeDefined();

  expect(ld).toHaveLength(1);
  const posting = ld[0]!;
  expect(posting["@context"]).toBe("https://schema.org");
  expect(posting).toMatchObject({
    "@type": "DiscussionForumPosting",
    headline: "Title of hello-world",
    commentCount: 2,
    comment: [{ "@type": "Comment", "@id": `#comment-${first}`, author: { name: "Ada" }, comment: [{ "@id": `#comment-${reply}`, text: "A reply" }] }],
  });
  expect(schemaOrgProblems(posting)).toEqual([]);
  // The check itself refuses what schema.org does not define.
  expect(schemaOrgProblems({ ...posting, commentCount: "2", upvotes: 1 })).toHaveLength(2);
});

test("drafts, pending and removed comments never appear; a deleted comment with replies is a tombstone", async () => {
  const t = newBackend();
  const { organizationId, owner, postId } = await acme(t);
  await addComment(t, postId, { content: "Held for a moderator", status: "pending" });
  await addComment(t, postId, { content: "Removed by a moderator", status: "removed" });
  const gone = await addComment(t, postId, { content: "", authorName: "", status: "visible", deletedAt: Date.now() });
  await addComment(t, postId, { content: "Still here", status: "visible", parentId: gone });
  const html = await (await get(t, "/snapshots/comments?org=acme&post=hello-world")).text();
  expect(html).not.toContain("Held for a moderator");
  expect(html).not.toContain("Removed by a moderator");
  expect(html).toContain("Still here");
  expect(html).toContain("Comment deleted");
  expect(schemaOrgProblems(parse(html).ld[0]!)).toEqual([]);

  await insertPost(t, organizationId, owner, "draft-post", "draft");
  expect((await get(t, "/snapshots/comments?org=acme&post=draft-post")).status).toBe(404);
  const feed = await (await get(t, "/snapshots/posts?org=acme")).text();
  expect(feed).not.toContain("draft-post");
  expect(feed).not.toContain("secret-draft");
});

const HOSTILE = [
  `<script>window.__pwned = 1</script>`,
  `<img src=x onerror="window.__pwned = 1">`,
  `[click](javascript:alert(1))`,
  `[data](data:text/html,<script>alert(1)</script>)`,
  `</script><script>alert(1)</script>`,
  `<!-- </div> --> "quoted" 'single' & more`,
  "```\n</code></pre><script>alert(1)</script>\n```",
  `<svg onload=alert(1)>`,
].join("\n\n");

test("hostile text is inert: no script, no handler, no javascript: link survives, in markup or JSON-LD", async () => {
  const t = newBackend();
  const { postId, setCount } = await acme(t);
  await t.run((ctx) => ctx.db.patch(postId, { title: `</script><script>alert("title")</script>` }));
  await addComment(t, postId, { content: HOSTILE, status: "visible", authorName: `<b onclick="x()">Mallory</b>` });
  await setCount(postId, 1);
  const html = await (await get(t, "/snapshots/comments?org=acme&post=hello-world")).text();
  const { all, ld } = parse(html);
  const scripts = all.filter((el) => el.tagName === "script");
  expect(scripts.map((el) => attr(el, "type"))).toEqual(["application/ld+json"]);
  for (const el of all) {
    for (const { name, value } of el.attrs) {
      expect(name, `<${el.tagName} ${name}>`).not.toMatch(/^on/i);
      if (name === "href" || name === "src") expect(value).toMatch(/^(https?:|mailto:|#)/);
    }
    expect(["img", "svg", "iframe", "object", "embed", "b", "style"]).not.toContain(el.tagName);
  }
  // The JSON-LD holds the text as written, and it survived the trip through the script element whole.
  expect(ld[0]).toMatchObject({ headline: `</script><script>alert("title")</script>`, comment: [{ text: HOSTILE }] });
  // The words are there, as text.
  expect(all.some((el) => textOf(el).includes("<script>window.__pwned = 1</script>"))).toBe(true);
});

test("the feed's snapshot: crawlable links with titles and excerpts, an ItemList, links only http(s) or relative", async () => {
  const t = newBackend();
  const { organizationId, owner } = await acme(t);
  await insertPost(t, organizationId, owner, "second-post", "published");
  const response = await get(t, `/snapshots/posts?org=acme&href=${encodeURIComponent("/blog/{slug}.html")}&level=2`);
  expect(response.status).toBe(200);
  const { all, ld } = parse(await response.text());
  const links = all.filter((el) => attr(el, "part") === "post-link");
  expect(links.map((el) => attr(el, "href")).sort()).toEqual(["/blog/hello-world.html", "/blog/second-post.html"]);
  expect(links.map(textOf).sort()).toEqual(["Title of hello-world", "Title of second-post"]);
  expect(all.filter((el) => attr(el, "part") === "post-excerpt").map(textOf)).toEqual(["Body", "Body"]);
  expect(all.filter((el) => attr(el, "role") === "heading").map((el) => attr(el, "aria-level"))).toEqual(["2", "2"]);
  expect(ld[0]).toMatchObject({ "@type": "ItemList", itemListElement: [{ position: 1 }, { position: 2 }] });
  expect(schemaOrgProblems(ld[0]!)).toEqual([]);

  const unsafe = await (await get(t, `/snapshots/posts?org=acme&href=${encodeURIComponent("javascript:alert('{slug}')")}`)).text();
  expect(unsafe).not.toContain("javascript:");
});

test("a matching ETag gets 304 with no body; a change gets a new ETag", async () => {
  const t = newBackend();
  const { postId } = await acme(t);
  const path = "/snapshots/comments?org=acme&post=hello-world";
  const first = await get(t, path);
  const etag = first.headers.get("etag")!;
  expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  const again = await get(t, path, { "If-None-Match": etag });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
  expect(again.headers.get("cache-control")).toMatch(/stale-while-revalidate/);

  const removed = await addComment(t, postId, { content: "Soon removed", status: "visible" });
  const changed = await get(t, path, { "If-None-Match": etag });
  expect(changed.status).toBe(200);
  const etag2 = changed.headers.get("etag")!;
  // A removal moves no date, but the ETag sees it.
  await t.run((ctx) => ctx.db.patch(removed, { status: "removed" }));
  const afterRemoval = await get(t, path, { "If-None-Match": etag2 });
  expect(afterRemoval.status).toBe(200);
  expect(await afterRemoval.text()).not.toContain("Soon removed");

  const feed = await get(t, "/snapshots/posts?org=acme");
  expect((await get(t, "/snapshots/posts?org=acme", { "If-None-Match": feed.headers.get("etag")! })).status).toBe(304);
});

test("an unknown organization or post is 404 with an empty, valid fragment", async () => {
  const t = newBackend();
  await acme(t);
  for (const path of ["/snapshots/comments?org=nobody&post=hello-world", "/snapshots/comments?org=acme&post=no-such-post", "/snapshots/posts?org=nobody"]) {
    const response = await get(t, path);
    expect(response.status, path).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const { all } = parse(await response.text());
    expect(all).toHaveLength(1);
    expect(attr(all[0]!, "data-lp-snapshot")).toMatch(/^(comments|posts)$/);
    expect(all[0]!.childNodes).toEqual([]);
  }
});

test("lang: the elements' own words and the language's date format; an unknown language is English", async () => {
  const t = newBackend();
  const { postId, setCount } = await acme(t);
  const parent = await addComment(t, postId, { content: "Hallo", status: "visible", authorName: "Ada", createdAt: Date.UTC(2026, 0, 2), editedAt: Date.UTC(2026, 0, 3) });
  await addComment(t, postId, { content: "", authorName: "", status: "visible", deletedAt: Date.now(), parentId: parent });
  await setCount(postId, 1234);
  const html = await (await get(t, "/snapshots/comments?org=acme&post=hello-world&lang=de-CH")).text();
  const { all } = parse(html);
  expect(attr(all[0]!, "lang")).toBe("de");
  expect(html).toContain(">1.234 Kommentare</h2>");
  expect(html).toContain('aria-label="Kommentar von Ada"');
  expect(html).toContain("(bearbeitet)");
  expect(html).toContain(">02.01.2026</time>");
  expect(html).toContain("Kommentar gelöscht");
  const feed = await (await get(t, "/snapshots/posts?org=acme&lang=fr")).text();
  // French groups digits with a narrow no-break space.
  expect(feed).toContain(">1\u202f234 commentaires</span>");
  const english = await (await get(t, "/snapshots/comments?org=acme&post=hello-world&lang=tlh")).text();
  expect(english).toContain("1,234 comments");
  expect(english).toContain(">Jan 2, 2026</time>");
});

test("oversized or malformed parameters are 400", async () => {
  const t = newBackend();
  await acme(t);
  const bad = [
    "/snapshots/comments?org=acme",
    "/snapshots/comments?post=hello-world",
    `/snapshots/comments?org=acme&post=${"a".repeat(101)}`,
    "/snapshots/comments?org=ACME&post=hello-world",
    "/snapshots/comments?org=acme&post=hello%20world",
    "/snapshots/comments?org=acme&post=hello-world&limit=0",
    "/snapshots/comments?org=acme&post=hello-world&limit=101",
    "/snapshots/comments?org=acme&post=hello-world&limit=1.5",
    "/snapshots/comments?org=acme&post=hello-world&org=globex",
    "/snapshots/comments?org=acme&post=hello-world&surprise=1",
    "/snapshots/comments?org=acme&post=hello-world&sort=popular",
    "/snapshots/comments?org=acme&post=hello-world&sort=Newest",
    "/snapshots/comments?org=acme&post=hello-world&sort=",
    "/snapshots/comments?org=acme&post=hello-world&sort=top&sort=newest",
    `/snapshots/posts?org=acme&href=${"x".repeat(501)}`,
    "/snapshots/posts?org=acme&level=7",
    "/snapshots/posts?org=acme&lang=not%20a%20language",
    `/snapshots/comments?org=acme&post=hello-world&lang=${"x".repeat(40)}`,
  ];
  for (const path of bad) expect((await get(t, path)).status, path).toBe(400);
  expect((await get(t, "/snapshots/comments?org=acme&post=hello-world&limit=100")).status).toBe(200);
});

test("sort: the snapshot holds the live first page in the element's order, pinned first, each order its own ETag", async () => {
  const t = newBackend();
  const { postId } = await acme(t);
  const ids: Id<"comments">[] = [];
  for (let i = 0; i < 6; i++) {
    ids.push(await addComment(t, postId, { content: `c${i}`, status: "visible", createdAt: Date.UTC(2026, 0, 1 + i) }));
  }
  await addComment(t, postId, { content: "a reply", status: "visible", parentId: ids[2] });
  await t.run(async (ctx) => {
    await ctx.db.patch("comments", ids[1]!, { reactionScore: 5 });
    await ctx.db.patch("comments", ids[4]!, { reactionScore: 2 });
    await ctx.db.patch("comments", ids[3]!, { pinnedAt: 1 });
  });
  const topLevel = (html: string) =>
    parse(html)
      .all.filter((el) => el.tagName === "li" && attr(el, "part") === "comment")
      .map((el) => attr(el, "data-id"))
      .filter((id) => ids.includes(id as Id<"comments">));
  const etags = new Set<string>();
  // Four, and the pinned comment ahead of them, as the live first page.
  for (const sort of ["oldest", "newest", "top"] as const) {
    const live = await t.query(api.comments.list, { ...ACME_THREAD, sort, paginationOpts: { numItems: 4, cursor: null } });
    const response = await get(t, `/snapshots/comments?org=acme&post=hello-world&limit=4&sort=${sort}`);
    expect(response.status, sort).toBe(200);
    expect(topLevel(await response.text()), sort).toEqual(live.page.map((c) => c._id));
    etags.add(response.headers.get("etag")!);
  }
  const newest = await (await get(t, "/snapshots/comments?org=acme&post=hello-world&limit=4&sort=newest")).text();
  expect(topLevel(newest)).toEqual([ids[3], ids[5], ids[4], ids[2], ids[1]]);
  const top = await (await get(t, "/snapshots/comments?org=acme&post=hello-world&limit=4&sort=top")).text();
  expect(topLevel(top)).toEqual([ids[3], ids[1], ids[4], ids[5], ids[2]]);
  expect(etags.size).toBe(3);
  // No sort is the element's default, oldest first.
  const unsorted = await get(t, "/snapshots/comments?org=acme&post=hello-world&limit=4");
  expect(topLevel(await unsorted.text())).toEqual([ids[3], ids[0], ids[1], ids[2], ids[4]]);
});
