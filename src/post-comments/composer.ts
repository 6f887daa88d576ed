/**
 * The comment form (new comment, reply, edit): a labelled textarea with a live counter and Ctrl/Cmd+Enter
 * to send, and Write / Preview tabs; the preview uses the thread's own renderer.
 */
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { LIMITS } from "../internal/limits.js";
import type { LocalizeController } from "../internal/localize.js";
import { renderMarkdown } from "../markdown/markdown.js";

export interface ComposerState {
  /** sessionStorage key of the draft; empty when the text is not kept (edits). */
  key: string;
  text: string;
  requestId?: string;
  guestName?: string;
  /** A guest form's hidden field, read when it is sent: people leave it empty, form-filling bots do not. */
  honeypot?: string;
  /** `performance.now()` when the form was first shown (a guest's time to submit is a bot check). */
  shownAt?: number;
  busy: boolean;
  error?: string;
  notice?: string;
  /** The Preview tab is open. */
  preview?: boolean;
}

export interface ComposerOptions {
  id: string;
  label: string;
  state: ComposerState;
  submitLabel: string;
  /** Ask for a display name (guest comments). */
  guest?: boolean;
  /** Sending is held up by a lost connection. */
  waiting?: boolean;
  term: LocalizeController["term"];
  number: (n: number) => string;
  onInput: (text: string) => void;
  onGuestName?: (name: string) => void;
  onSubmit: () => void;
  onCancel?: () => void;
  /** The reader opened the Preview (true) or Write (false) tab. */
  onPreview: (preview: boolean) => void;
}

function onKeydown(event: KeyboardEvent, onCancel?: () => void) {
  const textarea = event.target as HTMLTextAreaElement;
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    textarea.form?.requestSubmit();
  } else if (event.key === "Escape" && onCancel) {
    event.preventDefault();
    onCancel();
  }
}

/** Arrow keys, Home and End move between the two tabs, opening the one they reach (ARIA tabs pattern). */
function onTabKeydown(event: KeyboardEvent, o: ComposerOptions) {
  const preview = { ArrowLeft: !o.state.preview, ArrowRight: !o.state.preview, Home: false, End: true }[event.key];
  if (preview === undefined) return;
  event.preventDefault();
  o.onPreview(preview);
  const tabs = (event.currentTarget as HTMLElement).parentElement!;
  tabs.querySelector<HTMLElement>(`#${o.id}-${preview ? "preview" : "write"}-tab`)!.focus();
}

function renderTab(o: ComposerOptions, preview: boolean) {
  const name = preview ? "preview" : "write";
  const selected = !!o.state.preview === preview;
  return html`<button
    type="button"
    role="tab"
    part="composer-tab"
    class="composer__tab"
    id="${o.id}-${name}-tab"
    aria-selected=${selected ? "true" : "false"}
    aria-controls="${o.id}-${name}"
    tabindex=${selected ? 0 : -1}
    @click=${() => o.onPreview(preview)}
    @keydown=${(e: KeyboardEvent) => onTabKeydown(e, o)}
  >
    ${o.term(preview ? "previewTab" : "writeTab")}
  </button>`;
}

export function renderComposer(o: ComposerOptions) {
  const { id, state, term, number } = o;
  const length = state.text.trim().length;
  const over = length > LIMITS.commentLength;
  const max = number(LIMITS.commentLength);
  state.shownAt ??= performance.now();
  return html`<form
    part="composer"
    class="composer"
    aria-busy=${state.busy ? "true" : "false"}
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const trap = (e.target as HTMLFormElement).elements.namedItem("website") as HTMLInputElement | null;
      state.honeypot = trap?.value;
      o.onSubmit();
    }}
  >
    ${o.guest
      ? html`<div class="field">
          <label for="${id}-name">${term("guestName")}</label>
          <input
            id="${id}-name"
            name="name"
            autocomplete="name"
            required
            maxlength=${LIMITS.nameLength}
            .value=${live(state.guestName ?? "")}
            @input=${(e: InputEvent) => o.onGuestName?.((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="visually-hidden" aria-hidden="true">
          <input name="website" tabindex="-1" autocomplete="off" />
        </div>`
      : nothing}
    <label class="composer__label" for=${id}>${o.label}</label>
    <div role="tablist" class="composer__tabs">${renderTab(o, false)}${renderTab(o, true)}</div>
    <div role="tabpanel" id="${id}-write" aria-labelledby="${id}-write-tab" ?hidden=${!!state.preview}>
      <textarea
        id=${id}
        part="textarea"
        name="content"
        rows="3"
        required
        aria-describedby="${id}-count ${id}-hint"
        aria-invalid=${over ? "true" : "false"}
        .value=${live(state.text)}
        @input=${(e: InputEvent) => o.onInput((e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => onKeydown(e, o.onCancel)}
      ></textarea>
    </div>
    <div
      role="tabpanel"
      id="${id}-preview"
      part="preview"
      class="comment__body composer__preview"
      aria-labelledby="${id}-preview-tab"
      tabindex="0"
      ?hidden=${!state.preview}
    >
      ${state.preview ? (length ? renderMarkdown(state.text) : html`<p class="hint">${term("previewEmpty")}</p>`) : nothing}
    </div>
    <div class="composer__meta">
      <span id="${id}-hint" class="hint">${term("sendHint")}</span>
      <span id="${id}-count" part="char-count" class=${over ? "count count--over" : "count"}
        >${term("charCount", number(length), max)}</span
      >
    </div>
    ${over ? html`<p class="error" role="alert">${term("tooLong", max)}</p>` : nothing}
    ${state.error ? html`<p part="error" class="error" role="alert">${state.error}</p>` : nothing}
    ${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : nothing}
    ${o.waiting ? html`<p class="notice" role="status">${term("waitingForConnection")}</p>` : nothing}
    <div class="composer__actions">
      ${o.onCancel ? html`<button type="button" @click=${o.onCancel}>${term("cancel")}</button>` : nothing}
      <button type="submit" part="submit-button" class="primary" ?disabled=${state.busy || !length || over}>
        ${o.submitLabel}
      </button>
    </div>
  </form>`;
}
