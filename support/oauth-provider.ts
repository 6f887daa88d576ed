/**
 * A local sign-in provider for tests: oauth2-mock-server on loopback, answering both as GitHub (its
 * OAuth paths and its `/user` and `/user/emails` API) and as an OpenID provider like Google (discovery,
 * an id_token with the person's claims). It signs in whoever `person` names, without a login page.
 * Requests reach it through a gate that can play "down" (every connection dropped). Tests in another
 * process (Playwright's workers) set the person and the gate with `POST <controlUrl>`.
 */
import { createServer as createNetServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { OAuth2Server } from "oauth2-mock-server";

/** `id` is digits: GitHub's account ids are numbers. */
export type ProviderPerson = { id: string; name: string; email: string; emailVerified: boolean };
export type ProviderControl = { person?: ProviderPerson; down?: boolean };

export type OAuthProvider = {
  /** GitHub's web and API origin, and the OpenID issuer: the gate. */
  url: string;
  /** Where `ProviderControl` is posted (straight to the server, so it works while the gate is down). */
  controlUrl: string;
  /** The backend's environment that enables GitHub and Google against this provider. */
  env: Record<string, string>;
  control(change: ProviderControl): void;
  close(): Promise<void>;
};

export const DEFAULT_PERSON: ProviderPerson = { id: "4242", name: "Octo Cat", email: "octo@example.test", emailVerified: true };

export async function startOAuthProvider(): Promise<OAuthProvider> {
  const state = { person: DEFAULT_PERSON, down: false };
  const sockets = new Set<Socket>();
  // Down means down for connections already open too (fetch keeps them alive).
  const apply = (change: ProviderControl) => {
    Object.assign(state, change);
    if (state.down) for (const socket of sockets) socket.destroy();
  };
  const server = new OAuth2Server(undefined, undefined, {
    endpoints: { authorize: "/login/oauth/authorize", token: "/login/oauth/access_token", userinfo: "/user" },
  });
  await server.issuer.keys.generate("RS256");
  const { service } = server;
  service.on("beforeTokenSigning", (token: { payload: Record<string, unknown> }) => {
    const { id, name, email, emailVerified } = state.person;
    Object.assign(token.payload, { sub: id, name, email, email_verified: emailVerified });
  });
  service.on("beforeUserinfo", (response: { body: unknown }) => {
    const { id, name } = state.person;
    // GitHub's /user: a numeric id, the login, the public address (often none: the list below has it).
    response.body = { id: Number(id), login: name.toLowerCase().replace(/\W+/g, "-"), name, email: null, avatar_url: null };
  });
  service.addRoute("GET", "/user/emails", (_req, res) => {
    const { email, emailVerified } = state.person;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify([{ email, primary: true, verified: emailVerified, visibility: "private" }]));
  });
  service.addRoute("POST", "/__control", (req, res) => {
    apply((req as unknown as { body: ProviderControl }).body);
    res.writeHead(204).end();
  });
  await server.start(0, "127.0.0.1");

  const target = server.address().port;
  const gate: Server = createNetServer((socket) => {
    if (state.down) return void socket.destroy();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    const upstream = connect(target, "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => gate.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
  server.issuer.url = url;
  return {
    url,
    controlUrl: `http://127.0.0.1:${target}/__control`,
    env: {
      GITHUB_CLIENT_ID: "github-client",
      GITHUB_CLIENT_SECRET: "github-secret",
      GITHUB_URL: url,
      GITHUB_API_URL: url,
      GOOGLE_CLIENT_ID: "google-client",
      GOOGLE_CLIENT_SECRET: "google-secret",
      GOOGLE_ISSUER: url,
    },
    control: apply,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => gate.close(() => resolve()));
      await server.stop();
    },
  };
}
