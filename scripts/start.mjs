/**
 * `npm start`: the local Convex backend (seeded on first run) and the demo site on Vite.
 * With CONVEX_URL (and CONVEX_SITE_URL) set, the demo talks to that deployment instead.
 * Ports: PORT (demo, 5173), BACKEND_PORT (API and sync, 3210), SITE_PORT (HTTP actions, 3211).
 */
import { ensureDependencies } from "./ensure.mjs";

ensureDependencies();

const { register } = await import("tsx/esm/api");
const { createServer } = await import("vite");

const port = Number(process.env.PORT ?? 5173);
process.env.SITE_URL ??= `http://localhost:${port}`;
// The demo answers on both names of this machine; sign-in must work from either.
process.env.TRUSTED_ORIGINS ??= `http://127.0.0.1:${port}`;

function fail(error) {
  const portTaken = error?.code === "EADDRINUSE" || /already in use/i.test(error?.message ?? "");
  console.error(portTaken ? error.message : error);
  process.exit(1);
}

let backend = null;
let deployment;
if (process.env.CONVEX_URL) {
  const siteUrl = process.env.CONVEX_SITE_URL ?? process.env.CONVEX_URL.replace(/\.cloud(\/|$)/, ".site$1");
  deployment = { url: process.env.CONVEX_URL, siteUrl, accounts: [] };
} else {
  register();
  const { startLocalBackend } = await import("../local-backend/server.ts");
  backend = await startLocalBackend({
    port: Number(process.env.BACKEND_PORT ?? 3210),
    sitePort: Number(process.env.SITE_PORT ?? 3211),
  }).catch(fail);
  deployment = backend;
}

const admin = deployment.accounts[0];
Object.assign(process.env, {
  VITE_CONVEX_URL: deployment.url,
  VITE_CONVEX_SITE_URL: deployment.siteUrl,
  VITE_DEMO_ADMIN_EMAIL: admin?.email ?? "",
  VITE_DEMO_ADMIN_PASSWORD: admin?.password ?? "",
});

const vite = await createServer({ server: { port, strictPort: true } }).catch(fail);
await vite.listen().catch(async (error) => {
  await backend?.close();
  fail(error.code === "EADDRINUSE" ? new Error(`Port ${port} is already in use: set PORT to another port.`) : error);
});

console.log("");
console.log(`  Demo:            http://localhost:${port}/`);
console.log(`  Convex URL:      ${deployment.url}${backend ? " (local backend)" : ""}`);
console.log(`  Convex site URL: ${deployment.siteUrl}`);
if (admin) console.log(`  Sign in as:      ${admin.email} / ${admin.password}`);
console.log("");

async function stop() {
  await vite.close();
  await backend?.close();
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
