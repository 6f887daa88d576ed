/**
 * A loopback TCP proxy in front of the backend that can sever every connection through it, so
 * clients see dropped sockets (and reconnect through it) the way they do on a flaky network.
 */
import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export type Proxy = { port: number; url: string; sever(): number; close(): Promise<void> };

export async function startProxy(targetPort: number): Promise<Proxy> {
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const sever = () => {
    const count = pairs.size;
    for (const [a, b] of [...pairs]) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
    return count;
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    sever,
    async close() {
      sever();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
