/**
 * Sends one DynamoDB request until it succeeds or fails for a reason retrying cannot fix.
 * Throttling and transient failures wait with jittered exponential backoff (never a tight loop);
 * after `maxAttempts` the error goes up as DYNAMODB_UNAVAILABLE and the source retries the
 * whole batch in place (the partition stays paused; nothing is committed), so an outage of any
 * length is waited out. During waits the group membership is kept alive.
 */
import { backoffDelayMs, sleep, type BackoffPolicy } from '../backoff.js';
import { classifyWriteError, type WriteFailure } from './classify.js';
import { dynamoUnavailable, WriteRejectedError } from './errors.js';

export interface RetryOptions {
  policy: BackoffPolicy;
  maxAttempts: number;
  signal?: AbortSignal | undefined;
  /** Called while waiting (e.g. the consumer's heartbeat). */
  onWait?: (() => Promise<void>) | undefined;
  onRetry?: ((failure: WriteFailure, attempt: number) => void) | undefined;
  random?: () => number;
}

export type SendOutcome<T> = { ok: true; value: T } | { ok: false; alreadyNewer: true };

export async function sendWithRetry<T>(what: string, send: () => Promise<T>, options: RetryOptions): Promise<SendOutcome<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: await send() };
    } catch (err) {
      const failure = classifyWriteError(err);
      if (failure === 'already-newer') return { ok: false, alreadyNewer: true };
      if (failure === 'rejected') throw new WriteRejectedError(what, { cause: err });
      if (failure === 'fatal') throw err;
      if (attempt + 1 >= options.maxAttempts || options.signal?.aborted) throw dynamoUnavailable(what, err);
      options.onRetry?.(failure, attempt);
      await waitBackoff(attempt, options);
    }
  }
}

export async function waitBackoff(attempt: number, options: RetryOptions): Promise<void> {
  const delay = backoffDelayMs(attempt, options.policy, options.random);
  await sleep(delay, options.signal);
  await options.onWait?.().catch(() => undefined);
}
