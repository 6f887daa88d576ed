/**
 * `live-post-elements/client`: for a site's own scripts beside the elements (a post page that reads the
 * post, an owner's dashboard). The page's shared Convex client (the one the elements use), sign-in on it,
 * typed references to the backend's functions, and the error shape the backend refuses with.
 */
export { acquireClient } from "./internal/client-registry.js";
export type { LiveClient } from "./internal/live-client.js";
export { toLiveError } from "./internal/errors.js";
export { AuthError, resume, signIn, signOut } from "./auth/session.js";
export { hasStoredSession } from "./auth/stored-session.js";
export { api, type Post, type Viewer } from "./internal/api.js";
export { ownerApi } from "./internal/owner-api.js";
