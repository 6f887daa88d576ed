/** The sign-in / create-account form: real form fields with labels and autocomplete hints. */
import { html, nothing } from "lit";
import type { LocalizeController } from "../internal/localize.js";

export interface AuthFormState {
  mode: "signIn" | "signUp";
  busy: boolean;
  error?: string;
  /** What happened, e.g. "we sent a link". */
  notice?: string;
}

export interface AuthFormOptions {
  state: AuthFormState;
  term: LocalizeController["term"];
  onSubmit: (form: HTMLFormElement) => void;
  onSendLink: (form: HTMLFormElement) => void;
  onPasskey: () => void;
  /** The sign-in providers offered, each a button. */
  providers: readonly ("github" | "google")[];
  onProvider: (provider: "github" | "google") => void;
  onToggle: () => void;
  onCancel: () => void;
}

const PROVIDER_NAMES = { github: "GitHub", google: "Google" } as const;

export function renderAuthForm({ state, term, onSubmit, onSendLink, onPasskey, providers, onProvider, onToggle, onCancel }: AuthFormOptions) {
  const signUp = state.mode === "signUp";
  const invalid = state.error ? "true" : "false";
  const field = (name: string, type: string, autocomplete: string, label: string, minlength?: number) =>
    html`<div class="field">
      <label for="auth-${name}">${label}</label>
      <input
        id="auth-${name}"
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        required
        minlength=${minlength ?? nothing}
        aria-invalid=${name === "name" ? nothing : invalid}
        aria-describedby=${state.error ? "auth-error" : nothing}
      />
    </div>`;
  return html`<form
    part="sign-in-form"
    class="auth"
    aria-labelledby="auth-title"
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      onSubmit(e.currentTarget as HTMLFormElement);
    }}
    @keydown=${(e: KeyboardEvent) => e.key === "Escape" && onCancel()}
  >
    <h3 id="auth-title" class="auth__title">${signUp ? term("signUp") : term("signIn")}</h3>
    ${providers.length
      ? html`<div class="auth__providers">
          ${providers.map(
            (id) =>
              html`<button type="button" part="provider-button" ?disabled=${state.busy} @click=${() => onProvider(id)}>
                ${term("authContinueWith", PROVIDER_NAMES[id])}
              </button>`,
          )}
        </div>`
      : nothing}
    ${signUp ? field("name", "text", "name", term("nameLabel")) : nothing}
    ${field("email", "email", "email", term("emailLabel"))}
    ${field("password", "password", signUp ? "new-password" : "current-password", term("passwordLabel"), signUp ? 8 : undefined)}
    ${state.error ? html`<p id="auth-error" part="error" class="error" role="alert">${state.error}</p>` : nothing}
    ${state.notice ? html`<p part="sign-in-notice" role="status">${state.notice}</p>` : nothing}
    <div class="auth__actions">
      <button type="submit" class="primary" ?disabled=${state.busy}>${signUp ? term("signUp") : term("signIn")}</button>
      <button
        type="button"
        part="magic-link-button"
        ?disabled=${state.busy}
        @click=${(e: Event) => onSendLink((e.currentTarget as HTMLButtonElement).form!)}
      >
        ${term("authSendLink")}
      </button>
      ${signUp
        ? nothing
        : html`<button type="button" part="passkey-button" ?disabled=${state.busy} @click=${onPasskey}>
            ${term("authSignInWithPasskey")}
          </button>`}
      <button type="button" class="link" @click=${onToggle}>${signUp ? term("toSignIn") : term("toSignUp")}</button>
      <button type="button" @click=${onCancel}>${term("cancel")}</button>
    </div>
  </form>`;
}
