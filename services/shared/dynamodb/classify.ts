/**
 * What a failed DynamoDB request means for a writer, on top of the one classifier
 * (services/shared/errors/classify.ts):
 * - already-newer: a ConditionalCheckFailed on a guarded write — a newer state is stored, the
 *   write is done (counted, not retried);
 * - rejected: DynamoDB refuses this item for good (ValidationException: too large, bad key) —
 *   retrying cannot help, the event is poison;
 * - throttled / transient: wait with backoff and send again (the partition pauses meanwhile);
 * - fatal: anything else (a bug, a missing table, refused credentials): not retried by the
 *   request; the sink retries the whole batch in place (or stops, on a bug) and the logs say why.
 */
import { classifyFailure, isThrottling } from '../errors.js';

export type WriteFailure = 'already-newer' | 'throttled' | 'transient' | 'rejected' | 'fatal';

export function classifyWriteError(err: unknown): WriteFailure {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'ConditionalCheckFailedException') return 'already-newer';
  if (name === 'ValidationException' || name === 'ItemCollectionSizeLimitExceededException') return 'rejected';
  if (classifyFailure(err) !== 'transient') return 'fatal';
  return isThrottling(err) ? 'throttled' : 'transient';
}
