import { defineSchema, defineTable } from "convex/server";
import {
  apiKeyFields,
  auditLogFields,
  queueAlertFields,
  banFields,
  reportFields,
  commentFields,
  emailDeliveryFields,
  invitationFields,
  organizationFields,
  postFields,
  reactionCountFields,
  reactionFields,
  reactionScoreSyncFields,
  userFields,
  webhookEventFields,
} from "./validators";
import { importedItemFields } from "./nativeFormat";

export default defineSchema({
  users: defineTable(userFields)
    .index("by_authId", ["authId"])
    .index("by_email", ["email"])
    .index("by_organizationId", ["organizationId"]),

  organizations: defineTable(organizationFields)
    .index("by_slug", ["slug"])
    .index("by_ownerId", ["ownerId"]),

  posts: defineTable(postFields)
    .index("by_authorId_kind_status", ["authorId", "kind", "status"])
    .index("by_organizationId_status", ["organizationId", "status"])
    .index("by_organizationId_createdAt", ["organizationId", "createdAt"])
    .index("by_organizationId_slug", ["organizationId", "slug"])
    .index("by_organizationId_kind_status_publishedAt", [
      "organizationId",
      "kind",
      "status",
      "publishedAt",
    ])
    .searchIndex("search_content", {
      searchField: "content",
      filterFields: ["organizationId", "status", "authorId", "kind"],
    })
    .searchIndex("search_title", {
      searchField: "title",
      filterFields: ["organizationId", "status", "authorId", "kind"],
    }),

  comments: defineTable(commentFields)
    .index("by_postId_parentId_status_pinnedAt_createdAt", ["postId", "parentId", "status", "pinnedAt", "createdAt"])
    .index("by_postId_parentId_status_pinnedAt_reactionScore_createdAt", [
      "postId",
      "parentId",
      "status",
      "pinnedAt",
      "reactionScore",
      "createdAt",
    ])
    .index("by_parentId_status", ["parentId", "status"])
    .index("by_postId_status_authorId", ["postId", "status", "authorId"])
    .index("by_postId_status_createdAt", ["postId", "status", "createdAt"])
    .index("by_organizationId_status", ["organizationId", "status"])
    .index("by_authorId", ["authorId"])
    .index("by_organizationId_authorId_status", ["organizationId", "authorId", "status"])
    .index("by_writerKey_clientRequestId", ["writerKey", "clientRequestId"]),

  invitations: defineTable(invitationFields)
    .index("by_tokenHash", ["tokenHash"])
    .index("by_organizationId_email", ["organizationId", "email"])
    .index("by_organizationId_createdAt", ["organizationId", "createdAt"]),

  apiKeys: defineTable(apiKeyFields)
    .index("by_hashedKey", ["hashedKey"])
    .index("by_organizationId", ["organizationId"]),

  webhookEvents: defineTable(webhookEventFields).index("by_organizationId_eventId", [
    "organizationId",
    "eventId",
  ]),

  bans: defineTable(banFields)
    .index("by_organizationId_userId", ["organizationId", "userId"])
    .index("by_organizationId_guestName", ["organizationId", "guestName"]),

  reactions: defineTable(reactionFields).index("by_postId_reactorKey_targetId_kind", [
    "postId",
    "reactorKey",
    "targetId",
    "kind",
  ]),

  reactionCounts: defineTable(reactionCountFields).index("by_postId_targetId_shard", ["postId", "targetId", "shard"]),

  reactionScoreSyncs: defineTable(reactionScoreSyncFields).index("by_commentId", ["commentId"]),

  reports: defineTable(reportFields).index("by_commentId_reporterId", ["commentId", "reporterId"]),

  auditLog: defineTable(auditLogFields).index("by_organizationId_createdAt", ["organizationId", "createdAt"]),

  queueAlerts: defineTable(queueAlertFields).index("by_organizationId", ["organizationId"]),

  importedItems: defineTable(importedItemFields).index("by_organizationId_source_kind_sourceId", [
    "organizationId",
    "source",
    "kind",
    "sourceId",
  ]),

  emailDeliveries: defineTable(emailDeliveryFields)
    .index("by_commentId", ["commentId"])
    .index("by_to", ["to"]),
});
