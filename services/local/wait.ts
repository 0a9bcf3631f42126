import { setTimeout as delay } from 'node:timers/promises';

import { describeError } from '../shared/errors.js';
import { LocalPlatformError, type LocalErrorCode } from './errors.js';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between attempts: when it returns a reason, waiting is pointless (e.g. the process exited). */
  readonly abortReason?: () => string | undefined;
  readonly failureCode?: LocalErrorCode;
}

/**
 * Polls `check` until it resolves or the deadline passes. No fixed sleeps anywhere else: every wait
 * in the local platform is a condition with a deadline, and the error says what was awaited and
 * what the last failure was.
 */
export async function waitUntil(what: string, check: () => Promise<void>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 500;
  let lastFailure = 'not checked yet';
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      // a definite answer (e.g. wal_level is not logical) will not change by waiting
      if (error instanceof LocalPlatformError && !error.retriable) throw error;
      lastFailure = describeError(error);
    }
    const abort = options.abortReason?.();
    if (abort !== undefined) {
      throw new LocalPlatformError('LOCAL_PART_EXITED', `${what}: ${abort} (last check: ${lastFailure})`);
    }
    if (Date.now() >= deadline) {
      throw new LocalPlatformError(
        options.failureCode ?? 'LOCAL_PART_NOT_READY',
        `${what}: not ready after ${Math.round(options.timeoutMs / 1000)} s (last check: ${lastFailure})`,
      );
    }
    await delay(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
}
