/**
 * The site owner's dashboard: signs in with Better Auth on the page's shared Convex client (the same
 * modules the elements use), then mounts one live section per task.
 */
import "./elements.js";
import {
  acquireClient,
  AuthError,
  hasStoredSession,
  ownerApi,
  resume,
  signIn,
  signOut,
  type Viewer,
} from "live-post-elements/client";
import { mountAuditLog } from "./dashboard/audit-log.js";
import { mountBans } from "./dashboard/bans.js";
import { mountInvitations } from "./dashboard/invitations.js";
import { mountKeys } from "./dashboard/keys.js";
import { mountModeration } from "./dashboard/moderation.js";
import { mountPosts } from "./dashboard/posts.js";
import type { DashboardContext, Unmount } from "./dashboard/section.js";
import { mountSettings } from "./dashboard/settings.js";
import { mountWebhook } from "./dashboard/webhook.js";

const deployment: string = import.meta.env.VITE_CONVEX_URL;
const site: string = import.meta.env.VITE_CONVEX_SITE_URL;
const demoEmail: string = import.meta.env.VITE_DEMO_ADMIN_EMAIL;
const demoPassword: string = import.meta.env.VITE_DEMO_ADMIN_PASSWORD;

const client = acquireClient(deployment);
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

const signInForm = $<HTMLFormElement>("#sign-in");
const workspace = $("#workspace");
const status = $("#status");
let unmounts: Unmount[] = [];

function notify(message: string, kind: "ok" | "error" = "ok") {
  status.textContent = message;
  status.dataset.kind = kind;
}

/** `dashboard.html#invitation=<token>`: the link an invitation e-mail carries. */
async function acceptInvitation(viewer: Viewer): Promise<Viewer> {
  const token = /^#invitation=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1];
  if (!token) return viewer;
  history.replaceState(null, "", location.pathname + location.search);
  try {
    await client.mutation(ownerApi.organizations.acceptInvitation, { token });
    notify("Invitation accepted.");
    return (await client.query(ownerApi.users.viewer, {})) ?? viewer;
  } catch (err) {
    notify(`Could not accept the invitation: ${(err as { data?: { message?: string } }).data?.message ?? String(err)}`, "error");
    return viewer;
  }
}

async function open(signedIn: Viewer | null) {
  if (!signedIn) return;
  const viewer = await acceptInvitation(signedIn);
  if (viewer.role !== "admin" || !viewer.organizationSlug) {
    notify(`${viewer.email} is not an administrator of an organization.`, "error");
    await close();
    return;
  }
  const organization = await client.query(ownerApi.organizations.getBySlug, { slug: viewer.organizationSlug });
  if (!organization) return notify("The organization was not found.", "error");
  const ctx: DashboardContext = { client, deployment, site, organization, notify };
  $("#who").textContent = `${viewer.name} (${viewer.email}), administrator of ${organization.name}`;
  signInForm.hidden = true;
  workspace.hidden = false;
  unmounts = [
    mountPosts($("#posts-section"), ctx),
    mountModeration($("#moderation-section"), ctx),
    mountSettings($("#settings-section"), ctx),
    mountBans($("#bans-section"), ctx),
    mountAuditLog($("#audit-section"), ctx),
    mountInvitations($("#invitations-section"), ctx),
    mountKeys($("#keys-section"), ctx),
    mountWebhook($("#webhook-section"), ctx),
  ];
  notify(`Signed in as ${viewer.email}.`);
}

async function close() {
  for (const unmount of unmounts) unmount();
  unmounts = [];
  await signOut(client, site);
  workspace.hidden = true;
  signInForm.hidden = false;
}

signInForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(signInForm);
  notify("Signing in…");
  try {
    await open(await signIn(client, site, { email: String(data.get("email")), password: String(data.get("password")) }));
  } catch (err) {
    notify(err instanceof AuthError ? `Could not sign in: ${err.message}` : String(err), "error");
  }
});

// Signing out inside a thread preview signs the whole page's client out.
document.addEventListener("lp-sign-out", () => void close());

$("#sign-out").addEventListener("click", async () => {
  await close();
  notify("Signed out.");
});

if (demoEmail) {
  $("#demo-account").hidden = false;
  $("#demo-email").textContent = demoEmail;
  $("#demo-password").textContent = demoPassword;
  $("#use-demo-account").addEventListener("click", () => {
    $<HTMLInputElement>("#email").value = demoEmail;
    $<HTMLInputElement>("#password").value = demoPassword;
  });
}

if (hasStoredSession()) {
  notify("Restoring your session…");
  resume(client, site)
    .then((viewer) => (viewer ? open(viewer) : notify("Your session expired: sign in again.")))
    .catch((err) => notify(String(err), "error"));
}
