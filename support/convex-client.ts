/** Convex clients in Node (over `ws`), plain or signed in with a token. */
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";

export function nodeClient(url: string): ConvexClient {
  return new ConvexClient(url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, logger: false });
}

/** A client signed in with `token`; resolves once the server confirmed the token. */
export async function signedInClient(url: string, token: string): Promise<ConvexClient> {
  const client = nodeClient(url);
  await new Promise<void>((resolve, reject) =>
    client.setAuth(
      async () => token,
      (ok) => (ok ? resolve() : reject(new Error("token refused"))),
    ),
  );
  return client;
}
