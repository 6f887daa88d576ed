/**
 * Reporting someone else's comment: a Report button opens a small form under the comment (a reason, and
 * words of one's own for "other"); once sent, or refused as already sent, the button goes. The server
 * refuses a second report and one's own comment (CONFLICT); the element never offers either.
 */
import { html, nothing } from "lit";
import { api, type Comment, type CommentId } from "../internal/api.js";
import { toLiveError } from "../internal/errors.js";
import { LIMITS } from "../internal/limits.js";
import { focusIn, report, type WriterContext } from "./writer-context.js";

type ReportReason = "spam" | "abuse" | "off_topic" | "other";
const REASONS: [ReportReason, "reportSpam" | "reportAbuse" | "reportOffTopic" | "reportOther"][] = [
  ["spam", "reportSpam"],
  ["abuse", "reportAbuse"],
  ["off_topic", "reportOffTopic"],
  ["other", "reportOther"],
];

interface ReportState {
  id: CommentId;
  reason: ReportReason;
  text: string;
  busy: boolean;
  error?: string;
}

export class CommentReports {
  open: ReportState | null = null;
  /** Comments this reader reported while the page is open (the server remembers for good). */
  readonly done = new Set<CommentId>();
  /** The last report's outcome, shown under its comment. */
  notice: { id: CommentId; text: string } | null = null;

  constructor(private readonly c: WriterContext) {}

  #term: WriterContext["localize"]["term"] = (key, ...args) => this.c.localize.term(key, ...args);

  toggle(comment: Comment) {
    if (this.open?.id === comment._id) return this.#close();
    this.open = { id: comment._id, reason: "spam", text: "", busy: false };
    focusIn(this.c, `#report-${comment._id} input`);
  }

  #close() {
    const id = this.open?.id;
    this.open = null;
    focusIn(this.c, `[data-report-for="${id}"]`);
  }

  async #send() {
    const open = this.open;
    const client = this.c.host.connection.client;
    if (!open || !client || open.busy) return;
    const text = open.text.trim();
    this.open = { ...open, busy: true, error: undefined };
    this.c.host.requestUpdate();
    try {
      await client.mutation(api.reports.create, {
        commentId: open.id,
        reason: open.reason,
        ...(open.reason === "other" && text ? { text } : {}),
      });
      this.#finish(open.id, this.#term("reportThanks"));
    } catch (err) {
      const message = report(this.c, err);
      if (toLiveError(err).code === "CONFLICT") this.#finish(open.id, this.#term("alreadyReported"));
      else this.open = { ...open, busy: false, error: message };
      this.c.host.requestUpdate();
    }
  }

  #finish(id: CommentId, text: string) {
    this.done.add(id);
    this.open = null;
    this.notice = { id, text };
    this.c.host.requestUpdate();
  }

  /** Whether the Report button belongs under `comment`: another's visible comment, not yet reported here. */
  offered(comment: Comment, own: boolean): boolean {
    return !!this.c.permissions()?.signedIn && !own && comment.status === "visible" && !this.done.has(comment._id);
  }

  renderButton(comment: Comment) {
    return html`<button
      part="report-button"
      data-report-for=${comment._id}
      aria-expanded=${this.open?.id === comment._id}
      @click=${() => this.toggle(comment)}
    >
      ${this.#term("report")}
    </button>`;
  }

  /** The form or the outcome under `comment`, if any. */
  render(comment: Comment) {
    const term = this.#term;
    if (this.notice?.id === comment._id) {
      return html`<p part="report-notice" class="notice" role="status">${this.notice.text}</p>`;
    }
    const open = this.open;
    if (open?.id !== comment._id) return nothing;
    const set = (change: Partial<ReportState>) => {
      this.open = { ...open, ...change };
      this.c.host.requestUpdate();
    };
    return html`<form
      id="report-${comment._id}"
      part="report-form"
      class="composer"
      aria-busy=${open.busy ? "true" : "false"}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.#send();
      }}
      @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.#close()}
    >
      <fieldset class="report__reasons">
        <legend class="composer__label">${term("reportTitle")}</legend>
        ${REASONS.map(
          ([reason, label]) => html`<label
            ><input
              type="radio"
              name="reason"
              value=${reason}
              .checked=${open.reason === reason}
              @change=${() => set({ reason })}
            />
            ${term(label)}</label
          >`,
        )}
      </fieldset>
      ${open.reason === "other"
        ? html`<div class="field">
            <label for="report-text-${comment._id}">${term("reportDetails")}</label>
            <textarea
              id="report-text-${comment._id}"
              name="text"
              rows="2"
              required
              maxlength=${LIMITS.reportTextLength}
              .value=${open.text}
              @input=${(e: InputEvent) => set({ text: (e.target as HTMLTextAreaElement).value })}
            ></textarea>
          </div>`
        : nothing}
      ${open.error ? html`<p part="error" class="error" role="alert">${open.error}</p>` : nothing}
      <div class="composer__actions">
        <button type="button" @click=${() => this.#close()}>${term("cancel")}</button>
        <button type="submit" class="primary" ?disabled=${open.busy}>${term("sendReport")}</button>
      </div>
    </form>`;
  }
}
