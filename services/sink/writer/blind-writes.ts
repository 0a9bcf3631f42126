/**
 * The fast path: row states as unconditional BatchWriteItem requests of up to 25 items, sent only
 * under the partition's write lease (lease/). There are no SDK retries: each request is abandoned
 * at the lease's request timeout. A request that failed in a way that leaves it possibly still
 * landing (timeout, connection reset, 5xx) is followed by a wait of the lease margin before those
 * items are sent again or the batch gives up, so that a late copy of it cannot overwrite a newer
 * write. UnprocessedItems and throttling back off and go again.
 */
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { itemKeyString, type ItemKey } from '../../model/keys.js';
import type { WriteFailure } from '../../shared/dynamodb/classify.js';
import type { DynamoCalls, Item } from '../../shared/dynamodb/calls.js';
import type { BlindWritePermit } from './lease/write-leases.js';
import { forEachLimit } from '../../shared/parallel.js';
import { withRetries } from '../../shared/dynamodb/retry.js';

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
  const what = `${chunk.length} blind write(s) from ${chunk[0]?.key.pk}/${chunk[0]?.key.sk}`;
  // A throttled request was refused whole; any other failure may still be applied later.
  const afterFailure = async (failure: WriteFailure) => {
    if (failure === 'transient') await waitHeartbeating(calls, permit.marginMs);
  };
  await withRetries(what, calls.retryCounted(), async () => {
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
      // Abandoned at the lease's request timeout: it may still land, like any transient failure.
      throw timeout.aborted ? Object.assign(new Error(`no answer within ${permit.requestTimeoutMs} ms`, { cause: err }), { name: 'TimeoutError' }) : err;
    }
    calls.stats.request('BatchWriteItem', (performance.now() - started) / 1000);
    const unprocessed = out.UnprocessedItems?.[calls.tableName] ?? [];
    if (unprocessed.length === 0) return { done: true, value: undefined };
    const left = new Set(unprocessed.map((r) => itemKeyString({ pk: r.PutRequest?.Item?.pk?.S ?? '', sk: r.PutRequest?.Item?.sk?.S ?? '' })));
    pending = pending.filter((w) => left.has(itemKeyString(w.key)));
    return { done: false };
  }, { afterFailure });
}

/** Not cut short by shutdown: the wait is what keeps a late request from landing after a newer write. */
async function waitHeartbeating(calls: DynamoCalls, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, until - performance.now())));
    await calls.retry.onWait?.().catch(() => undefined);
  }
}
