import type { api as backend } from "../../convex/_generated/api.js";
import { functionRef } from "./function-ref.js";

/** The site owner's functions (a dashboard's): posts, moderation, settings, members and API keys. */
const ref = functionRef<typeof backend>();

export const ownerApi = {
  users: {
    viewer: ref("users:viewer"),
  },
  posts: {
    listForDashboard: ref("posts:listForDashboard"),
    create: ref("posts:create"),
    update: ref("posts:update"),
    replace: ref("posts:replace"),
    publish: ref("posts:publish"),
    unpublish: ref("posts:unpublish"),
    remove: ref("posts:remove"),
  },
  comments: {
    moderationQueue: ref("comments:moderationQueue"),
    moderate: ref("comments:moderate"),
  },
  organizations: {
    getBySlug: ref("organizations:getBySlug"),
    updateSettings: ref("organizations:updateSettings"),
    adminSettings: ref("organizations:adminSettings"),
    webhookSecret: ref("organizations:webhookSecret"),
    rotateWebhookSecret: ref("organizations:rotateWebhookSecret"),
    addMember: ref("organizations:addMember"),
    listInvitations: ref("organizations:listInvitations"),
    revokeInvitation: ref("organizations:revokeInvitation"),
    acceptInvitation: ref("organizations:acceptInvitation"),
  },
  bans: {
    ban: ref("bans:ban"),
    unban: ref("bans:unban"),
    list: ref("bans:list"),
  },
  auditLog: {
    list: ref("auditLog:list"),
  },
  apiKeys: {
    create: ref("apiKeys:create"),
    list: ref("apiKeys:list"),
    revoke: ref("apiKeys:revoke"),
  },
};
