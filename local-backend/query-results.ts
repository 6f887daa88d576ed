/**
 * Query results shared by every sync session until a write touches what they read: identical
 * subscriptions of many clients (one thread open in a thousand tabs) execute once per relevant
 * write, and each result is turned into the JSON text of its modification once, however many
 * sessions send it.
 */
import { convexToJson, type Value } from "convex/values";
import type { Execution, Outcome } from "./engine";
import { settleJournal, type Journal } from "./journal";

/** Distinct query results kept (search-as-you-type stays bounded); dropping one only costs a re-run. */
const MAX_SHARED_RESULTS = 1000;
/** Their keys (function, arguments, journal, identity) and modification texts, in bytes: the oldest go first. */
const MAX_SHARED_RESULT_BYTES = 64 * 1024 * 1024;

/**
 * A query's modification as the sessions holding it send it, but for its `queryId`: the JSON text
 * `{"type":…,"queryId":<id>,<fields>}`. One per shared result and journal.
 */
export type Answer = {
  /** Distinct for every answer made: a Transition's frame is named by its answers' ids. */
  readonly id: number;
  readonly type: "QueryUpdated" | "QueryFailed";
  readonly fields: string;
  /** The journal the session keeps after sending it. */
  readonly journal: Journal;
  /**
   * The last answer this one was compared with, by id: a thousand sessions compare the same two once.
   * An id, not the answer, so answers do not keep every earlier one (and its text) alive.
   */
  compared?: { withId: number; same: boolean };
};

/** Whether `next` sends the same bytes as `sent` (compared once per pair, not once per session). */
export function sameAnswer(sent: Answer, next: Answer): boolean {
  if (sent === next) return true;
  if (next.compared?.withId !== sent.id) {
    next.compared = { withId: sent.id, same: sent.type === next.type && sent.fields === next.fields };
  }
  return next.compared.same;
}

let answers = 0;

/** A failed outcome's `errorData`, when it has some, as a modification's fields. */
export function failureFields(outcome: Extract<Outcome, { success: false }>) {
  return outcome.errorData === undefined ? {} : { errorData: outcome.errorData };
}

/** The modification a session holding `args` and `journal` sends for `outcome`. */
function answerOf(outcome: Outcome, args: Record<string, Value>, journal: Journal): Answer {
  const id = ++answers;
  if (!outcome.success) {
    const { errorMessage } = outcome;
    const fields = JSON.stringify({ errorMessage, logLines: [], journal, ...failureFields(outcome) }).slice(1, -1);
    return { id, type: "QueryFailed", fields, journal };
  }
  const settled = settleJournal(args, journal, outcome.value);
  const value = JSON.stringify(convexToJson(settled.value));
  return { id, type: "QueryUpdated", fields: `"value":${value},"logLines":[],"journal":${JSON.stringify(settled.journal)}`, journal: settled.journal };
}

/**
 * A shared result: its execution, its outcome once known (with the number of writes made by then: it
 * holds none made later), and its answer once a session has needed it.
 */
export type Entry = { readonly execution: Execution; outcome: Outcome | null; writesSeen: number; answer: Answer | null };

export class QueryResults {
  private readonly entries = new Map<string, Entry>();
  /** Bytes each key holds: its own length, plus its answer's text once known. */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  /** `writes`: how many writes have been made so far. */
  constructor(private readonly writes: () => number) {}

  private drop(key: string) {
    this.entries.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  private add(key: string, entry: Entry) {
    this.entries.set(key, entry);
    const size = key.length + (entry.answer?.fields.length ?? 0);
    this.sizes.set(key, size);
    this.bytes += size;
    this.evict();
  }

  private evict() {
    while (this.bytes > MAX_SHARED_RESULT_BYTES || this.entries.size > MAX_SHARED_RESULTS) {
      this.drop(this.entries.keys().next().value!);
    }
  }

  /** Keeps only the results some open session still subscribes to (called when a socket closes). */
  retain(keys: Set<string>) {
    for (const key of [...this.entries.keys()]) if (!keys.has(key)) this.drop(key);
  }

  /**
   * Called on every write: results whose reads the write touches execute again (queued behind the
   * writing transaction). A result still executing started after the writing transaction ended
   * (it sees the write) or is waiting for it to end, so its partial read set is enough.
   */
  invalidate(write: Parameters<Execution["reads"]["affectedBy"]>[0]) {
    for (const [key, entry] of [...this.entries]) {
      if (entry.execution.reads.affectedBy(write)) this.drop(key);
    }
  }

  /** The result under `key`, executing it if no fresh one is kept. */
  get(key: string, execute: () => Execution): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      const created: Entry = { execution: execute(), outcome: null, writesSeen: Infinity, answer: null };
      // Registered first: whoever awaits the outcome finds it on the entry.
      void created.execution.outcome.then((outcome) => {
        created.outcome = outcome;
        created.writesSeen = this.writes();
      });
      this.add(key, created);
      entry = created;
    }
    return entry;
  }

  /**
   * The entry's answer for a session holding `args` and `journal`; `key` names both (with the
   * function and identity), so the first session to ask makes it for all.
   */
  answer(key: string, entry: Entry, outcome: Outcome, args: Record<string, Value>, journal: Journal): Answer {
    if (entry.answer) return entry.answer;
    entry.answer = answerOf(outcome, args, journal);
    if (this.entries.get(key) === entry) {
      const extra = entry.answer.fields.length;
      this.sizes.set(key, (this.sizes.get(key) ?? 0) + extra);
      this.bytes += extra;
      this.evict();
    }
    return entry.answer;
  }

  /**
   * Serves `entry` under `alias` too (a first page pinned at its own end is the same page, under
   * the key naming its journal), unless a write has touched it since.
   */
  share(key: string, entry: Entry, alias: string) {
    if (this.entries.get(key) === entry && !this.entries.has(alias)) this.add(alias, { ...entry });
  }
}
