/**
 * The read-router: per endpoint, PostgreSQL, DynamoDB or shadow. A DynamoDB route only serves
 * from DynamoDB when the circuit lets it try, the projection is fresh enough for the tables the
 * endpoint reads, and DynamoDB answers before the deadline; otherwise PostgreSQL answers and the
 * reason is reported (X-Fallback-Reason). A client never sees a DynamoDB failure: the worst a
 * DynamoDB problem costs a request is the deadline.
 */
import type { Logger } from '../../shared/logger.js';
import { IncompleteItemError } from '../dynamodb-items.js';
import { UnservableRequestError } from '../dynamodb-reader.js';
import type { RestaurantReader } from '../types.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { DeadlineExceededError, withDeadline } from './deadline.js';
import { endpointLagMs, type WatermarkCache } from './freshness.js';
import type { RouterMetrics } from './metrics.js';
import type { Endpoint } from '../../shared/config/route-spec.js';
import type { RouteTableStore } from './route-table.js';
import type { ShadowComparer } from './shadow.js';
import type { FallbackReason, Served, ShadowOutcome } from './types.js';

/** A read, the same for either store. */
export type ReadCall<T> = (reader: RestaurantReader, signal?: AbortSignal) => Promise<T>;

export interface ReadRouterOptions {
  postgres: RestaurantReader;
  dynamodb: RestaurantReader;
  routes: RouteTableStore;
  breaker: CircuitBreaker;
  watermarks: WatermarkCache;
  shadow: ShadowComparer;
  metrics: RouterMetrics;
  logger: Logger;
  freshnessBoundMs: number;
  timeoutMs: number;
  /** Shadow reads are off the critical path: they may wait longer than a routed read. */
  shadowTimeoutMs: number;
  now?: () => number;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; reason: FallbackReason | 'unservable'; error?: unknown };

export class ReadRouter {
  private readonly now: () => number;

  constructor(private readonly options: ReadRouterOptions) {
    this.now = options.now ?? Date.now;
  }

  async read<T>(endpoint: Endpoint, requestId: string, call: ReadCall<T>): Promise<Served<T>> {
    const mode = this.options.routes.modeOf(endpoint);
    if (mode === 'dynamodb') {
      const attempt = await this.tryDynamoDb(endpoint, this.options.timeoutMs, call);
      if (attempt.ok) return this.served(endpoint, { value: attempt.value, source: 'dynamodb', fallbackReason: undefined, afterResponse: undefined });
      // A request DynamoDB cannot express is reported as an error: the client still gets PostgreSQL's answer.
      const reason: FallbackReason = attempt.reason === 'unservable' ? 'error' : attempt.reason;
      this.options.metrics.fellBack(endpoint, reason);
      const value = await call(this.options.postgres);
      return this.served(endpoint, { value, source: 'postgres', fallbackReason: reason, afterResponse: undefined });
    }
    const value = await call(this.options.postgres);
    const afterResponse = mode === 'shadow'
      ? () => this.options.shadow.compare(endpoint, requestId, value, async () => {
        const attempt = await this.tryDynamoDb(endpoint, this.options.shadowTimeoutMs, call);
        return attempt.ok ? { compared: true, value: attempt.value } : { compared: false, outcome: shadowOutcome(attempt.reason) };
      })
      : undefined;
    return this.served(endpoint, { value, source: 'postgres', fallbackReason: undefined, afterResponse });
  }

  private served<T>(endpoint: Endpoint, served: Served<T>): Served<T> {
    this.options.metrics.served(endpoint, served.source);
    return served;
  }

  /** Circuit, freshness gate, then the read itself, all within one deadline. */
  private async tryDynamoDb<T>(endpoint: Endpoint, timeoutMs: number, call: ReadCall<T>): Promise<Attempt<T>> {
    const permit = this.options.breaker.tryAcquire();
    if (!permit) return { ok: false, reason: 'circuit-open' };
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      // undefined: the projection is staler than the bound for this endpoint's tables.
      const value = await withDeadline(timeoutMs, async (signal) => {
        const watermarks = await this.options.watermarks.get(signal);
        if (endpointLagMs(watermarks, endpoint, this.now()) > this.options.freshnessBoundMs) return undefined;
        return { value: await call(this.options.dynamodb, signal) };
      });
      permit.success();
      if (value === undefined) return { ok: false, reason: 'stale' };
      this.options.metrics.dynamodbRead(endpoint, elapsed(), true);
      return { ok: true, value: value.value };
    } catch (error) {
      this.options.metrics.dynamodbRead(endpoint, elapsed(), false);
      if (error instanceof UnservableRequestError || error instanceof IncompleteItemError) {
        // DynamoDB answered; the request or the item is the problem, not DynamoDB's health.
        permit.success();
        this.options.logger.debug({ endpoint, err: { name: error.name, message: error.message } }, 'not servable from DynamoDB');
        return { ok: false, reason: 'unservable', error };
      }
      permit.failure();
      const reason: FallbackReason = error instanceof DeadlineExceededError ? 'timeout' : 'error';
      this.options.logger.warn({ endpoint, reason, err: { name: (error as Error)?.name, message: (error as Error)?.message } }, 'DynamoDB read failed; served by PostgreSQL');
      return { ok: false, reason, error };
    }
  }
}

function shadowOutcome(reason: FallbackReason | 'unservable'): ShadowOutcome {
  switch (reason) {
    case 'stale':
      return 'skipped_stale';
    case 'circuit-open':
      return 'skipped_circuit_open';
    default:
      return 'error';
  }
}
