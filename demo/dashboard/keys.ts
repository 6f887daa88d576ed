/**
 * API keys: create one (its secret is shown once, then only its prefix), revoke it, and try a key
 * against the bearer endpoint `GET /api/v1/posts` right from the page.
 */
import type { FunctionReturnType } from "convex/server";
import { html, nothing, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

type Key = FunctionReturnType<typeof ownerApi.apiKeys.list>[number];
type TryResult = { status: number; summary: string };

export function mountKeys(root: HTMLElement, ctx: DashboardContext): Unmount {
  let keys: Key[] | undefined;
  let name = "Build server";
  let created: { key: string; name: string } | null = null;
  let tryKey = "";
  let tried: TryResult | null = null;
  const endpoint = `${ctx.site}/api/v1/posts`;

  async function create() {
    const result = await attempt(ctx, () => ctx.client.mutation(ownerApi.apiKeys.create, { name }), "API key created.");
    if (!result) return;
    created = { key: result.key, name };
    tryKey = result.key;
    update();
  }

  const revoke = (key: Key) =>
    attempt(ctx, () => ctx.client.mutation(ownerApi.apiKeys.revoke, { keyId: key._id }), `Revoked “${key.name}”.`);

  async function tryIt() {
    tried = null;
    update();
    try {
      const res = await fetch(endpoint, { headers: { Authorization: `Bearer ${tryKey.trim()}` } });
      const body = (await res.json()) as { posts?: { title: string; status: string }[]; error?: string };
      const summary = body.posts
        ? `${body.posts.length} posts: ${body.posts.slice(0, 3).map((p) => `${p.title} (${p.status})`).join(", ")}${body.posts.length > 3 ? ", …" : ""}`
        : (body.error ?? "");
      tried = { status: res.status, summary };
    } catch (err) {
      tried = { status: 0, summary: `The request failed: ${String(err)}` };
    }
    update();
  }

  function update() {
    render(
      html`<form class="inline-form" @submit=${(e: Event) => (e.preventDefault(), create())}>
          <label for="key-name">Key name</label>
          <input id="key-name" type="text" .value=${name} @input=${(e: Event) => (name = (e.target as HTMLInputElement).value)} />
          <button type="submit">Create key</button>
        </form>
        ${created
          ? html`<div class="once" role="status">
              <p><strong>${created.name}</strong>: copy this key now, it is not shown again.</p>
              <pre><code data-new-key>${created.key}</code></pre>
              <button type="button" @click=${() => ((created = null), update())}>I saved it</button>
            </div>`
          : nothing}
        <table class="data">
          <caption class="visually-hidden">API keys</caption>
          <thead><tr><th>Name</th><th>Prefix</th><th>Created</th><th>Last used</th><th>State</th><th></th></tr></thead>
          <tbody>
            ${(keys ?? []).map(
              (key) => html`<tr data-key=${key.name}>
                <td>${key.name}</td>
                <td><code>${key.prefix}…</code></td>
                <td>${new Date(key.createdAt).toLocaleString()}</td>
                <td>${key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString() : "never"}</td>
                <td data-col="state">${key.revokedAt ? "revoked" : "active"}</td>
                <td>${key.revokedAt ? nothing : html`<button type="button" class="danger" @click=${() => revoke(key)}>Revoke</button>`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        <h3>Try a key</h3>
        <p><code>GET ${endpoint}</code> with <code>Authorization: Bearer sk_…</code></p>
        <form class="inline-form" @submit=${(e: Event) => (e.preventDefault(), tryIt())}>
          <label for="try-key">Key</label>
          <input id="try-key" type="text" .value=${tryKey} @input=${(e: Event) => (tryKey = (e.target as HTMLInputElement).value)} placeholder="sk_…" />
          <button type="submit">Send request</button>
        </form>
        ${tried
          ? html`<p data-try-result>
              <strong data-status=${tried.status}>HTTP ${tried.status || "error"}</strong> ${tried.summary}
            </p>`
          : nothing}`,
      root,
    );
  }

  update();
  return ctx.client.onUpdate(
    ownerApi.apiKeys.list,
    {},
    (list) => {
      keys = list;
      update();
    },
    (error) => ctx.notify(`API keys: ${error.message}`, "error"),
  );
}
