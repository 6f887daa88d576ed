/** The backend's input limits (convex/lib/limits.ts, constants only), so the elements check the same numbers. */
export { LIMITS, REACTION_TARGETS } from "../../convex/lib/limits.js";
