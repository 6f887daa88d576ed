/**
 * Bans: who may no longer comment (accounts banned from the moderation queue, guest names banned
 * here), with Unban. Lifting a ban restores nothing.
 */
import type { FunctionReturnType } from "convex/server";
import { html, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

type Ban = FunctionReturnType<typeof ownerApi.bans.list>[number];

function describeBan(ban: Ban): string {
  const who = ban.userId ? (ban.userName ?? "Deleted account") : `Guest name “${ban.guestName}”`;
  const until = ban.endsAt === undefined ? "for good" : `until ${new Date(ban.endsAt).toLocaleString()}`;
  return `${who}: ${ban.shadow ? "shadow ban" : "ban"} ${until}${ban.reason ? ` (${ban.reason})` : ""}`;
}

export function mountBans(root: HTMLElement, ctx: DashboardContext): Unmount {
  let bans: Ban[] | undefined;

  const unban = (ban: Ban) =>
    attempt(ctx, () => ctx.client.mutation(ownerApi.bans.unban, { banId: ban._id }), "Ban lifted.");

  const banGuest = (form: FormData) => {
    const days = Number(form.get("days") || 0);
    const reason = String(form.get("reason") ?? "").trim();
    return attempt(
      ctx,
      () =>
        ctx.client.mutation(ownerApi.bans.ban, {
          guestName: String(form.get("guestName") ?? ""),
          ...(reason ? { reason } : {}),
          ...(days > 0 ? { endsAt: Date.now() + days * 24 * 60 * 60 * 1000 } : {}),
        }),
      "Guest name banned.",
    );
  };

  function update() {
    render(
      html`${bans === undefined
          ? html`<p class="muted">Loading…</p>`
          : bans.length === 0
            ? html`<p class="muted" data-empty>Nobody is banned. Ban an account from the moderation queue.</p>`
            : html`<ul class="queue">
                ${bans.map(
                  (ban) => html`<li data-ban=${ban._id}>
                    <span>${describeBan(ban)}</span>
                    <button type="button" @click=${() => unban(ban)}>Unban</button>
                  </li>`,
                )}
              </ul>`}
        <form
          class="inline-form"
          aria-label="Ban a guest name"
          @submit=${(e: SubmitEvent) => (e.preventDefault(), banGuest(new FormData(e.target as HTMLFormElement)))}
        >
          <label for="ban-guest-name">Guest name</label>
          <input id="ban-guest-name" name="guestName" type="text" required />
          <label for="ban-reason">Reason</label>
          <input id="ban-reason" name="reason" type="text" maxlength="500" />
          <label for="ban-days">Days (blank: for good)</label>
          <input id="ban-days" name="days" type="number" min="1" />
          <button type="submit">Ban guest name</button>
        </form>`,
      root,
    );
  }

  update();
  return ctx.client.onUpdate(
    ownerApi.bans.list,
    {},
    (value) => {
      bans = value;
      update();
    },
    (error) => ctx.notify(`Bans: ${error.message}`, "error"),
  );
}
