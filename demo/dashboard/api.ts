/**
 * The site owner's functions, typed from the generated api but referenced by name at runtime (as the
 * elements do in src/internal/api.ts), so the page needs neither `convex/server` nor the generated code.
 */
import type { api as backend } from "../../convex/_generated/api";

type Backend = typeof backend;
const ref = <Reference>(name: string) => name as unknown as Reference;

export const dashboardApi = {
  users: {
    viewer: ref<Backend["users"]["viewer"]>("users:viewer"),
  },
  posts: {
    listForDashboard: ref<Backend["posts"]["listForDashboard"]>("posts:listForDashboard"),
    create: ref<Backend["posts"]["create"]>("posts:create"),
    update: ref<Backend["posts"]["update"]>("posts:update"),
    replace: ref<Backend["posts"]["replace"]>("posts:replace"),
    publish: ref<Backend["posts"]["publish"]>("posts:publish"),
    unpublish: ref<Backend["posts"]["unpublish"]>("posts:unpublish"),
    remove: ref<Backend["posts"]["remove"]>("posts:remove"),
  },
  comments: {
    moderationQueue: ref<Backend["comments"]["moderationQueue"]>("comments:moderationQueue"),
    moderate: ref<Backend["comments"]["moderate"]>("comments:moderate"),
  },
  organizations: {
    getBySlug: ref<Backend["organizations"]["getBySlug"]>("organizations:getBySlug"),
    updateSettings: ref<Backend["organizations"]["updateSettings"]>("organizations:updateSettings"),
    webhookSecret: ref<Backend["organizations"]["webhookSecret"]>("organizations:webhookSecret"),
    rotateWebhookSecret: ref<Backend["organizations"]["rotateWebhookSecret"]>("organizations:rotateWebhookSecret"),
    addMember: ref<Backend["organizations"]["addMember"]>("organizations:addMember"),
    listInvitations: ref<Backend["organizations"]["listInvitations"]>("organizations:listInvitations"),
    revokeInvitation: ref<Backend["organizations"]["revokeInvitation"]>("organizations:revokeInvitation"),
    acceptInvitation: ref<Backend["organizations"]["acceptInvitation"]>("organizations:acceptInvitation"),
  },
  apiKeys: {
    create: ref<Backend["apiKeys"]["create"]>("apiKeys:create"),
    list: ref<Backend["apiKeys"]["list"]>("apiKeys:list"),
    revoke: ref<Backend["apiKeys"]["revoke"]>("apiKeys:revoke"),
  },
};
