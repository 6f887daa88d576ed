/** `lp-reaction`: the reader gave or took back a reaction in `<post-comments>`. */
import type { ReactionKind } from "../internal/api.js";

export interface ReactionEventDetail {
  /** The comment reacted to, or the post. */
  targetId: string;
  kind: ReactionKind;
  /** `true`: given; `false`: taken back. */
  on: boolean;
}
