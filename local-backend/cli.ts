/**
 * `npx tsx local-backend/cli.ts [--port 3210] [--site-port 3211] [--data-dir DIR] [--reset] [--no-seed] [--no-durable]`
 * Runs the local backend until interrupted and prints its URLs.
 */
import { parseArgs } from "node:util";
import { PortInUseError, startLocalBackend } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "site-port": { type: "string" },
    "data-dir": { type: "string" },
    reset: { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    /** Benchmark baseline only: acknowledge before the write is durable (asynchronous snapshot). */
    "no-durable": { type: "boolean", default: false },
  },
});

try {
  const backend = await startLocalBackend({
    port: values.port === undefined ? undefined : Number(values.port),
    sitePort: values["site-port"] === undefined ? undefined : Number(values["site-port"]),
    dataDir: values["data-dir"],
    reset: values.reset,
    seed: !values["no-seed"],
    durable: !values["no-durable"],
  });
  console.log(`CONVEX_URL=${backend.url}`);
  console.log(`CONVEX_SITE_URL=${backend.siteUrl}`);
  for (const { email, password } of backend.accounts) console.log(`Sign in as ${email} / ${password}`);
  const stop = async () => {
    await backend.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof PortInUseError ? error.message : error);
  process.exit(1);
}
