/**
 * Counters of the sync server since it started, served at `GET /local/metrics`: how many query
 * executions, Transition frames and bytes the writes caused, and the backend CPU time of the two
 * phases of a refresh (executing the stale shared results, then sending to the sessions). Tests and
 * the benchmark read differences between two readings, so "one execution per change" is a count.
 */
export type SyncMetrics = {
  /** Subscription queries executed (a shared result executes once for all its sessions). */
  executions: number;
  /** Transition frames sent, one per session and change. */
  transitions: number;
  /** Distinct Transition frames encoded: sessions in the same state share one. */
  framesEncoded: number;
  /** Bytes of the Transition frames sent. */
  transitionBytes: number;
  /** Refreshes after writes (writes arriving together share one). */
  refreshes: number;
  /** Sessions a refresh sent to, summed over refreshes. */
  refreshedSessions: number;
  /** Process CPU (user + system, ms) while refreshes executed the stale shared results. */
  executeCpuMs: number;
  /** Process CPU (ms) while refreshes sent the sessions their Transitions. */
  fanOutCpuMs: number;
};

export function emptyMetrics(): SyncMetrics {
  return {
    executions: 0,
    transitions: 0,
    framesEncoded: 0,
    transitionBytes: 0,
    refreshes: 0,
    refreshedSessions: 0,
    executeCpuMs: 0,
    fanOutCpuMs: 0,
  };
}

/** Process CPU time in ms (user + system), to the microsecond. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
