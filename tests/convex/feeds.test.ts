/**
 * The RSS 2.0 and Atom feeds, read as a feed reader would: through the site routes, parsed by a real XML
 * parser, checked for each format's required elements.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, expect, test, vi } from "vitest";
import { addComment, insertOrganization, insertPost } from "./fixtures";
import { newBackend } from "./setup";

type Node = Record<string, unknown>;

afterEach(() => {
  vi.unstubAllEnvs();
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ["item", "entry", "link"].includes(name),
});

/** The body parsed, after checking that it is well-formed XML. */
async function readXml(response: Response): Promise<{ xml: string; doc: Node }> {
  const xml = await response.text();
  expect(XMLValidator.validate(xml), "the feed is well-formed XML").toBe(true);
  return { xml, doc: parser.parse(xml) as Node };
}

/** Character data of an element that may carry attributes (`{ "#text": …, "@type": … }`) or none. */
const textOf = (node: unknown): string =>
  typeof node === "string" ? node : (((node as Node | undefined)?.["#text"] as string | undefined) ?? "");

/** RSS 2.0 (rssboard.org/rss-specification): channel title, link, description; items with a title or description. */
function rssItems(doc: Node): Node[] {
  const rss = doc.rss as Node;
  expect(rss["@version"]).toBe("2.0");
  const channel = rss.channel as Node;
  for (const required of ["title", "link", "description"]) {
    expect(channel[required], `channel <${required}>`).toBeDefined();
  }
  expect(Date.parse(textOf(channel.lastBuildDate))).not.toBeNaN();
  const items = (channel.item as Node[] | undefined) ?? [];
  for (const item of items) {
    expect(item.title ?? item.description, "an item has a title or a description").toBeDefined();
    expect(textOf(item.guid)).not.toBe("");
    expect(Date.parse(textOf(item.pubDate)), "pubDate is an RFC 822 date").not.toBeNaN();
  }
  return items;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Atom (RFC 4287 §4.1): feed id, title, updated, self link, an author; entries with id, title, updated. */
function atomEntries(doc: Node): Node[] {
  const feed = doc.feed as Node;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(textOf(feed.id)).toMatch(/^tag:/);
  expect(textOf(feed.title)).not.toBe("");
  expect(textOf(feed.updated)).toMatch(ISO_DATE);
  expect((feed.link as Node[]).map((link) => link["@rel"])).toContain("self");
  expect(textOf((feed.author as Node).name)).not.toBe("");
  const entries = (feed.entry as Node[] | undefined) ?? [];
  for (const entry of entries) {
    expect(textOf(entry.id)).toMatch(/^tag:/);
    expect(entry.title).toBeDefined();
    expect(textOf(entry.updated)).toMatch(ISO_DATE);
    expect(textOf(entry.published)).toMatch(ISO_DATE);
    // With no alternate link, an entry needs content (§4.1.2).
    expect((entry.content as Node)["@type"]).toBe("text");
  }
  return entries;
}

async function blog() {
  const t = newBackend();
  const acme = await insertOrganization(t, "acme");
  const visible = await addComment(t, acme.postId, {
    content: "First!",
    status: "visible",
    authorName: "Vera",
    createdAt: 1_000,
  });
  await addComment(t, acme.postId, {
    content: "A reply",
    status: "visible",
    authorName: "Rui",
    parentId: visible,
    createdAt: 2_000,
  });
  await addComment(t, acme.postId, { content: "Awaiting approval", status: "pending" });
  await addComment(t, acme.postId, { content: "Spam spam", status: "removed" });
  await addComment(t, acme.postId, { content: "", authorName: "", status: "visible", deletedAt: 3_000 });
  await addComment(t, acme.draftId, { content: "On a draft", status: "visible" });
  return { t, acme };
}

test("the posts feed in RSS 2.0 lists published articles only", async () => {
  const { t } = await blog();
  const res = await t.fetch("/feeds/acme/posts.rss");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
  const items = rssItems((await readXml(res)).doc);
  expect(items.map((item) => textOf(item.title))).toEqual(["Title of hello-world"]);
  expect(textOf(items[0]!["dc:creator"])).toBe("acme Owner");
  expect(textOf(items[0]!.description)).toBe("<p>Body</p>");
});

test("the posts feed in Atom lists published articles only, newest first", async () => {
  const { t, acme } = await blog();
  const later = await insertPost(t, acme.organizationId, acme.owner, "later-post", "published");
  await t.run((ctx) => ctx.db.patch(later, { publishedAt: Date.now() + 60_000 }));
  const res = await t.fetch("/feeds/acme/posts.atom");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  const entries = atomEntries((await readXml(res)).doc);
  expect(entries.map((entry) => textOf(entry.title))).toEqual(["Title of later-post", "Title of hello-world"]);
  expect(textOf(entries[1]!.content)).toBe("Body");
});

test.each(["rss", "atom"] as const)("a post's comment feed (%s) has its visible comments only", async (format) => {
  const { t } = await blog();
  const res = await t.fetch(`/feeds/acme/hello-world/comments.${format}`);
  expect(res.status).toBe(200);
  const { doc } = await readXml(res);
  const entries = format === "rss" ? rssItems(doc) : atomEntries(doc);
  expect(entries.map((entry) => textOf(entry.title))).toEqual(["Reply by Rui", "Comment by Vera"]);
  const bodies = entries.map((entry) => textOf(format === "rss" ? entry.description : entry.content));
  expect(bodies).toEqual(format === "rss" ? ["<p>A reply</p>", "<p>First!</p>"] : ["A reply", "First!"]);
});

test.each([
  ["an unknown organization", "/feeds/nobody/posts.rss"],
  ["an unknown post", "/feeds/acme/no-such-post/comments.atom"],
  ["a draft", "/feeds/acme/secret-draft/comments.rss"],
  ["an unknown format", "/feeds/acme/posts.json"],
  ["a path of no feed", "/feeds/acme/hello-world/posts.rss"],
])("%s is 404", async (_, path) => {
  const { t } = await blog();
  const res = await t.fetch(path);
  expect(res.status).toBe(404);
  expect(await res.text()).toBe("No such feed.");
});

test("If-None-Match with the current ETag is 304 without a body, until the feed changes", async () => {
  const { t, acme } = await blog();
  const path = "/feeds/acme/hello-world/comments.atom";
  const first = await t.fetch(path);
  const etag = first.headers.get("etag")!;
  expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  const again = await t.fetch(path, { headers: { "If-None-Match": etag } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
  expect(again.headers.get("etag")).toBe(etag);
  expect(again.headers.get("last-modified")).toBe(first.headers.get("last-modified"));
  // A list, and the weak form a proxy may send, match too.
  expect((await t.fetch(path, { headers: { "If-None-Match": `"other", W/${etag}` } })).status).toBe(304);
  expect((await t.fetch(path, { headers: { "If-None-Match": '"other"' } })).status).toBe(200);

  await addComment(t, acme.postId, { content: "Late to the party", status: "visible" });
  const changed = await t.fetch(path, { headers: { "If-None-Match": etag } });
  expect(changed.status).toBe(200);
  expect(changed.headers.get("etag")).not.toBe(etag);
  expect(await changed.text()).toContain("Late to the party");
});

test("If-Modified-Since answers 304 from the newest date; a removed comment is caught by the ETag", async () => {
  const { t, acme } = await blog();
  const path = "/feeds/acme/hello-world/comments.rss";
  const first = await t.fetch(path);
  const lastModified = first.headers.get("last-modified")!;
  expect(Date.parse(lastModified)).not.toBeNaN();
  expect((await t.fetch(path, { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
  const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
  expect((await t.fetch(path, { headers: { "If-Modified-Since": earlier } })).status).toBe(200);
  expect((await t.fetch(path, { headers: { "If-Modified-Since": "not a date" } })).status).toBe(200);

  // Removing the newest comment moves no date forward; If-None-Match takes precedence and sees it.
  const newest = await addComment(t, acme.postId, { content: "Soon gone", status: "visible" });
  const withNewest = await t.fetch(path);
  await t.run((ctx) => ctx.db.patch(newest, { status: "removed" }));
  const both = {
    "If-None-Match": withNewest.headers.get("etag")!,
    "If-Modified-Since": withNewest.headers.get("last-modified")!,
  };
  const res = await t.fetch(path, { headers: both });
  expect(res.status).toBe(200);
  expect(await res.text()).not.toContain("Soon gone");
});

const HOSTILE_TITLE = `</title><script>alert("t")</script> & ]]> 'quoted' \u0001\u000B\uFFFE\uD800 Ünïcødé 💬`;
const HOSTILE_BODY = `<img src=x onerror=alert(1)>\n\n<![CDATA[ x ]]> &amp; &#x0; \u0000</description></item>`;
/** What XML 1.0 can carry of them: the control characters, U+FFFE and the lone surrogate dropped. */
const KEPT_TITLE = `</title><script>alert("t")</script> & ]]> 'quoted'  Ünïcødé 💬`;
const KEPT_BODY = `<img src=x onerror=alert(1)>\n\n<![CDATA[ x ]]> &amp; &#x0; </description></item>`;

test.each(["rss", "atom"] as const)("hostile text stays well-formed, exact and inert (%s)", async (format) => {
  const t = newBackend();
  const acme = await insertOrganization(t, "acme");
  await t.run((ctx) => ctx.db.patch(acme.postId, { title: HOSTILE_TITLE, content: HOSTILE_BODY }));
  await addComment(t, acme.postId, { content: HOSTILE_BODY, authorName: HOSTILE_TITLE, status: "visible" });

  for (const path of [`/feeds/acme/posts.${format}`, `/feeds/acme/hello-world/comments.${format}`]) {
    const { xml, doc } = await readXml(await t.fetch(path));
    expect(xml, "no markup from the text reaches the document").not.toMatch(/<(script|img)|<!\[CDATA\[/);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]/);
    const [entry] = format === "rss" ? rssItems(doc) : atomEntries(doc);
    const author = format === "rss" ? textOf(entry!["dc:creator"]) : textOf((entry!.author as Node).name);
    if (path.endsWith(`posts.${format}`)) expect(textOf(entry!.title)).toBe(KEPT_TITLE);
    else expect(author).toBe(KEPT_TITLE);
    if (format === "atom") {
      // Atom's `type="text"`: the reader shows the characters, it never parses them as HTML.
      expect(textOf(entry!.content)).toBe(KEPT_BODY);
    } else {
      // RSS readers parse `description` as HTML: it holds the text HTML-escaped, so tags stay text.
      const html = textOf(entry!.description);
      expect(html).not.toMatch(/<(?!\/?p>|br>)/);
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(html).toContain("&lt;/description&gt;&lt;/item&gt;");
    }
  }
});

test("links and ids name the deployment's site origin (CONVEX_SITE_URL) when it is set", async () => {
  vi.stubEnv("CONVEX_SITE_URL", "https://happy-otter-123.convex.site");
  vi.stubEnv("SITE_URL", "https://blog.example.test");
  const { t } = await blog();
  const { doc } = await readXml(await t.fetch("/feeds/acme/posts.atom"));
  const feed = doc.feed as Node;
  const links = Object.fromEntries((feed.link as Node[]).map((link) => [link["@rel"], link["@href"]]));
  expect(links).toEqual({
    self: "https://happy-otter-123.convex.site/feeds/acme/posts.atom",
    alternate: "https://blog.example.test",
  });
  expect(textOf(feed.id)).toMatch(/^tag:happy-otter-123\.convex\.site,\d{4}-\d{2}-\d{2}:acme\/posts$/);
});
