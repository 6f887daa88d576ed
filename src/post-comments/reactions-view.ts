/** The reaction counts under a comment or the post, as readers who cannot react see them. */
import { html, nothing } from "lit";
import type { ReactionCounts, ReactionKind } from "../internal/api.js";
import type { LocalizeController } from "../internal/localize.js";

/** GitHub's eight reactions in GitHub's order (the backend's `REACTION_KINDS`). */
export const REACTION_EMOJI: Record<ReactionKind, string> = {
  thumbsUp: "👍",
  thumbsDown: "👎",
  laugh: "😄",
  hooray: "🎉",
  confused: "😕",
  heart: "❤️",
  rocket: "🚀",
  eyes: "👀",
};

export const REACTION_KINDS = Object.keys(REACTION_EMOJI) as ReactionKind[];

/** The kinds with at least one reaction, in order. */
export const shownKinds = (counts: ReactionCounts | undefined) => REACTION_KINDS.filter((kind) => counts?.[kind]);

export function renderReactionCounts(localize: LocalizeController, counts: ReactionCounts | undefined) {
  const kinds = shownKinds(counts);
  if (!kinds.length) return nothing;
  return html`<ul part="reactions" class="reactions" aria-label=${localize.term("reactions")}>
    ${kinds.map((kind) => html`<li part="reaction" class="reaction">${REACTION_EMOJI[kind]} ${localize.number(counts![kind]!)}</li>`)}
  </ul>`;
}
