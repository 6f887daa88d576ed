/**
 * Validators shared by the schema and by the `args` / `returns` of functions. Each table's fields are
 * written once (`*Fields`, the schema's); what functions return is built from them, so a field added to
 * a table reaches every function that returns it, and a field kept from readers is named once.
 */
import { omit, pick } from "convex-helpers";
import { withSystemFields } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";

export const roleValidator = v.union(v.literal("admin"), v.literal("user"));
export const postStatusValidator = v.union(v.literal("draft"), v.literal("published"));
/** `article`: written in the dashboard or pushed by a webhook; `thread`: created by a first comment on a static page. */
export const postKindValidator = v.union(v.literal("article"), v.literal("thread"));
export const commentStatusValidator = v.union(
  v.literal("visible"),
  v.literal("pending"),
  v.literal("removed"),
);
export const deliveryStatusValidator = v.union(
  v.literal("sent"),
  v.literal("failed"),
  v.literal("skipped"),
);

export const organizationSettingsValidator = v.object({
  /** Readers without an account may comment under a display name. */
  allowGuestComments: v.boolean(),
  /** New comments wait for an admin's approval before readers see them. */
  preModeration: v.boolean(),
  /** A first comment on an unknown post slug creates its thread (static sites). */
  autoCreateThreads: v.boolean(),
  /** Who may create a thread that way: the organization's members (default) or anyone signed in. */
  autoCreateThreadsBy: v.optional(v.union(v.literal("members"), v.literal("signedIn"))),
  /** Origins allowed to call the HTTP API from a browser (CORS); empty means any. */
  allowedOrigins: v.array(v.string()),
  /** A guest's comment whose hidden honeypot field is filled waits for a moderator. */
  guestHoneypot: v.optional(v.boolean()),
  /** A guest's comment sent sooner than this after its form was shown waits for a moderator; 0 or absent: off. */
  guestMinSubmitSeconds: v.optional(v.number()),
  /** A comment with more links than this waits for a moderator; absent: no limit. */
  maxLinks: v.optional(v.number()),
  /** A comment containing one of these words waits for a moderator; stored NFKC-normalised, lower-case. */
  blockedWords: v.optional(v.array(v.string())),
  /**
   * A signed-in account outside the organization with fewer approved comments here than this has its
   * comments wait for a moderator; guests, who cannot build trust, always wait. 0 or absent: off.
   */
  trustAfterApproved: v.optional(v.number()),
  /** A visible comment is hidden, pending review, by its Kth report; 0 or absent: never. */
  hideAfterReports: v.optional(v.number()),
  /** The organization's admins get at most one e-mail about the moderation queue per this many minutes; 0: none. */
  queueEmailMinutes: v.optional(v.number()),
});

/** Why a comment waits in the moderation queue: shown to moderators, never to the writer. */
export const heldReasonValidator = v.union(
  v.literal("pre_moderation"),
  v.literal("honeypot"),
  v.literal("too_fast"),
  v.literal("links"),
  v.literal("blocked_word"),
  v.literal("new_account"),
  /** Written under a shadow ban: its writer sees it as published, nobody else sees it. */
  v.literal("shadow_ban"),
  /** Readers reported it `hideAfterReports` times. */
  v.literal("reported"),
  /** The spam-check service (Akismet-compatible) called it spam. */
  v.literal("spam_check"),
  /** The spam-check service could not answer (error, timeout): held rather than published unchecked. */
  v.literal("spam_check_unavailable"),
);

export const reportReasonValidator = v.union(
  v.literal("spam"),
  v.literal("abuse"),
  v.literal("off_topic"),
  v.literal("other"),
);

export const userFields = {
  authId: v.string(),
  name: v.string(),
  email: v.string(),
  role: roleValidator,
  organizationId: v.optional(v.id("organizations")),
  createdAt: v.number(),
  /** Set when the account is deleted: the row stays (anonymized) only until its comments are. */
  deletedAt: v.optional(v.number()),
};

/**
 * An invitation to join an organization: a single-use token sent to `email` (normalised), accepted only
 * by the signed-in account whose verified address it is. The token itself is mailed, never stored.
 */
export const invitationFields = {
  organizationId: v.id("organizations"),
  email: v.string(),
  role: roleValidator,
  /** SHA-256 of the token, hex. */
  tokenHash: v.string(),
  invitedBy: v.id("users"),
  createdAt: v.number(),
  expiresAt: v.number(),
  acceptedAt: v.optional(v.number()),
  revokedAt: v.optional(v.number()),
};

export const organizationFields = {
  name: v.string(),
  slug: v.string(),
  ownerId: v.id("users"),
  createdAt: v.number(),
  settings: organizationSettingsValidator,
  /** HMAC-SHA256 secret for `/api/webhook`; never returned by a public query. */
  webhookSecret: v.string(),
};

export const postFields = {
  title: v.string(),
  content: v.string(),
  slug: v.string(),
  kind: postKindValidator,
  authorId: v.id("users"),
  /** Denormalized so the feed reads only posts. */
  authorName: v.string(),
  organizationId: v.id("organizations"),
  status: postStatusValidator,
  publishedAt: v.optional(v.number()),
  createdAt: v.number(),
  updatedAt: v.optional(v.number()),
  /** Visible comments, replies included; kept in step by every comment write. */
  commentCount: v.number(),
};

export const commentFields = {
  postId: v.id("posts"),
  organizationId: v.id("organizations"),
  /** Absent for guests and for comments of deleted accounts. */
  authorId: v.optional(v.id("users")),
  /** Denormalized so a thread page reads only comments. */
  authorName: v.string(),
  content: v.string(),
  createdAt: v.number(),
  /** The top-level comment a reply belongs to: replies are one level deep. */
  parentId: v.optional(v.id("comments")),
  /** The reply that a reply answers, when it answers a reply rather than the top-level comment. */
  replyToId: v.optional(v.id("comments")),
  status: commentStatusValidator,
  editedAt: v.optional(v.number()),
  /** Client-generated id that makes `comments.create` idempotent per writer. */
  clientRequestId: v.optional(v.string()),
  /**
   * Who sent `clientRequestId`: `user:<id>` for accounts, `guest:<key>` for a guest's per-browser key.
   * Retries match on (writer, request id), so two writers never share a comment.
   */
  writerKey: v.optional(v.string()),
  /** Set when the author deleted a comment that has replies: it stays as "comment deleted". */
  deletedAt: v.optional(v.number()),
  /** Why it entered the moderation queue (kept after approval, as a record). */
  heldReason: v.optional(heldReasonValidator),
  /** How many readers reported it (`reports`). */
  reportCount: v.optional(v.number()),
  /** Reactions of every kind on it, copied from the sharded counts at most once a second (reactions.syncScore). */
  reactionScore: v.optional(v.number()),
  /** When an admin pinned this top-level comment: pinned comments come first in every order. */
  pinnedAt: v.optional(v.number()),
};

/**
 * An organization's ban of an account (`userId`) or of a guest name (`guestName`, folded: NFKC,
 * lower-case), one row per target. Until `endsAt` (or for good), the target's new comments are refused;
 * a `shadow` ban accepts them but shows them to their writer alone.
 */
export const banFields = {
  organizationId: v.id("organizations"),
  userId: v.optional(v.id("users")),
  guestName: v.optional(v.string()),
  reason: v.optional(v.string()),
  endsAt: v.optional(v.number()),
  shadow: v.boolean(),
  createdBy: v.id("users"),
  createdAt: v.number(),
};

/** One reader's report of one comment; reporters stay unknown to other readers. */
export const reportFields = {
  organizationId: v.id("organizations"),
  commentId: v.id("comments"),
  reporterId: v.id("users"),
  reason: reportReasonValidator,
  text: v.optional(v.string()),
  createdAt: v.number(),
};

/** What a moderation action did; `report_hide` is the readers' Kth report, which has no actor. */
export const auditActionValidator = v.union(
  v.literal("approve"),
  v.literal("remove"),
  v.literal("ban"),
  v.literal("unban"),
  v.literal("pin"),
  v.literal("unpin"),
  v.literal("report_hide"),
);

/** One moderation action of an organization, kept as its record. */
export const auditLogFields = {
  organizationId: v.id("organizations"),
  action: auditActionValidator,
  /** The admin who acted; absent for `report_hide`. */
  actorId: v.optional(v.id("users")),
  commentId: v.optional(v.id("comments")),
  /** Whom it concerned: the comment's author, or the banned account or guest name. */
  targetName: v.optional(v.string()),
  /** A ban's terms, as the admin set them ("shadow", the end, the reason). */
  detail: v.optional(v.string()),
  createdAt: v.number(),
};

/** An audit entry as admins see it, with the acting admin's name. */
export const auditEntryValidator = v.object({
  ...withSystemFields("auditLog", auditLogFields),
  actorName: v.optional(v.string()),
});

/**
 * When the organization's admins were last e-mailed about the moderation queue, and whether the next
 * e-mail is already scheduled (comments held meanwhile join it): one row per organization.
 */
export const queueAlertFields = {
  organizationId: v.id("organizations"),
  sentAt: v.optional(v.number()),
  scheduledFor: v.optional(v.number()),
};

export const apiKeyFields = {
  organizationId: v.id("organizations"),
  name: v.string(),
  /** SHA-256 of the key, hex. The key itself is shown once and never stored. */
  hashedKey: v.string(),
  /** First characters of the key, to recognise it in a list. */
  prefix: v.string(),
  createdBy: v.id("users"),
  createdAt: v.number(),
  revokedAt: v.optional(v.number()),
  lastUsedAt: v.optional(v.number()),
};

export const webhookEventFields = {
  organizationId: v.id("organizations"),
  eventId: v.string(),
  type: v.string(),
  processedAt: v.number(),
};

export const emailDeliveryFields = {
  commentId: v.id("comments"),
  to: v.string(),
  reason: v.union(v.literal("post_author"), v.literal("parent_author")),
  status: deliveryStatusValidator,
  error: v.optional(v.string()),
  providerMessageId: v.optional(v.string()),
  createdAt: v.number(),
};

/** Reactions of each of GitHub's eight kinds on one target, by kind; absent means 0. */
const reactionTallyFields = {
  thumbsUp: v.optional(v.number()),
  thumbsDown: v.optional(v.number()),
  laugh: v.optional(v.number()),
  hooray: v.optional(v.number()),
  confused: v.optional(v.number()),
  heart: v.optional(v.number()),
  rocket: v.optional(v.number()),
  eyes: v.optional(v.number()),
};
export const reactionTallyValidator = v.object(reactionTallyFields);
export type ReactionKind = keyof typeof reactionTallyFields;
export type ReactionTally = Infer<typeof reactionTallyValidator>;
/** The kinds in GitHub's order; a reader gives at most one of each to a target. */
export const REACTION_KINDS = Object.keys(reactionTallyFields) as ReactionKind[];
export const reactionKindValidator = v.union(...REACTION_KINDS.map((kind) => v.literal(kind)));

/** What can be reacted to: a comment, or the post itself. */
export const reactionTargetValidator = v.union(v.id("comments"), v.id("posts"));

/**
 * One reader's reaction of one kind to one target of a post. `reactorKey` is `user:<id>` for accounts,
 * `guest:<key>` for a guest's per-browser key (where the organization allows guests).
 */
export const reactionFields = {
  postId: v.id("posts"),
  reactorKey: v.string(),
  targetId: reactionTargetValidator,
  kind: reactionKindValidator,
  /** The count shard it added to, which its removal takes from (so no shard goes below 0). */
  shard: v.number(),
  createdAt: v.number(),
};

/**
 * One shard of a target's reaction counts: a reaction adds to one of a few rows (convex/reactions.ts) picked at
 * random, so concurrent reactors rarely write the same row; the count is the sum of the shards.
 */
export const reactionCountFields = {
  postId: v.id("posts"),
  targetId: reactionTargetValidator,
  shard: v.number(),
  counts: reactionTallyValidator,
};

/** A comment whose `reactionScore` is due to be copied from its counts (one row while a copy is scheduled). */
export const reactionScoreSyncFields = {
  commentId: v.id("comments"),
};

/** A ban as the organization's admins see it, with the banned account's name. */
export const banValidator = v.object({
  ...withSystemFields("bans", banFields),
  userName: v.optional(v.string()),
});

/** An invitation as the organization's admins see it: no token. */
export const invitationValidator = v.object({
  _id: v.id("invitations"),
  ...pick(invitationFields, ["email", "role", "createdAt", "expiresAt", "acceptedAt", "revokedAt"]),
});

/** A post as functions return it: every field, nothing secret. */
export const postValidator = v.object(withSystemFields("posts", postFields));

/** A post in a list: the excerpt instead of the content. */
export const postSummaryValidator = v.object({
  _id: v.id("posts"),
  ...pick(postFields, ["slug", "title", "authorId", "authorName", "publishedAt", "commentCount"]),
  excerpt: v.string(),
});

/** What anyone may read about an organization: no secret, no allowed origins. */
export const publicOrganizationValidator = v.object({
  _id: v.id("organizations"),
  ...pick(organizationFields, ["name", "slug"]),
  settings: v.object(
    pick(organizationSettingsValidator.fields, ["allowGuestComments", "preModeration", "autoCreateThreads"]),
  ),
});

/** An organization's member as its admins see them. */
export const memberValidator = v.object({
  _id: v.id("users"),
  ...pick(userFields, ["name", "email", "role"]),
});

/** The signed-in user as they see themselves (their own email only). */
export const viewerValidator = v.object({
  ...memberValidator.fields,
  ...pick(userFields, ["organizationId"]),
  organizationSlug: v.optional(v.string()),
});

export type OrganizationSettings = Infer<typeof organizationSettingsValidator>;

/** What only the backend reads of a comment: its organization, the retry key, the deletion time, why it was held, its reports. */
export const backendOnlyCommentFields = [
  "organizationId",
  "clientRequestId",
  "writerKey",
  "deletedAt",
  "heldReason",
  "reportCount",
] satisfies (keyof typeof commentFields)[];

/** A comment as functions return it (`publicComment` in lib/comments.ts). */
export const commentValidator = v.object({
  ...withSystemFields("comments", omit(commentFields, backendOnlyCommentFields)),
  /** A tombstone: the author deleted it, its replies stay. No author, no text. */
  deleted: v.optional(v.boolean()),
  /** With `replyToId`: the answered reply's author, read when the thread is (so a rename or a deleted account shows). */
  replyToName: v.optional(v.string()),
});

/** A top-level comment with its visible replies, oldest first. */
export const commentThreadValidator = v.object({
  ...commentValidator.fields,
  replies: v.array(commentValidator),
});

/** What the comment form needs to know about the caller for one organization. */
export const viewerCommentPermissionsValidator = v.object({
  signedIn: v.boolean(),
  canComment: v.boolean(),
  canModerate: v.boolean(),
  userId: v.optional(v.id("users")),
});
