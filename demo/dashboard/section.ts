/**
 * What every dashboard section shares: the signed-in Convex client, the deployment's URLs, and a way to
 * run a mutation that shows the server's own message when it refuses.
 */
import { toLiveError, type LiveClient } from "live-post-elements/client";

export interface DashboardContext {
  client: LiveClient;
  deployment: string;
  site: string;
  organization: { _id: string; name: string; slug: string };
  /** Shows a message in the page's status line. */
  notify(message: string, kind?: "ok" | "error"): void;
}

/** A mounted section: stops its subscriptions when the admin signs out. */
export type Unmount = () => void;

export async function attempt<T>(ctx: DashboardContext, action: () => Promise<T>, done?: string): Promise<T | undefined> {
  try {
    const result = await action();
    if (done) ctx.notify(done);
    return result;
  } catch (err) {
    const { code, message } = toLiveError(err);
    ctx.notify(`${message || "Something went wrong."} (${code})`, "error");
    return undefined;
  }
}
