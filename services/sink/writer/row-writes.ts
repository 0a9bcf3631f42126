/**
 * Row intents (after coalescing: one per item key) as guarded writes, many in flight. Every
 * write carries the LSN guard (model/guards.ts); a failed condition means a newer state is
 * stored, which counts as applied. Items that hold copies are written with UpdateItem
 * (putAsUpdate) so the copies survive; everything else with a conditional PutItem.
 */
import { guardedPutRequest, guardedUpdateRequest } from '../../model/transform/requests.js';
import type { RowIntent } from '../../model/transform/intents.js';
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { forEachLimit } from '../../shared/parallel.js';

function describe(intent: RowIntent): string {
  return `${intent.kind} of ${intent.table} ${intent.key.pk}/${intent.key.sk} at ${intent.version}`;
}

export async function writeRowIntent(calls: DynamoCalls, intent: RowIntent): Promise<boolean> {
  const what = describe(intent);
  if (intent.kind === 'delete' || (intent.kind === 'put' && intent.copies.length === 0)) {
    const { TableName: _t, ...input } = guardedPutRequest(intent, calls.tableName);
    return calls.put(input, what);
  }
  const { TableName: _t, ...input } = guardedUpdateRequest(intent, calls.tableName);
  return calls.update(input, what);
}

export async function writeRowIntents(calls: DynamoCalls, intents: readonly RowIntent[], inFlight: number): Promise<void> {
  await forEachLimit(intents, inFlight, async (intent) => {
    await writeRowIntent(calls, intent);
  });
}
