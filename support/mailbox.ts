/**
 * A fake e-mail provider on loopback: answers the backend's sends like Resend (`POST /emails`) and keeps
 * what it was sent. Tests in the same process read `mails`; tests in another process (Playwright's
 * workers) read `GET /mails`, a JSON array.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type Mail = { to: string; subject: string; text: string };

export type Mailbox = { url: string; mails: Mail[]; close(): Promise<void> };

export function startMailbox(): Promise<Mailbox> {
  const mails: Mail[] = [];
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/mails") {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(mails));
    }
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      try {
        mails.push(JSON.parse(raw) as Mail);
      } catch {
        // not an e-mail
      }
      res.writeHead(200, { "content-type": "application/json" }).end(`{"id":"msg_${mails.length}"}`);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        mails,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

/** The newest mail to `to` whose text matches `pattern`, waited for (up to 10 s); `mails` reads the list. */
export async function mailTo(mails: () => Mail[] | Promise<Mail[]>, to: string, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 200; i++) {
    for (const mail of [...(await mails())].reverse()) {
      const match = mail.to === to ? pattern.exec(mail.text) : null;
      if (match) return match;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no e-mail to ${to} matching ${pattern}`);
}
