/** The account menu's e-mail settings: comment e-mails on or off, and this thread's follow / mute choice. */
import { html, nothing } from "lit";
import type { EmailSettingsState } from "../auth/session-controller.js";
import type { LocalizeController } from "../internal/localize.js";

type ThreadChoice = EmailSettingsState["thread"];

export interface EmailSettingsOptions {
  state: EmailSettingsState;
  term: LocalizeController["term"];
  /** Whether the thread exists yet (a choice needs one). */
  hasThread: boolean;
  onChange: (change: { commentEmails: boolean } | { thread: NonNullable<ThreadChoice> | null }) => void;
}

export function renderEmailSettings({ state, term, hasThread, onChange }: EmailSettingsOptions) {
  const loading = state.commentEmails === undefined;
  const choice = (value: "follow" | "mute" | null, label: string) =>
    html`<label class="settings__option">
      <input
        type="radio"
        name="thread-choice"
        .checked=${state.thread === value}
        ?disabled=${state.busy}
        @change=${() => onChange({ thread: value })}
      />
      ${label}
    </label>`;
  return html`<div id="email-settings" part="email-settings" class="settings" role="group" aria-labelledby="email-settings-title" tabindex="-1" aria-busy=${state.busy ? "true" : "false"}>
    <h3 id="email-settings-title" class="settings__title">${term("emailSettings")}</h3>
    ${loading && state.busy ? html`<p>${term("emailSettingsLoading")}</p>` : nothing}
    ${loading
      ? nothing
      : html`<label class="settings__option">
            <input
              type="checkbox"
              .checked=${state.commentEmails ?? true}
              ?disabled=${state.busy}
              @change=${(e: Event) => onChange({ commentEmails: (e.currentTarget as HTMLInputElement).checked })}
            />
            ${term("commentEmailsOption")}
          </label>
          ${hasThread && state.thread !== undefined
            ? html`<fieldset class="settings__thread">
                <legend>${term("threadEmails")}</legend>
                ${choice(null, term("threadDefault"))} ${choice("follow", term("threadFollow"))}
                ${choice("mute", term("threadMute"))}
              </fieldset>`
            : nothing}`}
    ${state.error ? html`<p part="error" class="error" role="alert">${state.error}</p>` : nothing}
  </div>`;
}
