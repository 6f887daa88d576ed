import { expect } from "@open-wc/testing";
import { api, type PostSummary } from "../../src/internal/api.js";
import { LiveClient } from "../../src/internal/live-client.js";
import { backendUrls, createOrganization, unique } from "./helpers/backend.js";
import { eventually } from "./helpers/dom.js";

describe("LiveClient", () => {
  let client: LiveClient;
  afterEach(() => client.close());

  it("delivers live results to every subscriber of a query, the later ones from memory", async () => {
    const org = await createOrganization({ posts: [{ title: "First" }] });
    client = new LiveClient((await backendUrls()).url);
    const args = { organizationSlug: org.slug, paginationOpts: { numItems: 5, cursor: null } };
    const first: string[][] = [];
    const second: string[][] = [];
    const titles = (result: { page: PostSummary[] }) => result.page.map((p) => p.title);
    // Errors are recorded here and asserted in the test body: a throw inside the client's callback
    // would surface as a timeout, not as the error.
    const errors: string[] = [];
    const noErrors = () => expect(errors, "the query reported errors").to.deep.equal([]);
    client.onUpdate(api.posts.listPublished, args, (r) => first.push(titles(r)), (e) => errors.push(e.message));
    await eventually(() => first.length === 1 || errors.length > 0, "the first result arrives");
    noErrors();

    const stop = client.onUpdate(api.posts.listPublished, args, (r) => second.push(titles(r)), (e) => errors.push(e.message));
    await eventually(() => second.length === 1 || errors.length > 0, "a second subscriber gets the result in memory");
    noErrors();
    expect(second[0]).to.deep.equal(["First"]);

    await org.publish("Second");
    await eventually(() => (first.length === 2 && second.length === 2) || errors.length > 0, "both follow a change");
    noErrors();
    expect(first[1]).to.deep.equal(["Second", "First"]);

    stop();
    await org.publish("Third");
    await eventually(() => first.length === 3 || errors.length > 0, "the remaining subscriber follows");
    noErrors();
    expect(second).to.have.length(2);
  });

  it("reports a failing query to onError, and answers one-shot queries", async () => {
    const org = await createOrganization({ posts: [{ title: "Only" }] });
    client = new LiveClient((await backendUrls()).url);
    const error = await new Promise<Error>((resolve) =>
      client.onUpdate(api.posts.search, { organizationSlug: org.slug, query: "x".repeat(1_000) }, () => {}, resolve),
    );
    expect((error as Error & { data?: { code: string } }).data?.code).to.equal("INVALID_ARGUMENT");
    const post = await client.query(api.posts.getBySlug, { organizationSlug: org.slug, slug: "missing" });
    expect(post).to.equal(null);
  });

  it("sends a later subscription in a query set of its own, after the others' first results", async () => {
    const org = await createOrganization({ posts: [{ title: "Hot" }] });
    client = new LiveClient((await backendUrls()).url);
    // What the client has received when each subscription goes out, in order.
    const sent: { paths: string[]; hotArrived: boolean }[] = [];
    const order: string[] = [];
    const hotArgs = { organizationSlug: org.slug, paginationOpts: { numItems: 5, cursor: null } };
    const nativeSend = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === "string" && data.includes("ModifyQuerySet") && data.includes(org.slug)) {
        const message = JSON.parse(data) as { modifications: { udfPath?: string }[] };
        sent.push({
          paths: message.modifications.flatMap((m) => (m.udfPath ? [m.udfPath] : [])),
          hotArrived: client.client.localQueryResult("posts:listPublished", hotArgs) !== undefined,
        });
      }
      return nativeSend.call(this, data);
    };
    try {
      // Subscribed first, still sent second.
      client.onUpdate(api.comments.viewerPermissions, { organizationSlug: org.slug }, (p) => order.push(`viewer ${p.canComment}`), (e) => order.push(e.message), { later: true });
      client.onUpdate(api.posts.listPublished, hotArgs, (r) => order.push(`posts ${r.page.length}`), (e) => order.push(e.message));
      await eventually(() => order.length === 2, "both results arrive");
    } finally {
      WebSocket.prototype.send = nativeSend;
    }
    expect(order).to.deep.equal(["posts 1", "viewer false"]);
    // The first two sets (a reconnect would send them all again in one more).
    expect(sent.slice(0, 2).map((s) => s.paths)).to.deep.equal([["posts:listPublished"], ["comments:viewerPermissions"]]);
    expect(sent[1]!.hotArrived, "sent once the other query's result is in").to.equal(true);
  });

  it("sends a later subscription after another whose result was already in memory", async () => {
    const org = await createOrganization({ posts: [{ title: "Cached" }] });
    client = new LiveClient((await backendUrls()).url);
    const hotArgs = { organizationSlug: org.slug, paginationOpts: { numItems: 5, cursor: null } };
    const order: string[] = [];
    client.onUpdate(api.posts.listPublished, hotArgs, () => order.push("first posts"), (e) => order.push(e.message));
    await eventually(() => order.length === 1, "the first subscriber's result");
    // A second element of the same page asks for the same posts (in memory: no Transition comes) and its viewer query.
    client.onUpdate(api.posts.listPublished, hotArgs, () => order.push("second posts"), (e) => order.push(e.message));
    client.onUpdate(api.comments.viewerPermissions, { organizationSlug: org.slug }, (p) => order.push(`viewer ${p.canComment}`), (e) => order.push(e.message), { later: true });
    await eventually(() => order.length === 3, "the viewer query's result arrives too");
    expect(order).to.deep.equal(["first posts", "second posts", "viewer false"]);
  });

  it("does not hold a later subscription back for a query subscribed after it (a search being typed)", async () => {
    const org = await createOrganization({ posts: [{ title: "Hot" }] });
    client = new LiveClient((await backendUrls()).url);
    const hotArgs = { organizationSlug: org.slug, paginationOpts: { numItems: 5, cursor: null } };
    const searchArgs = { organizationSlug: org.slug, query: "hot" };
    let searchInWhenViewerSent: boolean | undefined;
    const nativeSend = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === "string" && data.includes("ModifyQuerySet") && data.includes("comments:viewerPermissions")) {
        searchInWhenViewerSent = client.client.localQueryResult("posts:search", searchArgs) !== undefined;
      }
      return nativeSend.call(this, data);
    };
    const order: string[] = [];
    // The socket is up first: each subscription below goes out in a query set of its own.
    await client.query(api.posts.listAuthors, { organizationSlug: org.slug });
    try {
      client.onUpdate(api.posts.listPublished, hotArgs, () => order.push("posts"), (e) => order.push(e.message));
      client.onUpdate(api.comments.viewerPermissions, { organizationSlug: org.slug }, () => order.push("viewer"), (e) => order.push(e.message), { later: true });
      // A task later, before the posts arrive: a query the viewer query did not wait for when it was subscribed.
      await new Promise((resolve) => setTimeout(resolve));
      client.onUpdate(api.posts.search, searchArgs, () => order.push("search"), (e) => order.push(e.message));
      await eventually(() => order.length === 3, "all three results");
    } finally {
      WebSocket.prototype.send = nativeSend;
    }
    expect(order[0]).to.equal("posts");
    expect(searchInWhenViewerSent, "sent without waiting for the search's result").to.equal(false);
  });

  it("sends a later subscription at once when nothing else waits, and never one ended before it went out", async () => {
    const org = await createOrganization();
    const dropped = unique("dropped-org");
    client = new LiveClient((await backendUrls()).url);
    const sent: string[] = [];
    const nativeSend = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === "string" && data.includes("ModifyQuerySet")) sent.push(data);
      return nativeSend.call(this, data);
    };
    const results: boolean[] = [];
    try {
      const stop = client.onUpdate(api.comments.viewerPermissions, { organizationSlug: dropped }, () => {}, () => {}, { later: true });
      stop();
      client.onUpdate(api.comments.viewerPermissions, { organizationSlug: org.slug }, (p) => results.push(p.canComment), () => results.push(false), { later: true });
      await eventually(() => results.length === 1, "the only subscription's result arrives");
    } finally {
      WebSocket.prototype.send = nativeSend;
    }
    expect(sent.some((data) => data.includes(org.slug)), "the kept one was sent").to.equal(true);
    expect(sent.filter((data) => data.includes(dropped)), "the ended one was not").to.deep.equal([]);
  });
});
