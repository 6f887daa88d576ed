import { v } from "convex/values";
import { query } from "./_generated/server";
import { enabledProviders, PROVIDERS } from "./lib/oauthProviders";

/** The sign-in providers this deployment offers (their credentials are set): the same for everyone. */
export const providers = query({
  args: {},
  returns: v.array(v.union(...PROVIDERS.map((id) => v.literal(id)))),
  handler: async () => enabledProviders(),
});
