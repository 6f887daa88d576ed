/**
 * The WebSocket sync protocol (convex/src/browser/sync/protocol.ts) at `/api/<version>/sync`.
 * One SyncSession per socket keeps the client's query set, identity and the version it last sent.
 * After writes, only sessions holding a query whose read set the writes touch re-run it; a
 * Transition sends only the results that changed. A refresh first executes every stale shared
 * result (once, however many sessions hold it), then sends: sessions in the same state share one
 * encoded frame, each still chained from its own versions.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { WebSocket, WebSocketServer } from "ws";
import { AuthFailure, type TokenVerifier, type VerifiedToken } from "./auth";
import { decodeTs, encodeTs, type Clock } from "./clock";
import type { Engine, Execution, Outcome } from "./engine";
import { argsWithJournal, type Journal } from "./journal";
import { ENVELOPE_BYTES, MAX_ARGUMENTS_BYTES } from "./limits";
import { failureFields, QueryResults, sameAnswer, type Answer, type Entry } from "./query-results";
import type { Write } from "./read-sets";
import { cpuMs, emptyMetrics, type SyncMetrics } from "./sync-metrics";

const PING_AFTER_IDLE_MS = 15_000;
const SYNC_PATH = /^\/api\/[^/]+\/sync$/;
/** Encoded Transition frames kept for sessions in the same state; past this many bytes they start over. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Transition frames by what they hold (versions, removed queries, answers by id), encoded once
 * for every session in the same state. Emptied on every write: later frames carry a later version.
 */
class Frames {
  private readonly frames = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly metrics: SyncMetrics) {}

  clear() {
    this.frames.clear();
    this.bytes = 0;
  }

  get(name: string, encode: () => string): Buffer {
    let frame = this.frames.get(name);
    if (!frame) {
      frame = Buffer.from(encode());
      this.metrics.framesEncoded += 1;
      if (this.bytes + frame.length > MAX_FRAME_BYTES) this.clear();
      this.frames.set(name, frame);
      this.bytes += frame.length;
    }
    return frame;
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
type SessionContext = SyncContext & { results: QueryResults; frames: Frames; metrics: SyncMetrics; writes: () => number };

const NOT_DURABLE = "[Request ID: local] Server Error\nThe local backend could not make the write durable (see its log)";

type Args = Record<string, Value>;
type Query = {
  udfPath: string;
  args: Args;
  /** The arguments' Convex JSON text, part of the shared results' keys. */
  argsText: string;
  journal: Journal;
  lastSent: Answer | null;
  last: Execution | null;
  /** The shared results' keys this query last used. */
  keys: string[];
  /** The shared result's key and the arguments it executes with, for this journal and identity. */
  reading: { journal: Journal; identity: UserIdentity | null; key: string; args: Args } | null;
};
type Version = { querySet: number; identity: number; ts: bigint };
type ClientMessage = { type: string; [field: string]: any };

/** The last timestamp encoded: the sessions a refresh sends to all end at the same one. */
let lastTs: { ts: bigint; text: string } = { ts: -1n, text: "" };

function versionText(v: Version): string {
  if (lastTs.ts !== v.ts) lastTs = { ts: v.ts, text: encodeTs(v.ts) };
  // The versions are the client's numbers (JSON.stringify keeps a hostile client's frames valid JSON).
  return `{"querySet":${JSON.stringify(v.querySet)},"identity":${JSON.stringify(v.identity)},"ts":"${lastTs.text}"}`;
}

/** A shared result's key: the function, its arguments, the journal and the identity it executes with. */
function resultKey(query: Query, journal: Journal, identity: UserIdentity | null): string {
  return `[${JSON.stringify(query.udfPath)},${query.argsText},${JSON.stringify(journal)},${JSON.stringify(identity)}]`;
}

function argsOf(json: JSONValue[] | undefined): Args {
  return (jsonToConvex(json?.[0] ?? {}) ?? {}) as Args;
}

class SyncSession {
  private readonly queries = new Map<number, Query>();
  private removed: number[] = [];
  private querySetVersion = 0;
  private identityVersion = 0;
  private token: VerifiedToken | null = null;
  private sent: Version = { querySet: 0, identity: 0, ts: 0n };
  private sentText = versionText(this.sent);
  /** Messages that change the session's state are handled one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private pendingSync: Promise<void> | null = null;
  /** Tasks queued or running. */
  private tasks = 0;
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

  /** The shared results' keys this session's queries use, and the ones they are executing. */
  keys(): string[] {
    return [...this.queries.values()].flatMap((query) => (query.reading ? [...query.keys, query.reading.key] : query.keys));
  }

  /**
   * Whether the writes touch what one of the subscriptions read. `touched` remembers the answer
   * per execution for this refresh: sessions sharing a result check its read set once.
   */
  affectedBy(writes: Write[], touched: Map<Execution, boolean>): boolean {
    for (const query of this.queries.values()) {
      if (!query.last) return true;
      let hit = touched.get(query.last);
      if (hit === undefined) {
        hit = writes.some((write) => query.last!.reads.affectedBy(write));
        touched.set(query.last, hit);
      }
      if (hit) return true;
    }
    return false;
  }

  /** Starts (or joins) the executions of this session's stale results: the outcomes not known yet. */
  pendingOutcomes(): Promise<Outcome>[] {
    // Expired: the session's Transition reports it; the results it reads are the anonymous ones.
    const identity = this.tokenExpired() ? null : (this.token?.identity ?? null);
    const pending: Promise<Outcome>[] = [];
    for (const query of this.queries.values()) {
      const { entry } = this.entry(query, identity);
      if (!entry.outcome) pending.push(entry.execution.outcome);
    }
    return pending;
  }

  /**
   * A refresh's fan-out once every write is durable and the shared results are executed: sends
   * the Transition at once when nothing is queued before it (no promise per session), else queues it.
   */
  refreshNow(): Promise<void> | null {
    if (this.tasks > 0) return this.requestSync();
    try {
      return this.sendTransition() === "sent" ? null : this.requestSync();
    } catch (error) {
      this.fatal(String((error as Error)?.stack ?? error));
      return null;
    }
  }

  /** Data may have changed: re-run the subscriptions (coalesced with a pending re-run); resolves once sent. */
  requestSync(): Promise<void> {
    if (this.pendingSync) return this.pendingSync;
    const done = this.enqueue(async () => {
      this.pendingSync = null;
      await this.transition();
    });
    this.pendingSync = done;
    return done;
  }

  private send(message: Record<string, unknown>) {
    this.sendText(JSON.stringify(message));
  }

  private sendText(text: string | Buffer) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.lastSentAt = Date.now();
    // A Buffer shared by many sessions still goes out as a text frame.
    this.ws.send(text, { binary: false });
  }

  private fatal(error: string) {
    this.send({ type: "FatalError", error });
    // A close reason is at most 123 bytes of UTF-8.
    this.ws.close(1011, Buffer.from(error).subarray(0, 120).toString("utf8").replace(/\uFFFD+$/, ""));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.tasks += 1;
    this.queue = this.queue
      .then(task)
      .catch((error) => this.fatal(String(error?.stack ?? error)))
      .then(() => {
        this.tasks -= 1;
      });
    return this.queue;
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

  private tokenExpired(): boolean {
    return !!this.token?.expiresAt && this.token.expiresAt <= Date.now();
  }

  /** The caller's identity; an expired token is reported once and then grants nothing. */
  private identity(): UserIdentity | null {
    if (this.tokenExpired()) {
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
        const args = argsOf(change.args);
        this.queries.set(change.queryId, {
          udfPath: change.udfPath,
          args,
          argsText: JSON.stringify(convexToJson(args)),
          journal: change.journal ?? null,
          lastSent: null,
          last: null,
          keys: [],
          reading: null,
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

  /** The shared result the query reads now: its key names the function, arguments, journal and identity. */
  private entry(query: Query, identity: UserIdentity | null): { key: string; entry: Entry } {
    // Kept while the journal and identity stay: a refresh asks each of a thousand sessions twice.
    let reading = query.reading;
    if (!reading || reading.journal !== query.journal || reading.identity !== identity) {
      const key = resultKey(query, query.journal, identity);
      reading = { journal: query.journal, identity, key, args: argsWithJournal(query.args, query.journal) };
      query.reading = reading;
    }
    const { key, args } = reading;
    const entry = this.ctx.results.get(key, () => {
      this.ctx.metrics.executions += 1;
      return this.ctx.engine.trackedQuery(query.udfPath, args, identity);
    });
    return { key, entry };
  }

  /** Re-runs the queries whose results are stale and sends a Transition holding what changed. */
  private async transition() {
    for (;;) {
      // Writes not yet durable are not shown: a crash now would take them back.
      const durable = this.ctx.writes();
      await this.ctx.settle().catch(() => {});
      let sent = this.sendTransition(durable);
      while (sent === "executing") {
        await Promise.all(this.pendingOutcomes());
        sent = this.sendTransition(durable);
      }
      // Otherwise a result holds a write made since the settle began: wait for that one too.
      if (sent === "sent") return;
    }
  }

  /**
   * Sends a Transition holding what changed, if anything did ("sent"); nothing is done while a result
   * the queries need is still executing, or holds a write after the first `durable` ones.
   */
  private sendTransition(durable = Infinity): "sent" | "executing" | "not durable" {
    const identity = this.identity();
    const reads = [...this.queries].map(([queryId, query]) => ({ queryId, query, ...this.entry(query, identity) }));
    if (reads.some(({ entry }) => !entry.outcome)) return "executing";
    if (reads.some(({ entry }) => entry.writesSeen > durable)) return "not durable";
    // Every result is known and none was touched by a write since: they hold at the current time.
    const ts = this.ctx.clock.current() > this.sent.ts ? this.ctx.clock.current() : this.sent.ts;
    const removed = this.removed;
    this.removed = [];
    const changed: [number, Answer][] = [];
    for (const { queryId, query, key, entry } of reads) {
      query.keys = [key];
      if (entry.execution === query.last) continue;
      query.last = entry.execution;
      const answer = this.ctx.results.answer(key, entry, entry.outcome!, query.args, query.journal);
      // A first page pinned at its own end is the same page: later Transitions reuse this result.
      if (answer.journal !== query.journal) {
        const alias = resultKey(query, answer.journal, identity);
        this.ctx.results.share(key, entry, alias);
        query.keys = [key, alias];
      }
      query.journal = answer.journal;
      const same = query.lastSent !== null && sameAnswer(query.lastSent, answer);
      query.lastSent = answer;
      if (!same) changed.push([queryId, answer]);
    }
    const end: Version = { querySet: this.querySetVersion, identity: this.identityVersion, ts };
    const versionMoved = end.querySet !== this.sent.querySet || end.identity !== this.sent.identity;
    if (changed.length === 0 && removed.length === 0 && !versionMoved && !this.owesTransition) return "sent";
    this.owesTransition = false;
    const versions = `"startVersion":${this.sentText},"endVersion":${versionText(end)}`;
    // Named by its versions, removals and answers: the same name is the same bytes.
    const name = `${versions}|${removed.join(",")}|${changed.map(([queryId, answer]) => `${queryId}:${answer.id}`).join(",")}`;
    const frame = this.ctx.frames.get(name, () => {
      const modifications = [
        ...removed.map((queryId) => JSON.stringify({ type: "QueryRemoved", queryId })),
        ...changed.map(([queryId, answer]) => `{"type":"${answer.type}","queryId":${queryId},${answer.fields}}`),
      ];
      return `{"type":"Transition",${versions},"modifications":[${modifications.join(",")}]}`;
    });
    this.ctx.metrics.transitions += 1;
    this.ctx.metrics.transitionBytes += frame.length;
    this.sendText(frame);
    this.sent = end;
    this.sentText = versionText(end);
    return "sent";
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
  /** Writes seen so far: a refresh sends at once only if none came after the ones it knows durable. */
  private writeCount = 0;
  private retainQueued = false;
  private readonly stopListening: () => void;

  constructor(ctx: SyncContext) {
    const metrics = emptyMetrics();
    const writes = () => this.writeCount;
    this.ctx = { ...ctx, results: new QueryResults(writes), frames: new Frames(metrics), metrics, writes };
    this.stopListening = ctx.engine.onWrite((write) => this.written(write));
  }

  /** The counters since the server started (a copy). */
  metrics(): SyncMetrics {
    return { ...this.ctx.metrics };
  }

  private written(write: Write) {
    this.ctx.clock.tick();
    this.ctx.results.invalidate(write);
    this.ctx.frames.clear();
    this.writeCount += 1;
    this.pendingWrites.push(write);
    if (this.pendingWrites.length > 1) return;
    // After the current syscall, and once durable: other clients see only writes that survive a crash.
    setImmediate(() => {
      const durable = this.writeCount;
      const refresh = (writesDurable: number) => {
        const writes = this.pendingWrites;
        this.pendingWrites = [];
        void this.refresh(writes, writesDurable);
      };
      // Not durable: the sessions' own Transitions wait for durability again.
      this.ctx.settle().then(() => refresh(durable), () => refresh(-1));
    });
  }

  /**
   * Executes the stale shared results the sessions the writes touch hold, each once, and only
   * then sends them their Transitions: the execution is paid once per change, the rest per session.
   */
  private async refresh(writes: Write[], writesDurable: number) {
    const metrics = this.ctx.metrics;
    const touched = new Map<Execution, boolean>();
    const sessions = [...this.sessions].filter((session) => session.affectedBy(writes, touched));
    if (!sessions.length) return;
    const started = cpuMs();
    await Promise.all(new Set(sessions.flatMap((session) => session.pendingOutcomes())));
    const executed = cpuMs();
    // A write since the durable ones: each session waits for durability in its own Transition.
    const now = this.writeCount === writesDurable;
    const queued = sessions.map((session) => (now ? session.refreshNow() : session.requestSync()));
    await Promise.all(queued.filter((later) => later !== null));
    metrics.refreshes += 1;
    metrics.refreshedSessions += sessions.length;
    metrics.executeCpuMs += executed - started;
    metrics.fanOutCpuMs += cpuMs() - executed;
  }

  /**
   * Results only closed sockets subscribed to (their arguments may be large) go with them: once
   * for the sockets closing together, not once per socket over every open session.
   */
  private retainLater() {
    if (this.retainQueued) return;
    this.retainQueued = true;
    setImmediate(() => {
      this.retainQueued = false;
      this.ctx.results.retain(new Set([...this.sessions].flatMap((s) => s.keys())));
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
          this.retainLater();
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
