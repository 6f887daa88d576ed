/** Organization settings: guest comments, pre-moderation, threads created by a first comment. */
import type { FunctionReturnType } from "convex/server";
import { html, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

type Settings = NonNullable<FunctionReturnType<typeof ownerApi.organizations.getBySlug>>["settings"];
type Toggle = "allowGuestComments" | "preModeration" | "autoCreateThreads";

const TOGGLES: { key: Toggle; label: string; hint: string }[] = [
  { key: "allowGuestComments", label: "Guest comments", hint: "Readers without an account may comment under a name." },
  { key: "preModeration", label: "Pre-moderation", hint: "New comments wait in the moderation queue until approved." },
  { key: "autoCreateThreads", label: "Threads on any page", hint: "A first comment on an unknown slug creates its thread." },
];

export function mountSettings(root: HTMLElement, ctx: DashboardContext): Unmount {
  let settings: Settings | undefined;

  const toggle = (key: Toggle, value: boolean) =>
    attempt(
      ctx,
      () => ctx.client.mutation(ownerApi.organizations.updateSettings, { [key]: value }),
      `${TOGGLES.find((t) => t.key === key)!.label}: ${value ? "on" : "off"}.`,
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
                  .checked=${settings![key]}
                  @change=${(e: Event) => toggle(key, (e.target as HTMLInputElement).checked)}
                />
                <label for="setting-${key}">${label}</label>
                <span class="muted">${hint}</span>
              </div>`,
            )}
          </fieldset>`,
      root,
    );
  }

  update();
  return ctx.client.onUpdate(
    ownerApi.organizations.getBySlug,
    { slug: ctx.organization.slug },
    (organization) => {
      settings = organization?.settings;
      update();
    },
    (error) => ctx.notify(`Settings: ${error.message}`, "error"),
  );
}
