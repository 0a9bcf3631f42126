/**
 * The fast path: row states as unconditional BatchWriteItem requests of up to 25 items, sent only
 * under the partition's write lease (lease/). There are no SDK retries: each request is abandoned
 * at the lease's request timeout. A request that failed in a way that leaves it possibly still
 * landing (timeout, connection reset, 5xx) is followed by a wait of the lease margin before those
 * items are sent again or the batch gives up, so that a late copy of it cannot overwrite a newer
 * write. UnprocessedItems and throttling back off and go again.
 */
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { isBellyfedError } from '../../shared/errors.js';
import { itemKeyString, type ItemKey } from '../../model/keys.js';
import { classifyWriteError } from '../../shared/dynamodb/classify.js';
import type { DynamoCalls, Item } from '../../shared/dynamodb/calls.js';
import { dynamoUnavailable, WriteRejectedError } from '../../shared/dynamodb/errors.js';
import type { BlindWritePermit } from './lease/write-leases.js';
import { forEachLimit } from '../../shared/parallel.js';
import { waitBackoff } from '../../shared/dynamodb/retry.js';

export interface BlindWrite {
  key: ItemKey;
  item: Item;
}

/** BatchWriteItem's limit. */
export const BATCH_WRITE_SIZE = 25;

export async function writeBlind(calls: DynamoCalls, permit: BlindWritePermit, writes: readonly BlindWrite[], inFlight: number): Promise<void> {
  const chunks: BlindWrite[][] = [];
  for (let i = 0; i < writes.length; i += BATCH_WRITE_SIZE) chunks.push(writes.slice(i, i + BATCH_WRITE_SIZE));
  await forEachLimit(chunks, inFlight, (chunk) => sendChunk(calls, permit, chunk));
}

async function sendChunk(calls: DynamoCalls, permit: BlindWritePermit, chunk: readonly BlindWrite[]): Promise<void> {
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    const what = `${pending.length} blind write(s) from ${pending[0]?.key.pk}/${pending[0]?.key.sk}`;
    await permit.beforeRequest();
    const timeout = AbortSignal.timeout(permit.requestTimeoutMs);
    const started = performance.now();
    let out: BatchWriteItemCommandOutput;
    try {
      out = await calls.port.send(
        new BatchWriteItemCommand({ RequestItems: { [calls.tableName]: pending.map((w) => ({ PutRequest: { Item: w.item } })) } }),
        { abortSignal: timeout },
      );
    } catch (err) {
      if (isBellyfedError(err)) throw err;
      const failure = timeout.aborted ? 'transient' : classifyWriteError(err);
      if (failure === 'rejected') throw new WriteRejectedError(what, { cause: err });
      if (failure === 'fatal' || failure === 'already-newer') throw err;
      calls.stats.retry(failure);
      // A throttled request was refused whole; anything else may still be applied later.
      if (failure === 'transient') await waitHeartbeating(calls, permit.marginMs);
      if (attempt + 1 >= calls.retry.maxAttempts || calls.retry.signal?.aborted) throw dynamoUnavailable(what, err);
      await waitBackoff(attempt, calls.retry);
      continue;
    }
    calls.stats.request('BatchWriteItem', (performance.now() - started) / 1000);
    const unprocessed = out.UnprocessedItems?.[calls.tableName] ?? [];
    if (unprocessed.length === 0) return;
    const left = new Set(unprocessed.map((r) => itemKeyString({ pk: r.PutRequest?.Item?.pk?.S ?? '', sk: r.PutRequest?.Item?.sk?.S ?? '' })));
    pending = pending.filter((w) => left.has(itemKeyString(w.key)));
    calls.stats.retry('throttled');
    if (attempt + 1 >= calls.retry.maxAttempts || calls.retry.signal?.aborted) throw dynamoUnavailable(what, new Error('UnprocessedItems kept coming back'));
    await waitBackoff(attempt, calls.retry);
  }
}

/** Not cut short by shutdown: the wait is what keeps a late request from landing after a newer write. */
async function waitHeartbeating(calls: DynamoCalls, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, until - performance.now())));
    await calls.retry.onWait?.().catch(() => undefined);
  }
}
