/** `lp-error`: loading or an action failed, in any element. */
export interface ErrorDetail {
  /** A stable code (`UNREACHABLE`, `NOT_FOUND`, `INVALID_ARGUMENT`, …) to switch on. */
  code: string;
  message: string;
}
