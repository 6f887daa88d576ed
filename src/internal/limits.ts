/** The backend's input limits (convex/lib/text.ts), so the elements check the same numbers. */
export { LIMITS } from "../../convex/lib/text.js";
