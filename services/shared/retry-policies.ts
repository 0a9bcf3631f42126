/**
 * One retry policy per dependency, named here and nowhere else. Every wait is exponential with
 * full jitter (backoff.ts); what is retried at all is decided by the one classifier
 * (errors/classify.ts): programmer errors never, permanent failures not by these loops.
 */
import type { BackoffPolicy } from './backoff.js';

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts before the failure goes up to the caller's own loop (undefined: until it passes). */
  maxAttempts: number | undefined;
}

export const RETRY_POLICIES = {
  /** One DynamoDB request (and its UnprocessedItems/Keys); then DYNAMODB_UNAVAILABLE goes up and the sink retries its batch. */
  dynamodb: { baseMs: 50, maxMs: 5000, maxAttempts: 8 },
  /** A sink batch whose effects failed (DynamoDB or the registry down): retried in place, the partition waits, nothing is committed. */
  sinkBatch: { baseMs: 200, maxMs: 10_000, maxAttempts: undefined },
  /** A Kafka Connect REST call (connectors CLI, monitor). */
  connect: { baseMs: 250, maxMs: 4000, maxAttempts: 4 },
  /** The analytics producer: events wait in the bounded buffer meanwhile. */
  analytics: { baseMs: 100, maxMs: 30_000, maxAttempts: undefined },
  /** kafkajs's own client retries (metadata, produce, admin), in its terms. */
  kafkaClient: { baseMs: 200, maxMs: 5000, maxAttempts: 3 },
} as const satisfies Record<string, RetryPolicy>;
