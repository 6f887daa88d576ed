import type { api as backend } from "../../convex/_generated/api.js";
import type { FunctionPath, FunctionRef } from "../internal/function-ref.js";

/**
 * A name cast to its reference type, written here rather than taken from `functionRef`: a lazy chunk that
 * imports the elements' runtime makes bundlers split a shared chunk off the read-only path.
 */
const ref = <Path extends FunctionPath<typeof backend>>(path: Path) => path as unknown as FunctionRef<typeof backend, Path>;

/** The signed-in reader's own functions (sign-in choices, e-mail settings), loaded with the sign-in code. */
export const readerApi = {
  signIn: {
    providers: ref("signIn:providers"),
  },
  users: {
    ensureViewer: ref("users:ensureViewer"),
    viewerCommentEmails: ref("users:viewerCommentEmails"),
    setCommentEmails: ref("users:setCommentEmails"),
  },
  threadSubscriptions: {
    viewerChoice: ref("threadSubscriptions:viewerChoice"),
    setChoice: ref("threadSubscriptions:setChoice"),
  },
};
