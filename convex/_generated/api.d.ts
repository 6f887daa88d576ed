/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as accounts from "../accounts.js";
import type * as apiKeys from "../apiKeys.js";
import type * as auditLog from "../auditLog.js";
import type * as auth from "../auth.js";
import type * as bans from "../bans.js";
import type * as comments from "../comments.js";
import type * as feeds from "../feeds.js";
import type * as http from "../http.js";
import type * as lib_apiKeyRequest from "../lib/apiKeyRequest.js";
import type * as lib_auditLog from "../lib/auditLog.js";
import type * as lib_bans from "../lib/bans.js";
import type * as lib_comments from "../lib/comments.js";
import type * as lib_conditionalGet from "../lib/conditionalGet.js";
import type * as lib_config from "../lib/config.js";
import type * as lib_crypto from "../lib/crypto.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_feedFormats from "../lib/feedFormats.js";
import type * as lib_limits from "../lib/limits.js";
import type * as lib_nativeDocument from "../lib/nativeDocument.js";
import type * as lib_oauthProviders from "../lib/oauthProviders.js";
import type * as lib_page from "../lib/page.js";
import type * as lib_pagination from "../lib/pagination.js";
import type * as lib_permalinks from "../lib/permalinks.js";
import type * as lib_posts from "../lib/posts.js";
import type * as lib_queueAlerts from "../lib/queueAlerts.js";
import type * as lib_rateLimits from "../lib/rateLimits.js";
import type * as lib_reactions from "../lib/reactions.js";
import type * as lib_snapshotMarkup from "../lib/snapshotMarkup.js";
import type * as lib_spam from "../lib/spam.js";
import type * as lib_text from "../lib/text.js";
import type * as lib_threadOrder from "../lib/threadOrder.js";
import type * as lib_unsubscribe from "../lib/unsubscribe.js";
import type * as lib_viewer from "../lib/viewer.js";
import type * as lib_xml from "../lib/xml.js";
import type * as nativeFormat from "../nativeFormat.js";
import type * as notifications from "../notifications.js";
import type * as notificationsNode from "../notificationsNode.js";
import type * as organizations from "../organizations.js";
import type * as pins from "../pins.js";
import type * as posts from "../posts.js";
import type * as reactions from "../reactions.js";
import type * as reports from "../reports.js";
import type * as seed from "../seed.js";
import type * as signIn from "../signIn.js";
import type * as snapshots from "../snapshots.js";
import type * as spamCheck from "../spamCheck.js";
import type * as spamCheckNode from "../spamCheckNode.js";
import type * as threadSubscriptions from "../threadSubscriptions.js";
import type * as transfer from "../transfer.js";
import type * as users from "../users.js";
import type * as validators from "../validators.js";
import type * as webhooks from "../webhooks.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  accounts: typeof accounts;
  apiKeys: typeof apiKeys;
  auditLog: typeof auditLog;
  auth: typeof auth;
  bans: typeof bans;
  comments: typeof comments;
  feeds: typeof feeds;
  http: typeof http;
  "lib/apiKeyRequest": typeof lib_apiKeyRequest;
  "lib/auditLog": typeof lib_auditLog;
  "lib/bans": typeof lib_bans;
  "lib/comments": typeof lib_comments;
  "lib/conditionalGet": typeof lib_conditionalGet;
  "lib/config": typeof lib_config;
  "lib/crypto": typeof lib_crypto;
  "lib/errors": typeof lib_errors;
  "lib/feedFormats": typeof lib_feedFormats;
  "lib/limits": typeof lib_limits;
  "lib/nativeDocument": typeof lib_nativeDocument;
  "lib/oauthProviders": typeof lib_oauthProviders;
  "lib/page": typeof lib_page;
  "lib/pagination": typeof lib_pagination;
  "lib/permalinks": typeof lib_permalinks;
  "lib/posts": typeof lib_posts;
  "lib/queueAlerts": typeof lib_queueAlerts;
  "lib/rateLimits": typeof lib_rateLimits;
  "lib/reactions": typeof lib_reactions;
  "lib/snapshotMarkup": typeof lib_snapshotMarkup;
  "lib/spam": typeof lib_spam;
  "lib/text": typeof lib_text;
  "lib/threadOrder": typeof lib_threadOrder;
  "lib/unsubscribe": typeof lib_unsubscribe;
  "lib/viewer": typeof lib_viewer;
  "lib/xml": typeof lib_xml;
  nativeFormat: typeof nativeFormat;
  notifications: typeof notifications;
  notificationsNode: typeof notificationsNode;
  organizations: typeof organizations;
  pins: typeof pins;
  posts: typeof posts;
  reactions: typeof reactions;
  reports: typeof reports;
  seed: typeof seed;
  signIn: typeof signIn;
  snapshots: typeof snapshots;
  spamCheck: typeof spamCheck;
  spamCheckNode: typeof spamCheckNode;
  threadSubscriptions: typeof threadSubscriptions;
  transfer: typeof transfer;
  users: typeof users;
  validators: typeof validators;
  webhooks: typeof webhooks;
}>;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = internal.myModule.myFunction;
 * ```
 */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  betterAuth: import("@convex-dev/better-auth/_generated/component.js").ComponentApi<"betterAuth">;
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
};
