/**
 * Reacting, for readers who may (signed in, or guests where the organization allows guest comments):
 * each count under a comment or the post becomes a toggle button, the reader's own pressed, and a picker
 * adds a kind not shown yet. A click shows at once (optimistic update on the shared counts and on the
 * reader's own reactions); a refusal undoes it and says why under the bar.
 */
import { html, nothing } from "lit";
import type { OptimisticLocalStore } from "convex/browser";
import { emit } from "../events/emit.js";
import { api, type ReactionCounts, type ReactionKind } from "../internal/api.js";
import { LiveQueryController } from "../internal/live-query.js";
import { guestKey } from "./comment-actions.js";
import { REACTION_EMOJI, REACTION_KINDS, shownKinds } from "./reactions-view.js";
import { focusIn, report, type WriterContext } from "./writer-context.js";

/** The message naming a kind: `heart` → `reactionHeart`. */
const nameKey = (kind: ReactionKind) => `reaction${kind[0]!.toUpperCase()}${kind.slice(1)}` as `reaction${Capitalize<ReactionKind>}`;

export class CommentReactions {
  /** The target whose picker is open. */
  picking: string | null = null;
  /** The last refused reaction's message, shown under its bar. */
  error: { targetId: string; message: string } | null = null;
  /** The reader's own reactions on this post. */
  readonly mine: LiveQueryController<typeof api.reactions.viewerReactions>;

  constructor(private readonly c: WriterContext) {
    this.mine = new LiveQueryController(c.host, () => (this.allowed() ? { query: api.reactions.viewerReactions, args: this.#viewerArgs() } : null));
  }

  /** Whether this reader may react here: signed in, or a guest where guests may comment. */
  allowed(): boolean {
    return !!this.c.permissions()?.canComment;
  }

  #guest() {
    return !this.c.permissions()?.signedIn;
  }

  #viewerArgs() {
    const { org, post } = this.c.host;
    return { organizationSlug: org, postSlug: post, ...(this.#guest() ? { guestKey: guestKey() } : {}) };
  }

  #term(key: `reaction${Capitalize<ReactionKind>}` | "reactions" | "addReaction") {
    return this.c.localize.term(key);
  }

  #label(kind: ReactionKind, count: number) {
    const { localize } = this.c;
    return localize.term("reactWith", REACTION_EMOJI[kind], localize.number(count), this.#term(nameKey(kind)));
  }

  /** Gives or takes back the reader's `kind` on `targetId`. */
  async toggle(targetId: string, kind: ReactionKind) {
    const client = this.c.host.connection.client;
    if (!client) return;
    const on = !this.mine.value?.some((r) => r.targetId === targetId && r.kind === kind);
    const viewerArgs = this.#viewerArgs();
    const { organizationSlug, postSlug } = viewerArgs;
    const postId = this.c.postId();
    // Picked from the picker, which closes: focus goes to the kind's toggle in the bar.
    if (this.picking === targetId) focusIn(this.c, `[data-reactions-for="${targetId}"] [data-kind="${kind}"]`);
    this.picking = null;
    this.error = null;
    this.c.host.requestUpdate();
    const optimisticUpdate = (store: OptimisticLocalStore) => {
      const delta = on ? 1 : -1;
      for (const { args, value } of store.getAllQueries(api.reactions.counts)) {
        if (!value || args.organizationSlug !== organizationSlug || args.postSlug !== postSlug) continue;
        if (targetId !== postId && !args.commentIds.includes(targetId as never)) continue;
        const entry = value.find((e) => e.targetId === targetId);
        const counts: ReactionCounts = { ...entry?.counts, [kind]: Math.max(0, (entry?.counts[kind] ?? 0) + delta) };
        const next = entry
          ? value.map((e) => (e === entry ? { ...e, counts } : e))
          : [...value, { targetId: targetId as never, counts }];
        store.setQuery(api.reactions.counts, args, next);
      }
      const mine = store.getQuery(api.reactions.viewerReactions, viewerArgs);
      if (mine) {
        store.setQuery(
          api.reactions.viewerReactions,
          viewerArgs,
          on ? [...mine, { targetId: targetId as never, kind }] : mine.filter((r) => r.targetId !== targetId || r.kind !== kind),
        );
      }
    };
    try {
      await client.mutation(
        api.reactions.set,
        { targetId, kind, on, ...(viewerArgs.guestKey ? { guestKey: viewerArgs.guestKey } : {}) },
        { optimisticUpdate },
      );
      emit(this.c.host, "lp-reaction", { targetId, kind, on });
    } catch (err) {
      this.error = { targetId, message: report(this.c, err) };
      this.c.host.requestUpdate();
    }
  }

  #togglePicker(targetId: string) {
    const opening = this.picking !== targetId;
    this.picking = opening ? targetId : null;
    focusIn(this.c, opening ? `#picker-${targetId} button` : `[data-picker-for="${targetId}"]`);
  }

  /** The bar of toggles under `targetId` (a comment or the post), with its picker. */
  render(targetId: string, counts: ReactionCounts | undefined) {
    const mine = new Set(this.mine.value?.filter((r) => r.targetId === targetId).map((r) => r.kind));
    const shown = shownKinds(counts);
    const missing = REACTION_KINDS.filter((kind) => !shown.includes(kind));
    const picking = this.picking === targetId;
    const error = this.error?.targetId === targetId ? this.error.message : "";
    return html`<div part="reactions" class="reactions" role="group" aria-label=${this.#term("reactions")} data-reactions-for=${targetId}>
        ${shown.map(
          (kind) => html`<button
            part="reaction"
            class="reaction"
            data-kind=${kind}
            aria-pressed=${mine.has(kind) ? "true" : "false"}
            aria-label=${this.#label(kind, counts![kind]!)}
            @click=${() => this.toggle(targetId, kind)}
          >
            ${REACTION_EMOJI[kind]} ${this.c.localize.number(counts![kind]!)}
          </button>`,
        )}
        ${missing.length
          ? html`<button
              part="reaction-picker-button"
              class="reaction reaction--add"
              data-picker-for=${targetId}
              aria-expanded=${picking ? "true" : "false"}
              aria-label=${this.#term("addReaction")}
              title=${this.#term("addReaction")}
              @click=${() => this.#togglePicker(targetId)}
            >
              <span aria-hidden="true">☺+</span>
            </button>`
          : nothing}
        ${picking
          ? html`<div
              id="picker-${targetId}"
              part="reaction-picker"
              class="reaction-picker"
              role="group"
              aria-label=${this.#term("addReaction")}
              @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.#togglePicker(targetId)}
            >
              ${missing.map(
                (kind) => html`<button
                  part="reaction"
                  class="reaction"
                  aria-label=${this.#label(kind, 0)}
                  title=${this.#term(nameKey(kind))}
                  @click=${() => this.toggle(targetId, kind)}
                >
                  ${REACTION_EMOJI[kind]}
                </button>`,
              )}
            </div>`
          : nothing}
      </div>
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}`;
  }
}
