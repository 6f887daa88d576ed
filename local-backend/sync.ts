/**
 * The WebSocket sync protocol (convex/src/browser/sync/protocol.ts) at `/api/<version>/sync`.
 * One SyncSession per socket keeps the client's query set, identity and the version it last sent.
 * After writes, only sessions holding a query whose read set the writes touch re-run it; a
 * Transition sends only the results that changed. A result is turned into JSON text once, however
 * many sessions send it.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { WebSocket, WebSocketServer } from "ws";
import { AuthFailure, type TokenVerifier, type VerifiedToken } from "./auth";
import { decodeTs, encodeTs, type Clock } from "./clock";
import type { Engine, Execution, Outcome } from "./engine";
import { argsWithJournal, settleJournal, type Journal } from "./journal";
import { ENVELOPE_BYTES, MAX_ARGUMENTS_BYTES } from "./limits";
import type { ReadSet, Write } from "./read-sets";

const PING_AFTER_IDLE_MS = 15_000;
const SYNC_PATH = /^\/api\/[^/]+\/sync$/;
/** Distinct query results kept (search-as-you-type stays bounded); dropping one only costs a re-run. */
const MAX_SHARED_RESULTS = 1000;
/** Their keys (function, arguments, identity) and result texts, in bytes: the oldest go first. */
const MAX_SHARED_RESULT_BYTES = 64 * 1024 * 1024;

/** Results' Convex JSON text by result, so a result many sessions send is serialised once. */
const valueTexts = new WeakMap<object, string>();

function valueText(value: Value): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(convexToJson(value));
  let text = valueTexts.get(value);
  if (text === undefined) {
    text = JSON.stringify(convexToJson(value));
    valueTexts.set(value, text);
  }
  return text;
}

function touches(reads: ReadSet, writes: Write[]): boolean {
  return writes.some((write) => reads.affectedBy(write));
}

/**
 * Query results shared by every session until a write touches what they read, so identical
 * subscriptions of many clients (a thread open in several tabs) execute once per relevant write.
 */
class QueryResults {
  private readonly results = new Map<string, Execution>();
  /** Bytes each key holds: its own length, plus its result's text once known. */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  private drop(key: string) {
    this.results.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  private add(key: string, execution: Execution) {
    this.results.set(key, execution);
    this.sizes.set(key, key.length);
    this.bytes += key.length;
    void execution.outcome.then((outcome) => {
      if (this.results.get(key) !== execution || !outcome.success) return;
      const extra = valueText(outcome.value).length;
      this.sizes.set(key, key.length + extra);
      this.bytes += extra;
      this.evict();
    });
    this.evict();
  }

  private evict() {
    while (this.bytes > MAX_SHARED_RESULT_BYTES || this.results.size > MAX_SHARED_RESULTS) {
      this.drop(this.results.keys().next().value!);
    }
  }

  /** Keeps only the results some open session still subscribes to (called when a socket closes). */
  retain(keys: Set<string>) {
    for (const key of [...this.results.keys()]) if (!keys.has(key)) this.drop(key);
  }

  /**
   * Called on every write: results whose reads the write touches execute again (queued behind the
   * writing transaction). A result still executing started after the writing transaction ended
   * (it sees the write) or is waiting for it to end, so its partial read set is enough.
   */
  invalidate(write: Write) {
    for (const [key, execution] of [...this.results]) {
      if (execution.reads.affectedBy(write)) this.drop(key);
    }
  }

  /** Serves the result cached under `key` for `alias` too, unless a write has touched it since. */
  share(key: string, alias: string) {
    const execution = this.results.get(key);
    if (execution && !this.results.has(alias)) this.add(alias, execution);
  }

  get(key: string, execute: () => Execution): Execution {
    let execution = this.results.get(key);
    if (!execution) {
      execution = execute();
      this.add(key, execution);
    }
    return execution;
  }
}

export type SyncContext = {
  engine: Engine;
  /** Ticked here, once per write; read by the sessions and, elsewhere, by the log and the HTTP API. */
  clock: Clock;
  verifier: TokenVerifier;
  /** Resolves once every write made so far is durable; rejects if it cannot be. */
  settle: () => Promise<void>;
};
type SessionContext = SyncContext & { results: QueryResults };

const NOT_DURABLE = "[Request ID: local] Server Error\nThe local backend could not make the write durable (see its log)";

type Args = Record<string, Value>;
type Query = {
  udfPath: string;
  args: Args;
  journal: Journal;
  lastSent: string | null;
  last: Execution | null;
  /** The shared results' keys this query last used. */
  keys: string[];
};
type Version = { querySet: number; identity: number; ts: bigint };
type ClientMessage = { type: string; [field: string]: any };

function argsOf(json: JSONValue[] | undefined): Args {
  return (jsonToConvex(json?.[0] ?? {}) ?? {}) as Args;
}

function failureFields(outcome: Extract<Outcome, { success: false }>) {
  return outcome.errorData === undefined ? {} : { errorData: outcome.errorData };
}

class SyncSession {
  private readonly queries = new Map<number, Query>();
  private removed: number[] = [];
  private querySetVersion = 0;
  private identityVersion = 0;
  private token: VerifiedToken | null = null;
  private sent: Version = { querySet: 0, identity: 0, ts: 0n };
  /** Messages that change the session's state are handled one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private syncQueued = false;
  /** A MutationResponse went out: the next Transition must carry a ts at or past it. */
  private owesTransition = false;
  private lastSentAt = Date.now();
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: SessionContext,
  ) {
    ws.on("message", (data) => {
      try {
        this.receive(data.toString());
      } catch (error) {
        this.fatal(`Could not handle the message: ${String((error as Error)?.message ?? error)}`);
      }
    });
    // Invalid UTF-8, frames over maxPayload, protocol errors: ws closes the socket after this.
    ws.on("error", () => ws.terminate());
    this.pinger = setInterval(() => {
      if (Date.now() - this.lastSentAt >= PING_AFTER_IDLE_MS) this.send({ type: "Ping" });
    }, PING_AFTER_IDLE_MS / 3);
    this.pinger.unref();
  }

  close() {
    clearInterval(this.pinger);
  }

  /** The shared results' keys this session's queries use. */
  keys(): string[] {
    return [...this.queries.values()].flatMap((query) => query.keys);
  }

  /** Re-runs the subscriptions if the writes touch what one of them read. */
  refresh(writes: Write[]) {
    for (const query of this.queries.values()) {
      if (!query.last || touches(query.last.reads, writes)) return this.requestSync();
    }
  }

  /** Data may have changed: re-run the subscriptions (coalesced with a pending re-run). */
  private requestSync() {
    if (this.syncQueued) return;
    this.syncQueued = true;
    this.enqueue(async () => {
      this.syncQueued = false;
      await this.transition();
    });
  }

  private send(message: Record<string, unknown>) {
    this.sendText(JSON.stringify(message));
  }

  private sendText(text: string) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.lastSentAt = Date.now();
    this.ws.send(text);
  }

  private fatal(error: string) {
    this.send({ type: "FatalError", error });
    // A close reason is at most 123 bytes of UTF-8.
    this.ws.close(1011, Buffer.from(error).subarray(0, 120).toString("utf8").replace(/\uFFFD+$/, ""));
  }

  private enqueue(task: () => Promise<void>) {
    this.queue = this.queue.then(task).catch((error) => this.fatal(String(error?.stack ?? error)));
  }

  private receive(raw: string) {
    let message: ClientMessage;
    try {
      message = JSON.parse(raw);
    } catch {
      return this.fatal("Could not parse the message as JSON");
    }
    if (typeof message !== "object" || message === null || Array.isArray(message) || typeof message.type !== "string") {
      return this.fatal("A message must be a JSON object with a string `type`");
    }
    switch (message.type) {
      case "Connect": {
        const observed = message.maxObservedTimestamp;
        if (observed === undefined || observed === null) return;
        if (typeof observed !== "string" || Buffer.from(observed, "base64").length !== 8) {
          return this.fatal("maxObservedTimestamp must be a base64-encoded u64");
        }
        this.ctx.clock.observe(decodeTs(observed));
        return;
      }
      case "ModifyQuerySet":
        return this.enqueue(() => this.modifyQuerySet(message));
      case "Authenticate":
        return this.enqueue(() => this.authenticate(message));
      case "Mutation":
        return this.enqueue(() => this.mutation(message));
      case "Action":
        this.action(message).catch((error) => this.fatal(String(error?.message ?? error)));
        return;
      case "Event":
        return;
      default:
        return this.fatal(`Unknown message type ${String(message.type)}`);
    }
  }

  /** The caller's identity; an expired token is reported once and then grants nothing. */
  private identity(): UserIdentity | null {
    if (this.token?.expiresAt && this.token.expiresAt <= Date.now()) {
      this.token = null;
      this.send({
        type: "AuthError",
        error: "Token expired",
        baseVersion: this.identityVersion,
        authUpdateAttempted: false,
      });
    }
    return this.token?.identity ?? null;
  }

  private async modifyQuerySet(message: ClientMessage) {
    if (message.baseVersion !== this.querySetVersion) {
      return this.fatal(
        `Base version ${message.baseVersion} passed up doesn't match the current version ${this.querySetVersion}`,
      );
    }
    if (!Array.isArray(message.modifications)) return this.fatal("ModifyQuerySet needs a `modifications` array");
    for (const change of message.modifications as ClientMessage[]) {
      if (change.type === "Add") {
        this.queries.set(change.queryId, {
          udfPath: change.udfPath,
          args: argsOf(change.args),
          journal: change.journal ?? null,
          lastSent: null,
          last: null,
          keys: [],
        });
      } else if (change.type === "Remove") {
        this.queries.delete(change.queryId);
        this.removed.push(change.queryId);
      }
    }
    this.querySetVersion = message.newVersion;
    await this.transition();
  }

  private async authenticate(message: ClientMessage) {
    const refuse = (error: string) =>
      this.send({ type: "AuthError", error, baseVersion: message.baseVersion, authUpdateAttempted: true });
    if (message.tokenType === "Admin") return refuse("The local backend does not accept admin keys");
    if (message.tokenType === "User") {
      try {
        this.token = await this.ctx.verifier.verify(message.value);
      } catch (error) {
        if (error instanceof AuthFailure) return refuse(error.message);
        throw error;
      }
    } else {
      this.token = null;
    }
    this.identityVersion = message.baseVersion + 1;
    await this.transition();
  }

  private refusedComponentCall(message: ClientMessage) {
    return message.componentPath ? "Only admin auth can call functions of a component" : null;
  }

  private async mutation(message: ClientMessage) {
    const refused = this.refusedComponentCall(message);
    const outcome: Outcome = refused
      ? { success: false, errorMessage: refused }
      : await this.ctx.engine.call("mutation", message.udfPath, argsOf(message.args), this.identity());
    if (!outcome.success) {
      return this.send({
        type: "MutationResponse",
        requestId: message.requestId,
        success: false,
        result: outcome.errorMessage,
        logLines: [],
        ...failureFields(outcome),
      });
    }
    // Every write of the mutation has ticked the clock (SyncServer): this covers them.
    const ts = this.ctx.clock.current();
    // Acknowledged only once durable: the write-ahead log holds it, fsync'd.
    try {
      await this.ctx.settle();
    } catch {
      return this.send({ type: "MutationResponse", requestId: message.requestId, success: false, result: NOT_DURABLE, logLines: [] });
    }
    this.send({
      type: "MutationResponse",
      requestId: message.requestId,
      success: true,
      result: convexToJson(outcome.value),
      ts: encodeTs(ts),
      logLines: [],
    });
    this.owesTransition = true;
    await this.transition();
  }

  private async action(message: ClientMessage) {
    const refused = this.refusedComponentCall(message);
    const outcome: Outcome = refused
      ? { success: false, errorMessage: refused }
      : await this.ctx.engine.call("action", message.udfPath, argsOf(message.args), this.identity());
    // What the action wrote through its mutations is durable before it is reported done.
    await this.ctx.settle().catch(() => {});
    this.send({
      type: "ActionResponse",
      requestId: message.requestId,
      logLines: [],
      ...(outcome.success
        ? { success: true, result: convexToJson(outcome.value) }
        : { success: false, result: outcome.errorMessage, ...failureFields(outcome) }),
    });
  }

  /** The query's modification as JSON text, or null when it is the execution already sent. */
  private async execute(queryId: number, query: Query) {
    const identity = this.identity();
    const keyFor = (journal: Journal) =>
      JSON.stringify([query.udfPath, convexToJson(argsWithJournal(query.args, journal)), identity]);
    const args = argsWithJournal(query.args, query.journal);
    const key = keyFor(query.journal);
    query.keys = [key];
    const execution = this.ctx.results.get(key, () => this.ctx.engine.trackedQuery(query.udfPath, args, identity));
    const outcome = await execution.outcome;
    if (execution === query.last) return null;
    query.last = execution;
    if (!outcome.success) {
      const { errorMessage } = outcome;
      const failed = { type: "QueryFailed", queryId, errorMessage, logLines: [], journal: query.journal, ...failureFields(outcome) };
      return JSON.stringify(failed);
    }
    const settled = settleJournal(query.args, query.journal, outcome.value);
    // A first page pinned at its own end is the same page: later Transitions reuse this result.
    if (settled.journal !== query.journal) {
      const alias = keyFor(settled.journal);
      this.ctx.results.share(key, alias);
      query.keys = [key, alias];
    }
    query.journal = settled.journal;
    const fields = `"queryId":${queryId},"value":${valueText(settled.value)},"logLines":[],"journal":${JSON.stringify(query.journal)}`;
    return `{"type":"QueryUpdated",${fields}}`;
  }

  /** Re-runs the queries whose results are stale and sends a Transition holding what changed. */
  private async transition() {
    // Writes not yet durable are not shown: a crash now would take them back.
    await this.ctx.settle().catch(() => {});
    const ts = this.ctx.clock.current() > this.sent.ts ? this.ctx.clock.current() : this.sent.ts;
    const modifications = this.removed.map((queryId) => JSON.stringify({ type: "QueryRemoved", queryId }));
    this.removed = [];
    for (const [queryId, query] of this.queries) {
      const modification = await this.execute(queryId, query);
      if (!modification || modification === query.lastSent) continue;
      query.lastSent = modification;
      modifications.push(modification);
    }
    const end: Version = { querySet: this.querySetVersion, identity: this.identityVersion, ts };
    const versionMoved = end.querySet !== this.sent.querySet || end.identity !== this.sent.identity;
    if (modifications.length === 0 && !versionMoved && !this.owesTransition) return;
    this.owesTransition = false;
    const encode = (v: Version) => JSON.stringify({ querySet: v.querySet, identity: v.identity, ts: encodeTs(v.ts) });
    const versions = `"startVersion":${encode(this.sent)},"endVersion":${encode(end)}`;
    this.sendText(`{"type":"Transition",${versions},"modifications":[${modifications.join(",")}]}`);
    this.sent = end;
  }
}

/**
 * Accepts sync sockets on the API server and follows the engine's writes: each write gets a new
 * timestamp and drops the shared results it touches at once (so the writer's own Transition
 * already re-executes); the sessions it concerns are refreshed once it is durable.
 */
export class SyncServer {
  private readonly sessions = new Set<SyncSession>();
  /** Frames over the argument limit (plus the envelope) close that socket (ws answers 1009). */
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_ARGUMENTS_BYTES + ENVELOPE_BYTES });
  private readonly ctx: SessionContext;
  /** Writes since the last refresh of the sessions. */
  private pendingWrites: Write[] = [];
  private readonly stopListening: () => void;

  constructor(ctx: SyncContext) {
    this.ctx = { ...ctx, results: new QueryResults() };
    this.stopListening = ctx.engine.onWrite((write) => this.written(write));
  }

  private written(write: Write) {
    this.ctx.clock.tick();
    this.ctx.results.invalidate(write);
    this.pendingWrites.push(write);
    if (this.pendingWrites.length > 1) return;
    // After the current syscall, and once durable: other clients see only writes that survive a crash.
    setImmediate(() => {
      const refresh = () => {
        const writes = this.pendingWrites;
        this.pendingWrites = [];
        for (const session of this.sessions) session.refresh(writes);
      };
      this.ctx.settle().then(refresh, refresh);
    });
  }

  attach(server: Server) {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (!SYNC_PATH.test(path)) {
        socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const session = new SyncSession(ws, this.ctx);
        this.sessions.add(session);
        ws.on("close", () => {
          session.close();
          this.sessions.delete(session);
          // Results only this socket subscribed to (its arguments may be large) go with it.
          this.ctx.results.retain(new Set([...this.sessions].flatMap((s) => s.keys())));
        });
      });
    });
  }

  close() {
    this.stopListening();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
