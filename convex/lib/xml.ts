/** Text made safe to put into an XML 1.0 document, as character data or in a quoted attribute. */

// XML 1.0 allows tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and U+10000 up; with
// the `u` flag a lone surrogate is one code point outside those ranges, so it goes too.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Drops the characters XML 1.0 cannot hold at all (not even as character references). */
export function xmlCharacters(text: string): string {
  return text.replace(NOT_XML_CHARACTER, "");
}

/** Escaped for element content and attribute values alike. */
export function escapeXml(text: string): string {
  return xmlCharacters(text).replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** `<name attr="…">text</name>`, everything escaped; an undefined attribute is left out. */
export function element(name: string, text: string, attributes: Record<string, string | undefined> = {}): string {
  return `<${name}${attributesOf(attributes)}>${escapeXml(text)}</${name}>`;
}

/** `<name attr="…"/>`. */
export function emptyElement(name: string, attributes: Record<string, string | undefined>): string {
  return `<${name}${attributesOf(attributes)}/>`;
}

function attributesOf(attributes: Record<string, string | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
}
