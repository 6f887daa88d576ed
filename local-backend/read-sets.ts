/**
 * Read sets: what a query execution read, so that after a write only the queries the write can
 * affect run again. Coarser than a deployment's, never finer:
 * - `db.get` of an app table: the document's id;
 * - an index range of an app table: the range's expressions (equalities and bounds), checked
 *   against the written document before and after the write (filters and limits are ignored);
 * - a table scan, a search, a count: the whole table;
 * - any read of a component's table (Better Auth, rate limiter): every table of that component;
 * - any read of a system table (`_scheduled_functions`, `_storage`): every write.
 */
import { compareValues, jsonToConvex, type JSONValue, type Value } from "convex/values";

export type Doc = Record<string, Value>;
/**
 * What a write touched. `scope` is the app table, `@<component>` for a component's table, or null
 * for a system table. `before` / `after` are the document (null: absent); undefined when not known.
 */
export type Write = { scope: string | null; id: string | null; before?: Doc | null; after?: Doc | null };

type RangeExpression = { type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; fieldPath: string; value: JSONValue };
type IndexRange = { scope: string; expressions: RangeExpression[] };
type QuerySource =
  | { type: "IndexRange"; indexName: string; range: RangeExpression[] }
  | { type: "FullTableScan"; tableName: string }
  | { type: "Search"; indexName: string };

/** `10001comments` → `comments` (ids are `<counter><table>` in convex-test). */
export function tableOfId(id: string): string {
  return id.replace(/^\d+/, "");
}

/** Tables by owner, to name a read's or a write's scope. */
export class Scopes {
  private readonly owners = new Map<string, string>();

  constructor(components: { componentPath: string; tables: string[] }[]) {
    for (const { componentPath, tables } of components) {
      for (const table of tables) {
        // A name two owners share gets one component scope; its reads and writes still meet.
        const owner = this.owners.has(table) || componentPath !== "" ? `@${componentPath}` : table;
        this.owners.set(table, owner);
      }
    }
  }

  /** The scope of a table: itself for an app table, `@<component>`, or null for a system table. */
  of(table: string): string | null {
    if (table.startsWith("_")) return null;
    return this.owners.get(table) ?? `@${table}`;
  }

  isPrecise(scope: string | null): scope is string {
    return scope !== null && !scope.startsWith("@");
  }
}

/** Mirrors convex-test's field lookup: `a.b` walks plain objects, anything else is undefined. */
function fieldValue(doc: Doc, fieldPath: string): Value | undefined {
  let value: Value | undefined = doc;
  for (const part of fieldPath.split(".")) {
    const isObject: boolean = typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer);
    value = isObject ? (value as Record<string, Value>)[part] : undefined;
  }
  return value;
}

function boundValue(json: JSONValue): Value | undefined {
  const isUndefined = typeof json === "object" && json !== null && !Array.isArray(json) && "$undefined" in json;
  return isUndefined ? undefined : jsonToConvex(json);
}

function inRange(doc: Doc, expressions: RangeExpression[]): boolean {
  return expressions.every(({ type, fieldPath, value }) => {
    const order = compareValues(fieldValue(doc, fieldPath), boundValue(value));
    return type === "Eq" ? order === 0 : type === "Gt" ? order > 0 : type === "Gte" ? order >= 0 : type === "Lt" ? order < 0 : order <= 0;
  });
}

export class ReadSet {
  private readonly ids = new Set<string>();
  private readonly scopes = new Set<string>();
  private readonly ranges: IndexRange[] = [];
  private everything = false;

  constructor(private readonly tables: Scopes) {}

  private table(table: string) {
    const scope = this.tables.of(table);
    if (scope === null) this.everything = true;
    else this.scopes.add(scope);
  }

  /** Records the read a syscall makes (its name and parsed arguments); other syscalls are ignored. */
  record(op: string, args: any) {
    switch (op) {
      case "1.0/get": {
        const table = args.table ?? tableOfId(args.id);
        if (this.tables.isPrecise(this.tables.of(table))) this.ids.add(args.id);
        else this.table(table);
        return;
      }
      case "1.0/queryStream":
      case "1.0/queryPage":
        return this.source(args.query.source as QuerySource);
      case "1.0/count":
        return this.table(args.table);
      case "1.0/storageGetUrl":
        this.everything = true;
        return;
    }
  }

  private source(source: QuerySource) {
    if (source.type === "FullTableScan") return this.table(source.tableName);
    const table = source.indexName.split(".")[0]!;
    const scope = this.tables.of(table);
    if (source.type === "IndexRange" && this.tables.isPrecise(scope)) {
      this.ranges.push({ scope, expressions: source.range });
    } else {
      this.table(table);
    }
  }

  /** Whether the write can change what this execution read. */
  affectedBy(write: Write): boolean {
    if (this.everything) return true;
    if (write.scope === null) return false;
    if (this.scopes.has(write.scope)) return true;
    if (write.id !== null && this.ids.has(write.id)) return true;
    const touches = (doc: Doc | null | undefined, expressions: RangeExpression[]) =>
      doc === undefined || (doc !== null && inRange(doc, expressions));
    return this.ranges.some(
      (range) => range.scope === write.scope && (touches(write.before, range.expressions) || touches(write.after, range.expressions)),
    );
  }
}
