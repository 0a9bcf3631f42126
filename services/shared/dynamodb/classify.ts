/**
 * What a failed DynamoDB request means for the sink, decided in one place:
 * - already-newer: a ConditionalCheckFailed on a guarded write — a newer state is stored, the
 *   write is done (counted, not retried);
 * - throttled / transient: wait with backoff and send again (the partition pauses meanwhile);
 * - rejected: DynamoDB refuses this item for good (ValidationException: too large, bad key) —
 *   retrying cannot help, the event is poison;
 * - fatal: anything else (a bug, missing table, credentials): not retried by the writer; the
 *   source retries the whole batch in place with its own backoff and the logs say why.
 */
import { isRetriable } from '../errors.js';

export type WriteFailure = 'already-newer' | 'throttled' | 'transient' | 'rejected' | 'fatal';

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException',
  'LimitExceededException',
]);
const TRANSIENT_NAMES = new Set([
  'InternalServerError', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException', 'TimeoutError',
  'RequestTimeout', 'RequestTimeoutException', 'NetworkingError', 'TransactionInProgressException',
]);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);

export function classifyWriteError(err: unknown): WriteFailure {
  if (typeof err !== 'object' || err === null) return 'fatal';
  const e = err as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'ConditionalCheckFailedException') return 'already-newer';
  if (THROTTLING.has(name) || e.$retryable?.throttling === true) return 'throttled';
  if (name === 'ValidationException' || name === 'ItemCollectionSizeLimitExceededException') return 'rejected';
  if (TRANSIENT_NAMES.has(name)) return 'transient';
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return 'transient';
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return 'transient';
  if (isRetriable(err)) return 'transient';
  // The SDK wraps socket errors without a code on the outer error; look one level down.
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== err && classifyWriteError(cause) === 'transient') return 'transient';
  return 'fatal';
}
