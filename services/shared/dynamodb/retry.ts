/**
 * The one retry loop of DynamoDB requests: single conditional writes, reads, and the batch
 * requests whose UnprocessedItems/Keys are sent again. Throttling and transient failures wait
 * with jittered exponential backoff (never a tight loop); after the policy's attempts the error
 * goes up as DYNAMODB_UNAVAILABLE and the sink retries the whole batch in place (the partition
 * stays paused; nothing is committed), so an outage of any length is waited out. During waits
 * the group membership is kept alive. A refused item is WriteRejectedError (poison); anything
 * else that is not transient (a bug, a missing table) goes up as it is.
 */
import { backoffDelayMs, sleep } from '../backoff.js';
import { BellyfedError } from '../errors.js';
import type { RetryPolicy } from '../retry-policies.js';
import { classifyWriteError, type WriteFailure } from './classify.js';
import { dynamoUnavailable, WriteRejectedError } from './errors.js';

export interface RetryOptions {
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
  /** Called while waiting (e.g. the consumer's heartbeat). */
  onWait?: (() => Promise<void>) | undefined;
  onRetry?: ((failure: WriteFailure, attempt: number) => void) | undefined;
  random?: () => number;
}

/** One try: done, or a partial answer whose remainder is tried again after a backoff (throttled). */
export type Attempt<T> = { done: true; value: T } | { done: false };

export interface AttemptHooks {
  /** Before the backoff of a thrown failure (blind writes wait out a request that may still land). */
  afterFailure?: (failure: WriteFailure) => Promise<void>;
}

export async function withRetries<T>(what: string, options: RetryOptions, attempt: (n: number) => Promise<Attempt<T>>, hooks: AttemptHooks = {}): Promise<T> {
  for (let n = 0; ; n++) {
    let failure: WriteFailure;
    let cause: unknown;
    try {
      const outcome = await attempt(n);
      if (outcome.done) return outcome.value;
      failure = 'throttled';
      cause = new Error('UnprocessedItems kept coming back');
    } catch (err) {
      // Our own errors (a lost lease, a shutdown) are decisions already taken, not DynamoDB's answers.
      if (err instanceof BellyfedError) throw err;
      failure = classifyWriteError(err);
      if (failure === 'rejected') throw new WriteRejectedError(what, { cause: err });
      if (failure === 'fatal' || failure === 'already-newer') throw err;
      cause = err;
      await hooks.afterFailure?.(failure);
    }
    const max = options.policy.maxAttempts ?? Infinity;
    if (n + 1 >= max || options.signal?.aborted) throw dynamoUnavailable(what, cause);
    options.onRetry?.(failure, n);
    await waitBackoff(n, options);
  }
}

export type SendOutcome<T> = { ok: true; value: T } | { ok: false; alreadyNewer: true };

/** A single request; a guarded write whose condition failed is "already newer", not an error. */
export async function sendWithRetry<T>(what: string, send: () => Promise<T>, options: RetryOptions): Promise<SendOutcome<T>> {
  return withRetries<SendOutcome<T>>(what, options, async () => {
    try {
      return { done: true, value: { ok: true, value: await send() } };
    } catch (err) {
      if (classifyWriteError(err) === 'already-newer') return { done: true, value: { ok: false, alreadyNewer: true } };
      throw err;
    }
  });
}

export async function waitBackoff(attempt: number, options: RetryOptions): Promise<void> {
  const delay = backoffDelayMs(attempt, options.policy, options.random);
  await sleep(delay, options.signal);
  await options.onWait?.().catch(() => undefined);
}
