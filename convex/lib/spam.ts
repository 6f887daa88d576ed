/**
 * Spam rules of comment writing, each switched on per organization (its settings). A caught comment is
 * never refused: it waits in the moderation queue with the rule's name, and its writer is told only
 * that it waits for a moderator — a spammer learns nothing about which rule to dodge, and a person
 * caught by mistake loses nothing.
 */
import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { heldReasonValidator, OrganizationSettings } from "../validators";
import { fail } from "./errors";
import { foldText } from "./text";

export type HeldReason = Infer<typeof heldReasonValidator>;

/** Bounds of the spam settings, checked by `organizations.updateSettings`. */
export const SPAM_LIMITS = {
  blockedWords: 200,
  blockedWordLength: 40,
  maxLinks: 50,
  minSubmitSeconds: 600,
  trustAfterApproved: 20,
  hideAfterReports: 50,
  /** A day: a moderator hears about the queue at least daily, or not at all (0). */
  queueEmailMinutes: 1440,
} as const;

/** A word: letters, combining marks and digits of any script. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** What the renderer turns into a link, and what spammers write for one. */
const LINK = /\b(?:https?:\/\/|www\.)/giu;

/** The blocked-words setting as stored: each entry one word, normalised, without repeats. */
export function cleanBlockedWords(words: string[]): string[] {
  if (words.length > SPAM_LIMITS.blockedWords) {
    fail("INVALID_ARGUMENT", `At most ${SPAM_LIMITS.blockedWords} blocked words.`);
  }
  const cleaned = words.map((entry) => {
    const word = foldText(entry.trim());
    if (word.length === 0 || word.length > SPAM_LIMITS.blockedWordLength || word.match(WORD)?.[0] !== word) {
      fail(
        "INVALID_ARGUMENT",
        `Each blocked word must be one word of letters or digits, at most ${SPAM_LIMITS.blockedWordLength} characters.`,
      );
    }
    return word;
  });
  return [...new Set(cleaned)];
}

/** A whole number within `0..max`, or INVALID_ARGUMENT naming `field`. */
export function checkCount(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    fail("INVALID_ARGUMENT", `${field} must be a whole number from 0 to ${max}.`);
  }
  return value;
}

function countLinks(content: string): number {
  return content.normalize("NFKC").match(LINK)?.length ?? 0;
}

function hasBlockedWord(content: string, blocked: readonly string[]): boolean {
  if (blocked.length === 0) return false;
  const words = new Set(foldText(content).match(WORD));
  return blocked.some((word) => words.has(word));
}

/** The rule the text of a comment breaks (blocked word, too many links), or null. Runs on edits too. */
export function contentHeldReason(settings: OrganizationSettings, content: string): HeldReason | null {
  if (hasBlockedWord(content, settings.blockedWords ?? [])) return "blocked_word";
  if (settings.maxLinks !== undefined && countLinks(content) > settings.maxLinks) return "links";
  return null;
}

/** What a guest's form sends about itself: the hidden field's value and how long the form was open. */
export interface GuestFormSignals {
  honeypot?: string;
  formOpenMs?: number;
}

/** The bot check a guest's form fails, or null. A missing open time counts as too fast. */
function guestHeldReason(settings: OrganizationSettings, form: GuestFormSignals): HeldReason | null {
  if (settings.guestHoneypot && (form.honeypot ?? "").trim() !== "") return "honeypot";
  const minSeconds = settings.guestMinSubmitSeconds ?? 0;
  if (minSeconds > 0 && !((form.formOpenMs ?? -1) >= minSeconds * 1000)) return "too_fast";
  return null;
}

/** Whether `authorId` has fewer than `settings.trustAfterApproved` approved (visible) comments in the organization. */
async function isUntrusted(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  authorId: Id<"users">,
  settings: OrganizationSettings,
): Promise<boolean> {
  const needed = settings.trustAfterApproved ?? 0;
  if (needed === 0) return false;
  const approved = await ctx.db
    .query("comments")
    .withIndex("by_organizationId_authorId_status", (q) =>
      q.eq("organizationId", organizationId).eq("authorId", authorId).eq("status", "visible"),
    )
    .take(needed);
  return approved.length < needed;
}

/**
 * Why a new comment waits for a moderator, or null when readers see it at once. The organization's
 * admins are never held; its members skip only the new-account rule. Guests, who have no account to
 * build trust with, always count as new.
 */
export async function heldReasonOf(
  ctx: QueryCtx,
  organization: Doc<"organizations">,
  author: { authorId?: Id<"users">; isAdmin: boolean; isMember: boolean },
  content: string,
  form: GuestFormSignals,
): Promise<HeldReason | null> {
  if (author.isAdmin) return null;
  const { settings } = organization;
  const reason =
    (author.authorId === undefined ? guestHeldReason(settings, form) : null) ?? contentHeldReason(settings, content);
  if (reason) return reason;
  if (!author.isMember) {
    const untrusted =
      author.authorId === undefined
        ? (settings.trustAfterApproved ?? 0) > 0
        : await isUntrusted(ctx, organization._id, author.authorId, settings);
    if (untrusted) return "new_account";
  }
  return settings.preModeration ? "pre_moderation" : null;
}
