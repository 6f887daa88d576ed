// @vitest-environment node
// The provider is oauth2-mock-server on loopback (support/oauth-provider.ts), which needs Node's servers.
/** GitHub and Google sign-in: the real OAuth 2 / OpenID flow against a local provider. */
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { authPost, PAGE_ORIGIN, PASSWORD, signUp, tokenClaims } from "../../support/auth";
import { DEFAULT_PERSON, startOAuthProvider, type OAuthProvider, type ProviderPerson } from "../../support/oauth-provider";
import { finishReturn, sessionCount, verifyEmail } from "./fixtures";
import { authSite, newBackend, type Backend } from "./setup";

const PAGE = `${PAGE_ORIGIN}/blog/hello.html?lp-auth=1`;

let provider: OAuthProvider;
let savedEnv: Record<string, string | undefined>;

beforeAll(async () => {
  provider = await startOAuthProvider();
});
afterAll(async () => {
  await provider.close();
});
beforeEach(() => {
  savedEnv = Object.fromEntries(Object.keys(provider.env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, provider.env);
  provider.control({ person: DEFAULT_PERSON, down: false });
});
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Starts a sign-in with `providerId` from PAGE; returns where the reader is sent (the provider). */
async function start(t: Backend, providerId: string) {
  return await authPost(authSite(t), "sign-in/oauth2", { providerId, callbackURL: PAGE, errorCallbackURL: PAGE });
}

/** The whole round trip as the reader's browser makes it; returns where it lands back. */
async function roundTrip(t: Backend, providerId: string): Promise<URL> {
  const res = await start(t, providerId);
  expect(res.status, await res.clone().text()).toBe(200);
  const { url } = (await res.json()) as { url: string };
  expect(url.startsWith(provider.url), "sent to the provider").toBe(true);
  const authorized = await fetch(url, { redirect: "manual" });
  const callback = new URL(authorized.headers.get("location")!);
  expect(callback.pathname).toBe(`/api/auth/oauth2/callback/${providerId}`);
  const back = await t.fetch(`${callback.pathname}${callback.search}`, { redirect: "manual" });
  expect(back.status).toBe(302);
  return new URL(back.headers.get("location")!);
}

/** Back on the page, signed in: the Convex identity and its `users` row. */
async function finish(t: Backend, landing: URL) {
  const claims = await finishReturn(t, landing);
  const viewer = await t.withIdentity({ subject: claims.sub, sessionId: claims.sessionId }).mutation(api.users.ensureViewer, {});
  return { claims, viewer };
}

const person = (over: Partial<ProviderPerson>): ProviderPerson => ({ ...DEFAULT_PERSON, ...over });

test("the form offers exactly the providers whose credentials are set", async () => {
  const t = newBackend();
  expect(await t.query(api.signIn.providers, {})).toEqual(["github", "google"]);
  delete process.env.GOOGLE_CLIENT_SECRET;
  expect(await t.query(api.signIn.providers, {})).toEqual(["github"]);
  delete process.env.GITHUB_CLIENT_ID;
  expect(await t.query(api.signIn.providers, {})).toEqual([]);
  expect((await start(t, "github")).status, "a provider without credentials cannot be used").toBeGreaterThanOrEqual(400);
});

for (const providerId of ["github", "google"]) {
  test(`${providerId}: a first sign-in creates the account and lands back on the page`, async () => {
    const t = newBackend();
    provider.control({ person: person({ id: "1001", name: "Grace Hopper", email: `grace-${providerId}@example.test` }) });
    const landing = await roundTrip(t, providerId);
    expect(`${landing.origin}${landing.pathname}`).toBe(`${PAGE_ORIGIN}/blog/hello.html`);
    const { viewer } = await finish(t, landing);
    expect(viewer).toMatchObject({ name: "Grace Hopper", email: `grace-${providerId}@example.test` });
    // The second sign-in is the same account.
    const again = await finish(t, await roundTrip(t, providerId));
    expect(again.viewer._id).toBe(viewer._id);
  });
}

test("same verified address on both sides: the provider joins the existing account", async () => {
  const t = newBackend();
  const local = await signUp(authSite(t), { email: "ada@example.test", name: "Ada", password: PASSWORD });
  await verifyEmail(t, "ada@example.test");
  provider.control({ person: person({ email: "ada@example.test", emailVerified: true }) });
  const { claims } = await finish(t, await roundTrip(t, "github"));
  expect(claims.sub).toBe(tokenClaims(local.token).sub);
  // Google joins it too, and the password still works.
  expect((await finish(t, await roundTrip(t, "google"))).claims.sub).toBe(claims.sub);
});

test("no linking unless both sides verified the address: the reader is sent back with the reason, signed in nowhere", async () => {
  const t = newBackend();
  await signUp(authSite(t), { email: "unproven@example.test", name: "Unproven", password: PASSWORD });
  await signUp(authSite(t), { email: "proven@example.test", name: "Proven", password: PASSWORD });
  await verifyEmail(t, "proven@example.test");
  const before = await sessionCount(t);

  for (const [email, emailVerified] of [
    ["unproven@example.test", true],
    ["proven@example.test", false],
  ] as const) {
    provider.control({ person: person({ email, emailVerified }) });
    const landing = await roundTrip(t, "github");
    expect(landing.searchParams.has("ott"), `${email}: no session`).toBe(false);
    expect(landing.searchParams.get("error")).toBe("account_not_linked");
    expect(`${landing.origin}${landing.pathname}`).toBe(`${PAGE_ORIGIN}/blog/hello.html`);
  }
  expect(await sessionCount(t)).toBe(before);
});

test("a callback with a state this deployment did not issue is refused", async () => {
  const t = newBackend();
  const res = await start(t, "github");
  const { url } = (await res.json()) as { url: string };
  const callback = new URL((await fetch(url, { redirect: "manual" })).headers.get("location")!);
  const before = await sessionCount(t);
  for (const state of ["forged-state", ""]) {
    callback.searchParams.set("state", state);
    const back = await t.fetch(`${callback.pathname}${callback.search}`, { redirect: "manual" });
    const location = back.headers.get("location") ?? "";
    expect(location, "no one-time token").not.toContain("ott=");
    expect(location).toMatch(/error=/);
  }
  expect(await sessionCount(t)).toBe(before);
});

test("a provider that is down is reported before the reader leaves the page", async () => {
  const t = newBackend();
  provider.control({ down: true });
  for (const providerId of ["github", "google"]) {
    const res = await start(t, providerId);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe("PROVIDER_UNAVAILABLE");
  }
});

test("a sign-in that would come back to a page on another origin is refused", async () => {
  const t = newBackend();
  const res = await authPost(authSite(t), "sign-in/oauth2", { providerId: "github", callbackURL: "https://attacker.example/" });
  expect(res.status).toBe(403);
});
