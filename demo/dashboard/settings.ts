/**
 * Organization settings: guest comments, pre-moderation, threads created by a first comment, and the
 * spam and report rules that hold a comment in the moderation queue.
 */
import type { FunctionReturnType } from "convex/server";
import { html, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

/** What the backend uses when the organization never set it (convex/lib/queueAlerts.ts). */
const DEFAULT_QUEUE_EMAIL_MINUTES = 15;

type Settings = FunctionReturnType<typeof ownerApi.organizations.adminSettings>;
type Toggle = "allowGuestComments" | "preModeration" | "autoCreateThreads" | "guestHoneypot";

const TOGGLES: { key: Toggle; label: string; hint: string }[] = [
  { key: "allowGuestComments", label: "Guest comments", hint: "Readers without an account may comment under a name." },
  { key: "preModeration", label: "Pre-moderation", hint: "New comments wait in the moderation queue until approved." },
  { key: "autoCreateThreads", label: "Threads on any page", hint: "A first comment on an unknown slug creates its thread." },
  { key: "guestHoneypot", label: "Guest honeypot", hint: "A guest form whose hidden field is filled (a bot) waits for approval." },
];

/** The whole number typed in `name`, or undefined when the field is blank. */
function count(form: FormData, name: string): number | undefined {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : Number(value);
}

export function mountSettings(root: HTMLElement, ctx: DashboardContext): Unmount {
  let settings: Settings | undefined;

  const toggle = (key: Toggle, value: boolean) =>
    attempt(
      ctx,
      () => ctx.client.mutation(ownerApi.organizations.updateSettings, { [key]: value }),
      `${TOGGLES.find((t) => t.key === key)!.label}: ${value ? "on" : "off"}.`,
    );

  const saveSpamRules = (form: FormData) =>
    attempt(
      ctx,
      () =>
        ctx.client.mutation(ownerApi.organizations.updateSettings, {
          guestMinSubmitSeconds: count(form, "guestMinSubmitSeconds") ?? 0,
          maxLinks: count(form, "maxLinks") ?? null,
          trustAfterApproved: count(form, "trustAfterApproved") ?? 0,
          hideAfterReports: count(form, "hideAfterReports") ?? 0,
          queueEmailMinutes: count(form, "queueEmailMinutes") ?? 0,
          blockedWords: String(form.get("blockedWords") ?? "").split(/[\s,]+/).filter(Boolean),
        }),
      "Spam rules saved.",
    );

  function update() {
    render(
      settings === undefined
        ? html`<p class="muted">Loading…</p>`
        : html`<fieldset class="toggles">
              <legend class="visually-hidden">Comment settings</legend>
              ${TOGGLES.map(
                ({ key, label, hint }) => html`<div class="toggle">
                  <input
                    id="setting-${key}"
                    type="checkbox"
                    .checked=${settings![key] ?? false}
                    @change=${(e: Event) => toggle(key, (e.target as HTMLInputElement).checked)}
                  />
                  <label for="setting-${key}">${label}</label>
                  <span class="muted">${hint}</span>
                </div>`,
              )}
            </fieldset>
            <form
              class="spam-rules"
              aria-labelledby="spam-rules-title"
              @submit=${(e: SubmitEvent) => (e.preventDefault(), saveSpamRules(new FormData(e.target as HTMLFormElement)))}
            >
              <h3 id="spam-rules-title">Spam rules</h3>
              <p class="muted">A comment that breaks one waits in the moderation queue; its writer is told only that it waits.</p>
              <label for="setting-guestMinSubmitSeconds">Guests: least seconds between showing the form and sending it (0: off)</label>
              <input id="setting-guestMinSubmitSeconds" name="guestMinSubmitSeconds" type="number" min="0" max="600"
                .value=${String(settings.guestMinSubmitSeconds ?? 0)} />
              <label for="setting-maxLinks">Most links in a comment (blank: no limit)</label>
              <input id="setting-maxLinks" name="maxLinks" type="number" min="0" max="50"
                .value=${settings.maxLinks === undefined ? "" : String(settings.maxLinks)} />
              <label for="setting-trustAfterApproved">Approved comments before an outside account is trusted (0: off)</label>
              <input id="setting-trustAfterApproved" name="trustAfterApproved" type="number" min="0" max="20"
                .value=${String(settings.trustAfterApproved ?? 0)} />
              <label for="setting-hideAfterReports">Reports that hide a comment until reviewed (0: never)</label>
              <input id="setting-hideAfterReports" name="hideAfterReports" type="number" min="0" max="50"
                .value=${String(settings.hideAfterReports ?? 0)} />
              <label for="setting-queueEmailMinutes">Minutes between e-mails to admins about the queue (0: none)</label>
              <input id="setting-queueEmailMinutes" name="queueEmailMinutes" type="number" min="0" max="1440"
                .value=${String(settings.queueEmailMinutes ?? DEFAULT_QUEUE_EMAIL_MINUTES)} />
              <label for="setting-blockedWords">Blocked words (whole words, any case; separate with spaces or new lines)</label>
              <textarea id="setting-blockedWords" name="blockedWords" .value=${(settings.blockedWords ?? []).join("\n")}></textarea>
              <div class="actions"><button type="submit">Save spam rules</button></div>
            </form>`,
      root,
    );
  }

  update();
  return ctx.client.onUpdate(
    ownerApi.organizations.adminSettings,
    {},
    (value) => {
      settings = value;
      update();
    },
    (error) => ctx.notify(`Settings: ${error.message}`, "error"),
  );
}
