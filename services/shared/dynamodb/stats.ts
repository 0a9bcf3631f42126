/** What the writer reports (the worker turns it into Prometheus metrics; tests read it directly). */
import type { WriteFailure } from './classify.js';

export interface WriterStats {
  /** One DynamoDB request finished (success or already-newer), with its latency. */
  request(operation: string, seconds: number): void;
  retry(failure: WriteFailure): void;
  /** A guarded write found a newer state stored: done, nothing to write. */
  alreadyNewer(kind: string): void;
}

export const NO_STATS: WriterStats = { request: () => undefined, retry: () => undefined, alreadyNewer: () => undefined };

/** Counts in memory: for tests and the bench. */
export class CountingStats implements WriterStats {
  readonly requests = new Map<string, number>();
  readonly retries = new Map<WriteFailure, number>();
  readonly newer = new Map<string, number>();
  request(operation: string): void {
    this.requests.set(operation, (this.requests.get(operation) ?? 0) + 1);
  }
  retry(failure: WriteFailure): void {
    this.retries.set(failure, (this.retries.get(failure) ?? 0) + 1);
  }
  alreadyNewer(kind: string): void {
    this.newer.set(kind, (this.newer.get(kind) ?? 0) + 1);
  }
}
