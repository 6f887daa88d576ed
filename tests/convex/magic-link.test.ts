/** "E-mail me a link": the link signs in once, within 15 minutes, on the trusted page it was asked from. */
import { afterEach, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { authPost, PASSWORD, signUp, tokenClaims } from "../../support/auth";
import { accountMails, finishReturn, sessionCount } from "./fixtures";
import { authSite, newBackend, type Backend } from "./setup";

const PAGE = "http://localhost:5173/blog/hello.html?lp-auth=1";

afterEach(() => vi.useRealTimers());

/** Asks for a link for `email` from `page`; returns the link mailed (the newest). */
async function requestLink(t: Backend, email: string, page = PAGE): Promise<URL> {
  const res = await authPost(authSite(t), "sign-in/magic-link", { email, callbackURL: page });
  expect(res.status, await res.clone().text()).toBe(200);
  const mail = (await accountMails(t, email)).at(-1);
  expect(mail?.subject).toBe("Your sign-in link");
  return new URL(/https?:\/\/\S+/.exec(mail!.text)![0]);
}

/** Opens the link as the reader's browser would (no Origin on a navigation). */
async function open(t: Backend, link: URL): Promise<URL> {
  const res = await t.fetch(`${link.pathname}${link.search}`, { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

test("a link signs a new reader in on the page it was asked from, as a verified account without a password", async () => {
  const t = newBackend();
  const landing = await open(t, await requestLink(t, "new@example.test"));
  expect(`${landing.origin}${landing.pathname}`).toBe("http://localhost:5173/blog/hello.html");
  expect(landing.searchParams.get("lp-auth")).toBe("1");
  const claims = await finishReturn(t, landing);
  const viewer = await t.withIdentity({ subject: claims.sub, sessionId: claims.sessionId }).mutation(api.users.ensureViewer, {});
  // The address stays private: a link without a name gives the account a neutral one.
  expect(viewer).toMatchObject({ email: "new@example.test", name: "Reader" });
});

test("a link signs an existing account in as itself", async () => {
  const t = newBackend();
  const existing = await signUp(authSite(t), { email: "ada@example.test", name: "Ada", password: PASSWORD });
  const claims = await finishReturn(t, await open(t, await requestLink(t, "Ada@Example.test")));
  expect(claims.sub).toBe(tokenClaims(existing.token).sub);
  expect(claims.name).toBe("Ada");
});

test("a link works once; a used, tampered or expired link lands on a clear page and signs nobody in", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  const t = newBackend();
  const link = await requestLink(t, "once@example.test");
  await finishReturn(t, await open(t, link));
  expect(await sessionCount(t)).toBe(1);

  const invalid = async (url: URL) => {
    const landing = await open(t, url);
    expect(landing.searchParams.has("ott"), "no one-time token").toBe(false);
    expect(landing.pathname).toBe("/auth/link-invalid");
    const page = await t.fetch(`${landing.pathname}${landing.search}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("This sign-in link no longer works");
  };
  await invalid(link);

  const tampered = await requestLink(t, "once@example.test");
  const token = tampered.searchParams.get("token")!;
  tampered.searchParams.set("token", `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`);
  await invalid(tampered);

  const expiring = await requestLink(t, "late@example.test");
  vi.setSystemTime(Date.now() + 16 * 60_000);
  await invalid(expiring);
  expect(await sessionCount(t), "no session from a refused link").toBe(1);
});

test("a link is only sent for a page on a trusted origin", async () => {
  const t = newBackend();
  const res = await authPost(authSite(t), "sign-in/magic-link", {
    email: "victim@example.test",
    callbackURL: "https://attacker.example/steal",
  });
  expect(res.status).toBe(403);
  expect(await accountMails(t, "victim@example.test")).toEqual([]);
});
