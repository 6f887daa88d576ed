/**
 * The webhook endpoint, the organization's signing secret and a `curl` command that signs its body
 * with HMAC-SHA256 (`X-Signature: sha256=<hex>`), exactly as the endpoint checks it.
 */
import { html, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

/** A shell command that publishes a post through the webhook; each run sends a new event id. */
export function curlExample(endpoint: string, organization: string, secret: string): string {
  const body =
    `{"id":"evt-%s","type":"post.upsert","organization":"${organization}",` +
    `"post":{"slug":"hello-from-curl","title":"Hello from curl","content":"Published by a signed webhook."}}`;
  return [
    `SECRET='${secret}'`,
    `BODY=$(printf '${body}' "$(date +%s)")`,
    `SIGNATURE=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}')`,
    `curl -sS -X POST '${endpoint}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "X-Signature: sha256=$SIGNATURE" \\`,
    `  --data "$BODY"`,
  ].join("\n");
}

export function mountWebhook(root: HTMLElement, ctx: DashboardContext): Unmount {
  let secret: string | undefined;
  const endpoint = `${ctx.site}/api/webhook`;

  async function copy(text: string, button: HTMLButtonElement) {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select and copy";
    }
    setTimeout(() => (button.textContent = "Copy"), 2000);
  }

  const rotate = () =>
    attempt(ctx, () => ctx.client.mutation(ownerApi.organizations.rotateWebhookSecret, {}), "New secret: update your sender.");

  function update() {
    if (secret === undefined) return render(html`<p class="muted">Loading…</p>`, root);
    const command = curlExample(endpoint, ctx.organization.slug, secret);
    render(
      html`<dl class="facts">
          <dt>Endpoint</dt>
          <dd><code data-webhook-endpoint>POST ${endpoint}</code></dd>
          <dt>Secret</dt>
          <dd><code data-webhook-secret>${secret}</code> <button type="button" @click=${rotate}>Rotate</button></dd>
          <dt>Signature</dt>
          <dd><code>X-Signature: sha256=</code> + the hex HMAC-SHA256 of the raw body, keyed with the secret.</dd>
        </dl>
        <p>Publish a post from a shell. The event id is the current second: a replayed id changes nothing (the answer says <code>"duplicate":true</code>).</p>
        <div class="snippet">
          <pre><code data-curl>${command}</code></pre>
          <button type="button" @click=${(e: Event) => copy(command, e.currentTarget as HTMLButtonElement)}>Copy</button>
        </div>`,
      root,
    );
  }

  update();
  return ctx.client.onUpdate(
    ownerApi.organizations.webhookSecret,
    {},
    (value) => {
      secret = value;
      update();
    },
    (error) => ctx.notify(`Webhook: ${error.message}`, "error"),
  );
}
