/**
 * Shadow comparisons: after PostgreSQL's answer has been sent, read DynamoDB for the same
 * request and compare the two values in canonical JSON. Never on the critical path, never
 * queued: at most `concurrency` shadow reads run at once and a request arriving beyond that is
 * counted as skipped, so a slow DynamoDB cannot build up memory or sockets. A mismatch is
 * counted per endpoint and, at most once per endpoint and interval, logged with the first
 * differing paths (never the bodies).
 */
import type { Logger } from '../../shared/logger.js';
import { canonicalJson, firstDifferences } from './canonical-json.js';
import type { Endpoint } from '../../shared/config/route-spec.js';
import type { ShadowOutcome } from './types.js';

/** The DynamoDB side of one comparison; it resolves to an outcome when it could not compare. */
export type ShadowRead = () => Promise<{ compared: true; value: unknown } | { compared: false; outcome: ShadowOutcome }>;

export interface ShadowComparerOptions {
  concurrency: number;
  logger: Logger;
  count: (endpoint: Endpoint, outcome: ShadowOutcome) => void;
  logIntervalMs?: number;
  now?: () => number;
}

export class ShadowComparer {
  private inFlight = 0;
  private readonly lastLogged = new Map<Endpoint, number>();
  private readonly suppressed = new Map<Endpoint, number>();
  private readonly idle = new Set<() => void>();

  constructor(private readonly options: ShadowComparerOptions) {}

  /** Starts a comparison in the background (or counts it skipped when too many are running). */
  compare(endpoint: Endpoint, requestId: string, expected: unknown, read: ShadowRead): void {
    if (this.inFlight >= this.options.concurrency) {
      this.options.count(endpoint, 'skipped_busy');
      return;
    }
    this.inFlight++;
    void this.run(endpoint, requestId, expected, read).finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.idle) resolve();
    });
  }

  /** Resolves when no comparison is running (shutdown and tests). */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.idle.delete(done);
        resolve();
      };
      this.idle.add(done);
    });
  }

  private async run(endpoint: Endpoint, requestId: string, expected: unknown, read: ShadowRead): Promise<void> {
    let result: Awaited<ReturnType<ShadowRead>>;
    try {
      result = await read();
    } catch {
      this.options.count(endpoint, 'error');
      return;
    }
    if (!result.compared) {
      this.options.count(endpoint, result.outcome);
      return;
    }
    if (canonicalJson(expected) === canonicalJson(result.value)) {
      this.options.count(endpoint, 'match');
      return;
    }
    this.options.count(endpoint, 'mismatch');
    this.logSampled(endpoint, requestId, expected, result.value);
  }

  private logSampled(endpoint: Endpoint, requestId: string, expected: unknown, candidate: unknown): void {
    const now = (this.options.now ?? Date.now)();
    const last = this.lastLogged.get(endpoint);
    if (last !== undefined && now - last < (this.options.logIntervalMs ?? 10_000)) {
      this.suppressed.set(endpoint, (this.suppressed.get(endpoint) ?? 0) + 1);
      return;
    }
    this.lastLogged.set(endpoint, now);
    const suppressedBefore = this.suppressed.get(endpoint) ?? 0;
    this.suppressed.set(endpoint, 0);
    this.options.logger.warn(
      { endpoint, reqId: requestId, differences: firstDifferences(expected, candidate), mismatchesNotLogged: suppressedBefore },
      'shadow read: DynamoDB differs from PostgreSQL',
    );
  }
}
