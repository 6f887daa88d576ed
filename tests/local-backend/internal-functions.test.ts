import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { LocalBackend } from "../../local-backend/server";
import { listModules } from "../../scripts/codegen";
import { signUp, startTestBackend } from "./helpers";

type Kind = "query" | "mutation" | "action";
type Registered = { isInternal?: boolean; isQuery?: boolean; isMutation?: boolean; isAction?: boolean };

/** Every internal function in convex/, found from the modules themselves so a new one cannot be missed. */
async function internalFunctions(): Promise<{ path: string; kind: Kind }[]> {
  const found: { path: string; kind: Kind }[] = [];
  for (const file of listModules()) {
    const module = file.replace(/\.ts$/, "");
    const url = new URL(`../../convex/${file}`, import.meta.url).href;
    const exports = (await import(/* @vite-ignore */ url)) as Record<string, Registered>;
    for (const [name, fn] of Object.entries(exports)) {
      if (!fn?.isInternal) continue;
      const kind: Kind = fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action";
      found.push({ path: `${module}:${name}`, kind });
    }
  }
  return found;
}

let backend: LocalBackend;
let token: string;

beforeAll(async () => {
  backend = await startTestBackend();
  token = await signUp(backend.siteUrl, "outsider@example.com", "Outsider");
});

afterAll(async () => {
  await backend?.close();
});

test("a client call to each internal function is refused, signed in or not", async () => {
  const functions = await internalFunctions();
  // The backend keeps these internal; the list grows with it.
  expect(functions.map((f) => f.path)).toEqual(
    expect.arrayContaining([
      "accounts:anonymizeCommentsBatch",
      "notificationsNode:sendCommentEmail",
      "notifications:recordDelivery",
      "seed:demo",
      "webhooks:applyEvent",
      "posts:removeBatch",
    ]),
  );
  const anonymous = new ConvexHttpClient(backend.url);
  const signedIn = new ConvexHttpClient(backend.url);
  signedIn.setAuth(token);
  for (const client of [anonymous, signedIn]) {
    for (const { path, kind } of functions) {
      const call = client[kind] as (name: string, args: object) => Promise<unknown>;
      const error = await call.call(client, path, {}).then(
        () => new Error(`${path} ran`),
        (e: Error) => e,
      );
      expect(error.message, path).toContain(`Could not find public function for '${path}'`);
    }
  }
  // Nothing ran: the seed would have created the demo organization.
  expect(await anonymous.query("organizations:getBySlug" as never, { slug: "acme" } as never)).toBeNull();
});
