/**
 * Writes convex/_generated/ in the shape `npx convex codegen` produces, without a deployment.
 * `npx convex codegen` must push to a backend to analyse modules; this script needs only the files.
 *
 *   tsx scripts/codegen.ts          write the files
 *   tsx scripts/codegen.ts --check  exit 1 when the committed files are stale
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../convex/", import.meta.url));
const out = join(root, "_generated");

/** Files Convex treats as configuration, not function modules. */
const NOT_MODULES = new Set(["schema.ts", "convex.config.ts", "auth.config.ts", "crons.ts"]);

/** Components used in convex.config.ts: name → package exporting `ComponentApi`. */
const COMPONENTS: Record<string, string> = {
  betterAuth: "@convex-dev/better-auth/_generated/component.js",
  rateLimiter: "@convex-dev/rate-limiter/_generated/component.js",
};

export function listModules(dir = root): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === "_generated" || name === "node_modules") continue;
      found.push(...listModules(path));
    } else if (
      name.endsWith(".ts") &&
      !name.endsWith(".d.ts") &&
      !name.includes(".test.") &&
      !(dir === root && NOT_MODULES.has(name))
    ) {
      found.push(relative(root, path).split(sep).join("/").replace(/\.ts$/, ""));
    }
  }
  return found;
}

const header = (what: string) => `/* eslint-disable */
/**
 * Generated ${what}.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run \`npm run codegen\` (or \`npx convex dev\` against a deployment).
 * @module
 */
`;

const identifier = (module: string) => module.replace(/[^A-Za-z0-9]/g, "_");

export function render(modules: string[]): Record<string, string> {
  const imports = modules
    .map((m) => `import type * as ${identifier(m)} from "../${m}.js";`)
    .join("\n");
  const entries = modules
    .map((m) => `  ${/^[A-Za-z_$][\w$]*$/.test(m) ? m : JSON.stringify(m)}: typeof ${identifier(m)};`)
    .join("\n");
  const components = Object.entries(COMPONENTS)
    .map(([name, from]) => `  ${name}: import("${from}").ComponentApi<"${name}">;`)
    .join("\n");

  const apiDts = `${header("`api` utility")}
${imports}

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
${entries}
}>;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * \`\`\`js
 * const myFunctionReference = api.myModule.myFunction;
 * \`\`\`
 */
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * \`\`\`js
 * const myFunctionReference = internal.myModule.myFunction;
 * \`\`\`
 */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
${components}
};
`;

  const apiJs = `${header("`api` utility")}
import { anyApi, componentsGeneric } from "convex/server";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * \`\`\`js
 * const myFunctionReference = api.myModule.myFunction;
 * \`\`\`
 */
export const api = anyApi;
export const internal = anyApi;
export const components = componentsGeneric();
`;

  const dataModelDts = `${header("data model types")}
import type {
  DataModelFromSchemaDefinition,
  DocumentByName,
  TableNamesInDataModel,
  SystemTableNames,
} from "convex/server";
import type { GenericId } from "convex/values";
import schema from "../schema.js";

/**
 * The names of all of your Convex tables.
 */
export type TableNames = TableNamesInDataModel<DataModel>;

/**
 * The type of a document stored in Convex.
 *
 * @typeParam TableName - A string literal type of the table name (like "users").
 */
export type Doc<TableName extends TableNames> = DocumentByName<
  DataModel,
  TableName
>;

/**
 * An identifier for a document in Convex.
 *
 * @typeParam TableName - A string literal type of the table name (like "users").
 */
export type Id<TableName extends TableNames | SystemTableNames> =
  GenericId<TableName>;

/**
 * A type describing your Convex data model.
 */
export type DataModel = DataModelFromSchemaDefinition<typeof schema>;
`;

  const serverDts = `${header("utilities for implementing server-side Convex query and mutation functions")}
import {
  ActionBuilder,
  HttpActionBuilder,
  MutationBuilder,
  QueryBuilder,
  GenericActionCtx,
  GenericMutationCtx,
  GenericQueryCtx,
  GenericDatabaseReader,
  GenericDatabaseWriter,
} from "convex/server";
import type { DataModel } from "./dataModel.js";

/** Define a query in this Convex app's public API. */
export declare const query: QueryBuilder<DataModel, "public">;

/** Define a query that is only accessible from other Convex functions (but not from the client). */
export declare const internalQuery: QueryBuilder<DataModel, "internal">;

/** Define a mutation in this Convex app's public API. */
export declare const mutation: MutationBuilder<DataModel, "public">;

/** Define a mutation that is only accessible from other Convex functions (but not from the client). */
export declare const internalMutation: MutationBuilder<DataModel, "internal">;

/** Define an action in this Convex app's public API. */
export declare const action: ActionBuilder<DataModel, "public">;

/** Define an action that is only accessible from other Convex functions (but not from the client). */
export declare const internalAction: ActionBuilder<DataModel, "internal">;

/** Define an HTTP action, routed in \`convex/http.ts\`. */
export declare const httpAction: HttpActionBuilder;

/** A set of services for use within Convex query functions. */
export type QueryCtx = GenericQueryCtx<DataModel>;

/** A set of services for use within Convex mutation functions. */
export type MutationCtx = GenericMutationCtx<DataModel>;

/** A set of services for use within Convex action functions. */
export type ActionCtx = GenericActionCtx<DataModel>;

/** An interface to read from the database within Convex query functions. */
export type DatabaseReader = GenericDatabaseReader<DataModel>;

/** An interface to read from and write to the database within Convex mutation functions. */
export type DatabaseWriter = GenericDatabaseWriter<DataModel>;
`;

  const serverJs = `${header("utilities for implementing server-side Convex query and mutation functions")}
import {
  actionGeneric,
  httpActionGeneric,
  queryGeneric,
  mutationGeneric,
  internalActionGeneric,
  internalMutationGeneric,
  internalQueryGeneric,
} from "convex/server";

export const query = queryGeneric;
export const internalQuery = internalQueryGeneric;
export const mutation = mutationGeneric;
export const internalMutation = internalMutationGeneric;
export const action = actionGeneric;
export const internalAction = internalActionGeneric;
export const httpAction = httpActionGeneric;
`;

  return {
    "api.d.ts": apiDts,
    "api.js": apiJs,
    "dataModel.d.ts": dataModelDts,
    "server.d.ts": serverDts,
    "server.js": serverJs,
  };
}

function main() {
  const files = render(listModules());
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(out, name);
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // missing: stale
    }
    if (current === text) continue;
    if (check) stale.push(name);
    else writeFileSync(path, text);
  }
  if (stale.length) {
    console.error(`convex/_generated is stale (${stale.join(", ")}): run npm run codegen`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
