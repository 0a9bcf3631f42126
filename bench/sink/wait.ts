import { waitFor } from '../../services/shared/wait-for.js';

/** Polls a condition until it holds (returns a value) or the deadline passes; the benchmark waits for conditions, not clocks. */
export function waitUntil<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  return waitFor(probe, what, { timeoutMs, intervalMs });
}

export const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
