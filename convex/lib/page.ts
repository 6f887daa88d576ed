import { escapeXml as escapeHtml } from "./xml";

/** A small self-contained HTML page for links people open from an e-mail (no script, no outside assets). */
export function htmlPage(status: number, title: string, paragraphs: string[], extra = ""): Response {
  const body = paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join("");
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escapeHtml(title)}</title><style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}</style>` +
      `</head><body><h1>${escapeHtml(title)}</h1>${body}${extra}</body></html>`,
    {
      status,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        "referrer-policy": "no-referrer",
      },
    },
  );
}

