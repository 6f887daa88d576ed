/**
 * A check of JSON-LD against the schema.org types the snapshots use: every property is one schema.org
 * gives the type (its own or inherited from CreativeWork / Thing), and every value has a type the
 * property allows. Returns the problems found, none for a valid document.
 */
const SCHEMA: Record<string, Record<string, string[]>> = {
  DiscussionForumPosting: {
    headline: ["Text"],
    text: ["Text"],
    author: ["Person", "Organization"],
    datePublished: ["DateTime"],
    commentCount: ["Integer"],
    comment: ["Comment"],
    url: ["URL"],
  },
  Comment: {
    author: ["Person", "Organization"],
    datePublished: ["DateTime"],
    dateModified: ["DateTime"],
    text: ["Text"],
    comment: ["Comment"],
  },
  Person: { name: ["Text"] },
  ItemList: { itemListElement: ["ListItem"] },
  ListItem: { position: ["Integer"], url: ["URL"], name: ["Text"] },
};
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function schemaOrgProblems(node: unknown, where = "$"): string[] {
  if (typeof node !== "object" || node === null) return [`${where}: not an object`];
  const type = (node as { "@type"?: unknown })["@type"];
  const properties = typeof type === "string" ? SCHEMA[type] : undefined;
  if (!properties) return [`${where}: @type ${JSON.stringify(type)} is not one of ${Object.keys(SCHEMA).join(", ")}`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "@type" || key === "@id" || (key === "@context" && value === "https://schema.org")) continue;
    const ranges = properties[key];
    if (!ranges) {
      problems.push(`${where}: ${type} has no property ${key}`);
      continue;
    }
    for (const [i, item] of (Array.isArray(value) ? value : [value]).entries()) {
      const at = `${where}.${key}${Array.isArray(value) ? `[${i}]` : ""}`;
      if (typeof item === "object" && item !== null) {
        const itemType = (item as { "@type"?: string })["@type"] ?? "";
        if (!ranges.includes(itemType)) problems.push(`${at}: a ${itemType}, not ${ranges.join(" or ")}`);
        else problems.push(...schemaOrgProblems(item, at));
      } else if (ranges.includes("DateTime")) {
        if (typeof item !== "string" || !ISO_DATE_TIME.test(item)) problems.push(`${at}: not an ISO date-time`);
      } else if (ranges.includes("Integer")) {
        if (!Number.isInteger(item)) problems.push(`${at}: not an integer`);
      } else if (typeof item !== "string") problems.push(`${at}: not text`);
    }
  }
  return problems;
}
