/** The file is not in the format named: the message says what was expected. */
export class FormatError extends Error {}
