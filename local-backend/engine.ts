/**
 * The deployment's engine: convex-test running our convex/ functions and the components in memory.
 * convex-test runs one transaction at a time and implements the database, validators, scheduler
 * and HTTP router; this file adds what a server in front of it needs: refusing functions clients
 * may not call, reporting failures the way Convex does, recording what queries read, serving
 * clients' queries repeated index reads from memory (read-cache.ts) and telling listeners what was
 * written. Each Engine keeps its own listeners, read cache and scopes: two in one process share
 * nothing but the one global syscall hook, which hands every syscall to the engine it belongs to.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { convexTest } from "convex-test";
// convex-test's per-transaction metrics; its limits are switched on for clients' calls only (below).
import { TransactionMetricsTracker } from "convex-test/dist/transactionMetrics.js";
import { makeFunctionReference, type UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { appModules, components, convexDir, type ModuleMap } from "./modules";
import {
  argumentsTooLarge,
  MAX_ARGUMENTS_BYTES,
  MAX_QUERY_MUTATION_MS,
  MAX_RETURN_BYTES,
  returnTooLarge,
  timedOut,
} from "./limits";
import { ReadCache } from "./read-cache";
import { ReadSet, Scopes, tableOfId, type Doc, type Write } from "./read-sets";

export type FunctionKind = "query" | "mutation" | "action";
export type Outcome =
  | { success: true; value: Value }
  | { success: false; errorMessage: string; errorData?: JSONValue };
/** A query's execution: its outcome and what it read. */
export type Execution = { outcome: Promise<Outcome>; reads: ReadSet };
/** The tables of one component ("" is the app), for snapshots. */
export type ComponentTables = { componentPath: string; tables: string[] };

/** convex-test's accessor; its typings leave out `runInComponent`, which this server needs. */
export type TestBackend = ReturnType<typeof convexTest> & {
  runInComponent<T>(componentPath: string, handler: (ctx: any) => Promise<T>): Promise<T>;
};

/** Syscalls that write a document, with the argument naming it. */
const DOCUMENT_WRITES = new Set(["1.0/insert", "1.0/shallowMerge", "1.0/replace", "1.0/remove"]);
/** Syscalls that write system tables (scheduled functions, file storage). */
const SYSTEM_WRITES = new Set(["1.0/schedule", "1.0/cancel_job", "1.0/storageDelete"]);
/**
 * A client's call (query, mutation, action) running in this async context: Convex's limits apply
 * to it. The backend's own transactions (restore, the log's reads, the seed) are not limited.
 * `userMs` approximates the function's own time: wall time since its first syscall minus time
 * spent inside syscalls (the database), as Convex counts user code only.
 */
type ClientCall = { kind: FunctionKind; firstSyscallAt: number | null; inSyscallsMs: number };
const clientCalls = new AsyncLocalStorage<ClientCall>();

/** Throws Convex's timeout error once a query's or mutation's own time passes the limit. */
function checkTime(call: ClientCall | undefined) {
  if (!call || call.kind === "action") return;
  const now = performance.now();
  if (call.firstSyscallAt === null) {
    call.firstSyscallAt = now;
    return;
  }
  if (now - call.firstSyscallAt - call.inSyscallsMs > MAX_QUERY_MUTATION_MS) throw new Error(timedOut(call.kind));
}

/** Runs a syscall, counting its time as the database's, not the function's. */
function timedSync<T>(run: () => T): T {
  const call = clientCalls.getStore();
  checkTime(call);
  if (!call) return run();
  const started = performance.now();
  try {
    return run();
  } finally {
    call.inSyscallsMs += performance.now() - started;
  }
}

async function timedAsync(run: () => Promise<string>): Promise<string> {
  const call = clientCalls.getStore();
  checkTime(call);
  if (!call) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    call.inSyscallsMs += performance.now() - started;
  }
}

const rootLayer = (TransactionMetricsTracker.prototype as any)._rootLayer;
(TransactionMetricsTracker.prototype as any)._rootLayer = function (this: unknown) {
  const layer = rootLayer.call(this);
  // Convex's figures (convex-test's defaults: 16 MiB and 32,000 documents read, 16 MiB and 16,000 written, …).
  if (clientCalls.getStore()) layer.enforce = true;
  return layer;
};
/**
 * Runs a callback outside every async context active at the call, like this module's top level:
 * listeners must not run inside the writing function's context, where convex-test forbids timers.
 */
const outsideFunctions = AsyncLocalStorage.snapshot();

type Syscall = (op: string, args: string) => string;
type AsyncSyscall = (op: string, args: string) => Promise<string>;
type JsSyscall = (op: string, args: unknown) => unknown;
type Syscalls = { syscall: Syscall; asyncSyscall: AsyncSyscall; jsSyscall: JsSyscall };

/** A document as the writing transaction sees it; undefined (unknown) if it cannot be read. */
async function documentNow(call: AsyncSyscall, id: string): Promise<Doc | null | undefined> {
  try {
    return jsonToConvex(JSON.parse(await call("1.0/get", JSON.stringify({ id })))) as Doc | null;
  } catch {
    return undefined;
  }
}

/**
 * convex-test's syscall object, as installed before the hook. Its getters answer with the syscalls
 * of the convex-test instance whose call is running, the same functions each time, so they name
 * the engine a syscall belongs to.
 */
let convexTestSyscalls: Syscalls | null = null;
/** The engine owning each convex-test instance's syscalls. */
const owners = new WeakMap<object, EngineHooks>();

/**
 * convex-test does not report commits or reads, but every database access of every function
 * (client calls, actions' runMutation, HTTP actions, scheduled functions) passes through the
 * global `Convex` syscall object it installs, one per process. Wrapping it once hands each
 * syscall to the hooks of the engine it belongs to; instances no engine owns pass untouched.
 */
function installHook(): Syscalls {
  if (convexTestSyscalls) return convexTestSyscalls;
  const inner: Syscalls = (globalThis as any).Convex;
  convexTestSyscalls = inner;
  (globalThis as any).Convex = {
    get syscall() {
      const call = inner.syscall;
      const hooks = owners.get(call);
      return hooks ? (op: string, json: string) => timedSync(() => hooks.syscall(call, op, json)) : call;
    },
    get asyncSyscall() {
      const call = inner.asyncSyscall;
      const hooks = owners.get(call);
      // A scheduled function's timer is set inside the scheduling call: outside its context, so the
      // function runs on a time budget of its own, not on what is left of its scheduler's.
      if (!hooks) return call;
      return (op: string, json: string) =>
        timedAsync(() =>
          op === "1.0/schedule"
            ? clientCalls.exit(() => hooks.asyncSyscall(call, op, json))
            : hooks.asyncSyscall(call, op, json),
        );
    },
    get jsSyscall() {
      const call = inner.jsSyscall;
      const hooks = owners.get(call);
      return hooks ? (op: string, args: unknown) => hooks.jsSyscall(call, op, args) : call;
    },
  };
  return inner;
}

/**
 * One engine's side of the syscalls: records what its subscription queries read (their read
 * sets), serves its clients' queries' index reads from its read cache and tells its listeners what
 * was written; readers that run afterwards wait for the writing transaction to commit
 * (convex-test serialises transactions).
 */
class EngineHooks {
  readonly writeListeners = new Set<(write: Write) => void>();
  /** The read set of the subscription query running in this async context, if any. */
  readonly currentReads = new AsyncLocalStorage<ReadSet>();
  /**
   * The read cache while a client's query runs in this async context: a top-level, read-only
   * transaction, whose index reads may come from the cache.
   */
  readonly queryReads = new AsyncLocalStorage<ReadCache>();

  constructor(
    readonly scopes: Scopes,
    readonly readCache: ReadCache,
  ) {}

  private notify(write: Write) {
    this.readCache.invalidate(write);
    outsideFunctions(() => this.writeListeners.forEach((listener) => listener(write)));
  }

  private recordRead(op: string, json: string) {
    this.currentReads.getStore()?.record(op, JSON.parse(json));
  }

  /** Performs a document write and reports it with the document before and after (app tables only). */
  private async documentWrite(call: AsyncSyscall, op: string, json: string): Promise<string> {
    const args = JSON.parse(json);
    const table: string = op === "1.0/insert" ? args.table : tableOfId(args.id);
    const scope = this.scopes.of(table);
    const precise = this.scopes.isPrecise(scope);
    const before = op === "1.0/insert" ? null : precise ? await documentNow(call, args.id) : undefined;
    const result = await call(op, json);
    const id: string = op === "1.0/insert" ? JSON.parse(result)._id : args.id;
    const after = op === "1.0/remove" ? null : precise ? await documentNow(call, id) : undefined;
    this.notify({ scope, id, before, after });
    return result;
  }

  syscall(call: Syscall, op: string, json: string): string {
    this.recordRead(op, json);
    const cache = this.queryReads.getStore();
    if (cache && op === "1.0/queryStream") return cache.start(json, call);
    if (cache && op === "1.0/queryCleanup" && cache.owns(json)) return cache.cleanup(json, call);
    return call(op, json);
  }

  asyncSyscall(call: AsyncSyscall, op: string, json: string): Promise<string> {
    const watched = this.writeListeners.size > 0 || this.readCache.size > 0;
    if (watched && DOCUMENT_WRITES.has(op)) return this.documentWrite(call, op, json);
    if (SYSTEM_WRITES.has(op)) this.notify({ scope: null, id: null });
    const cache = this.queryReads.getStore();
    if (cache && op === "1.0/queryStreamNext" && cache.owns(json)) return cache.next(json, call);
    this.recordRead(op, json);
    return call(op, json);
  }

  jsSyscall(call: JsSyscall, op: string, args: unknown): unknown {
    if (op === "storage/storeBlob") this.notify({ scope: null, id: null });
    return call(op, args);
  }
}

function requestId() {
  return randomBytes(8).toString("hex");
}

function isConvexError(error: unknown): error is Error & { data: Value } {
  return typeof error === "object" && error !== null && Symbol.for("ConvexError") in error;
}

/** A failure as a client sees it: ConvexError data travels as `errorData`, anything else as text. */
export function failure(error: unknown): Extract<Outcome, { success: false }> {
  if (error instanceof PublicFunctionError || error instanceof LimitError) {
    return { success: false, errorMessage: `[Request ID: ${requestId()}] Server Error\n${error.message}` };
  }
  if (isConvexError(error)) {
    return { success: false, errorMessage: error.message, errorData: convexToJson(error.data) };
  }
  const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
  return { success: false, errorMessage: `[Request ID: ${requestId()}] Server Error\nUncaught ${name}: ${message}` };
}

/** The client named a function it may not call (unknown, internal, or of another kind). */
export class PublicFunctionError extends Error {}

/** A Convex limit the call passed (arguments or return value too large). */
export class LimitError extends Error {}

/** `posts.js:list` → `posts:list`; a bare module name means its default export. */
export function canonicalPath(udfPath: string): string {
  const at = udfPath.lastIndexOf(":");
  const modulePath = (at === -1 ? udfPath : udfPath.slice(0, at)).replace(/\.js$/, "");
  return `${modulePath}:${at === -1 ? "default" : udfPath.slice(at + 1)}`;
}

const KIND_NAMES: Record<FunctionKind, string> = { query: "Query", mutation: "Mutation", action: "Action" };

export class Engine {
  private readonly executionListeners = new Set<(udfPath: string, args: Record<string, Value>) => void>();

  private constructor(
    readonly t: TestBackend,
    private readonly modules: ModuleMap,
    readonly componentTables: ComponentTables[],
    private readonly hooks: EngineHooks,
  ) {}

  static async create(): Promise<Engine> {
    const schema = (await import(pathToFileURL(join(convexDir, "schema.ts")).href)).default;
    const modules = appModules();
    const t = convexTest(schema, modules) as TestBackend;
    const tables: ComponentTables[] = [{ componentPath: "", tables: Object.keys(schema.tables) }];
    for (const component of await components()) {
      t.registerComponent(component.name, component.schema, component.modules);
      tables.push({ componentPath: component.name, tables: Object.keys(component.schema.tables) });
    }
    const scopes = new Scopes(tables);
    const hooks = new EngineHooks(scopes, new ReadCache(scopes));
    const inner = installHook();
    // Inside one of this instance's calls, convex-test's getters answer with this instance's syscalls.
    await t.run(async () => {
      for (const call of [inner.syscall, inner.asyncSyscall, inner.jsSyscall]) owners.set(call, hooks);
    });
    return new Engine(t, modules, tables, hooks);
  }

  /** Calls `listener` with every write of this engine's functions; returns the unsubscribe function. */
  onWrite(listener: (write: Write) => void): () => void {
    this.hooks.writeListeners.add(listener);
    return () => this.hooks.writeListeners.delete(listener);
  }

  /** Calls `listener` whenever a subscription query executes (for tests and measurements). */
  onQueryExecuted(listener: (udfPath: string, args: Record<string, Value>) => void): () => void {
    this.executionListeners.add(listener);
    return () => this.executionListeners.delete(listener);
  }

  as(identity: UserIdentity | null) {
    return identity ? this.t.withIdentity(identity) : this.t;
  }

  /** Throws PublicFunctionError unless `udfPath` names a public function of this kind. */
  private async checkPublic(udfPath: string, kind: FunctionKind): Promise<void> {
    const [modulePath, exportName] = udfPath.split(":") as [string, string];
    const notFound = new PublicFunctionError(
      `Could not find public function for '${udfPath}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
    );
    if (modulePath.split("/").some((part) => part === ".." || part.startsWith("_"))) throw notFound;
    const load = this.modules[join(convexDir, `${modulePath}.ts`)];
    if (!load) throw notFound;
    const func = (await load())[exportName];
    if (!func?.isPublic) throw notFound;
    const actual: FunctionKind = func.isQuery ? "query" : func.isMutation ? "mutation" : "action";
    if (actual !== kind) {
      throw new PublicFunctionError(
        `Trying to execute ${udfPath} as ${KIND_NAMES[kind]}, but it is defined as ${KIND_NAMES[actual]}.`,
      );
    }
  }

  async isPublic(udfPath: string, kind: FunctionKind): Promise<boolean> {
    return this.checkPublic(canonicalPath(udfPath), kind).then(
      () => true,
      () => false,
    );
  }

  /** Runs a public function for a client; never throws. */
  async call(
    kind: FunctionKind,
    udfPath: string,
    args: Record<string, Value>,
    identity: UserIdentity | null,
  ): Promise<Outcome> {
    const path = canonicalPath(udfPath);
    try {
      await this.checkPublic(path, kind);
      const argsBytes = JSON.stringify(convexToJson(args)).length;
      if (argsBytes > MAX_ARGUMENTS_BYTES) throw new LimitError(argumentsTooLarge(path, argsBytes));
      const accessor = this.as(identity) as any;
      const run = () => accessor[kind](makeFunctionReference(path), args);
      const limited = () => clientCalls.run({ kind, firstSyscallAt: null, inSyscallsMs: 0 }, run);
      const value = await (kind === "query" ? this.hooks.queryReads.run(this.hooks.readCache, limited) : limited());
      const result = value === undefined ? null : value;
      const returnBytes = JSON.stringify(convexToJson(result)).length;
      if (returnBytes > MAX_RETURN_BYTES) throw new LimitError(returnTooLarge(path, returnBytes));
      return { success: true, value: result };
    } catch (error) {
      return failure(error);
    }
  }

  /** Runs a public query for a subscription; `reads` fills up as it runs. */
  trackedQuery(udfPath: string, args: Record<string, Value>, identity: UserIdentity | null): Execution {
    this.executionListeners.forEach((listener) => listener(canonicalPath(udfPath), args));
    const reads = new ReadSet(this.hooks.scopes);
    return { reads, outcome: this.hooks.currentReads.run(reads, () => this.call("query", udfPath, args, identity)) };
  }
}
