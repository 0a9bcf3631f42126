/**
 * When the monitor restarts a failed connector. Connect never restarts a failed task by itself,
 * and some failures are transient: the Apicurio converter fails the Debezium task when the
 * registry is unreachable for a moment, and the slot keeps every change meanwhile, so a restart
 * resumes with nothing lost. Restarts back off (30 s, 1 min, 2 min, … up to 30 min) so that a
 * failure a restart cannot fix (a bad config, a dropped slot) is not hammered; the state stays
 * critical and the alert fires either way. A connector that has run for 10 minutes starts over.
 */
import type { ConnectorHealth } from '../types.js';

export const FIRST_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 30 * 60_000;
export const HEALTHY_RESET_MS = 10 * 60_000;

export interface RestartHistory {
  /** Restarts since the connector last ran healthy for HEALTHY_RESET_MS. */
  readonly attempts: number;
  readonly lastRestartAtMs: number | null;
  /** Since when it has been seen healthy without interruption; null while failed. */
  readonly healthySinceMs: number | null;
}

export const NO_HISTORY: RestartHistory = { attempts: 0, lastRestartAtMs: null, healthySinceMs: null };

export interface RestartDecision {
  readonly restart: boolean;
  readonly history: RestartHistory;
}

/** The connector or one of its tasks FAILED (a MISSING connector is not something a restart fixes). */
export function isFailed(health: ConnectorHealth): boolean {
  return health.state === 'FAILED' || health.tasks.some((t) => t.state === 'FAILED');
}

/** Wait after the n-th restart (n ≥ 1) before the next one. */
export function backoffAfter(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

export function decideRestart(health: ConnectorHealth, history: RestartHistory, nowMs: number): RestartDecision {
  if (!isFailed(health)) {
    const healthySinceMs = history.healthySinceMs ?? nowMs;
    const reset = nowMs - healthySinceMs >= HEALTHY_RESET_MS;
    return { restart: false, history: reset ? { ...NO_HISTORY, healthySinceMs } : { ...history, healthySinceMs } };
  }
  const due = history.lastRestartAtMs === null || nowMs - history.lastRestartAtMs >= backoffAfter(history.attempts);
  if (!due) return { restart: false, history: { ...history, healthySinceMs: null } };
  return { restart: true, history: { attempts: history.attempts + 1, lastRestartAtMs: nowMs, healthySinceMs: null } };
}
