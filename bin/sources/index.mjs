/**
 * The formats `import <format>` reads from other systems: one module each, reading a file as a stream
 * of `{ thread }`, `{ comment }` and `{ malformed }` records (see ../import-source.mjs).
 */
import commento from "./commento.mjs";
import disqus from "./disqus.mjs";
import remark42 from "./remark42.mjs";
import wordpress from "./wordpress.mjs";

export const SOURCES = { disqus, wordpress, remark42, commento };
