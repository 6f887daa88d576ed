/**
 * Starts what the end-to-end tests drive (support/demo-site.ts: the local backend with the demo seed
 * and the demo on Vite; a local GitHub / Google stand-in, support/oauth-provider.ts) and hands their
 * URLs to the tests through the environment.
 */
import { startDemoSite } from "../../support/demo-site";
import { startOAuthProvider } from "../../support/oauth-provider";

export default async function globalSetup() {
  const provider = await startOAuthProvider();
  const site = await startDemoSite("e2e", provider.env);
  Object.assign(process.env, {
    E2E_BASE_URL: site.origin,
    E2E_LOCAL_URL: site.localOrigin,
    E2E_CONVEX_URL: site.backend.url,
    E2E_CONVEX_SITE_URL: site.backend.siteUrl,
    E2E_ADMIN_EMAIL: site.admin.email,
    E2E_ADMIN_PASSWORD: site.admin.password,
    E2E_MAILBOX_URL: site.mailbox.url,
    E2E_OAUTH_CONTROL_URL: provider.controlUrl,
  });
  return async () => {
    await site.close();
    await provider.close();
  };
}
