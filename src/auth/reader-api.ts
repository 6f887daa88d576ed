import type { api as backend } from "../../convex/_generated/api.js";
import { functionRef } from "../internal/function-ref.js";

/** The signed-in reader's own functions (sign-in choices, e-mail settings), loaded with the sign-in code. */
const ref = functionRef<typeof backend>();

export const readerApi = {
  signIn: {
    providers: ref("signIn:providers"),
  },
  users: {
    viewerCommentEmails: ref("users:viewerCommentEmails"),
    setCommentEmails: ref("users:setCommentEmails"),
  },
  threadSubscriptions: {
    viewerChoice: ref("threadSubscriptions:viewerChoice"),
    setChoice: ref("threadSubscriptions:setChoice"),
  },
};
