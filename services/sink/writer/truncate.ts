/**
 * Truncate: a fence TRUNCATE/<table> holding the truncate's version, then a resumable sweep that
 * tombstones the table's items older than the fence (a parallel-free paged Scan — maintenance,
 * not an endpoint — checkpointed in the fence item). Intents of the table older than the fence
 * that arrive later (from other partitions) are dropped by the fence cache; a second sweep after
 * the cache's refresh interval catches any that slipped past a stale cache.
 */
import { META } from '../../model/attributes.js';
import { BOOKKEEPING_PARTITION, truncateFenceKey } from '../../model/bookkeeping-keys.js';
import { rowStateCondition } from '../../model/guards.js';
import { toItem } from '../../model/marshall.js';
import { tombstoneItem } from '../../model/tombstone.js';
import type { Entity } from '../../model/entities.js';
import type { TruncateIntent } from '../../model/transform/intents.js';
import type { DynamoCalls, Item } from '../../shared/dynamodb/calls.js';
import { forEachLimit } from '../../shared/parallel.js';

export const TRUNCATE_PARTITION = BOOKKEEPING_PARTITION.truncateFence;
const SCAN_PAGE = 500;

export async function writeTruncateFence(calls: DynamoCalls, intent: TruncateIntent, now = Date.now()): Promise<void> {
  const key = truncateFenceKey(intent.table);
  await calls.put({
    Item: {
      pk: { S: key.pk }, sk: { S: key.sk }, [META.version]: { S: intent.version }, [META.sourceTs]: { N: String(intent.sourceTsMs) },
      entity: { S: intent.entity }, table: { S: intent.table }, pending: { BOOL: true }, pass: { N: '1' }, notBefore: { N: String(now) },
    },
    ...rowStateCondition(intent.version),
  }, `truncate fence of ${intent.table}`);
}

/** One sweep pass of a pending fence; false when it was not due. */
export async function runTruncateSweep(
  calls: DynamoCalls, fence: Item, options: { secondPassDelayMs: number; inFlight: number; now?: () => number },
): Promise<boolean> {
  const now = options.now ?? Date.now;
  const version = fence[META.version]?.S;
  const entity = fence.entity?.S as Entity | undefined;
  const sourceTsMs = Number(fence[META.sourceTs]?.N ?? '0');
  if (fence.pending?.BOOL !== true || version === undefined || entity === undefined) return false;
  if (Number(fence.notBefore?.N ?? '0') > now()) return false;
  const key = { pk: fence.pk!, sk: fence.sk! };
  const sameFence = { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': META.version }, ExpressionAttributeValues: { ':v': { S: version } } };
  let cursor = fence.cursor?.M;
  for (;;) {
    const page = await calls.scan({
      FilterExpression: '#type = :entity AND #v < :fence AND attribute_not_exists(#deleted)',
      ExpressionAttributeNames: { '#type': META.type, '#v': META.version, '#deleted': META.deleted },
      ExpressionAttributeValues: { ':entity': { S: entity }, ':fence': { S: version } },
      ConsistentRead: true,
      Limit: SCAN_PAGE,
      ...(cursor !== undefined ? { ExclusiveStartKey: cursor } : {}),
    }, `truncate sweep of ${entity}`);
    await forEachLimit(page.Items ?? [], options.inFlight, async (item) => {
      const itemKey = { pk: item.pk!.S!, sk: item.sk!.S! };
      await calls.put({ Item: toItem(tombstoneItem(itemKey, entity, version, sourceTsMs)), ...rowStateCondition(version) }, `truncate tombstone ${itemKey.pk}`);
    });
    cursor = page.LastEvaluatedKey;
    if (cursor === undefined) break;
    const ok = await calls.update({
      Key: key, UpdateExpression: 'SET #c = :c', ...sameFence,
      ExpressionAttributeNames: { ...sameFence.ExpressionAttributeNames, '#c': 'cursor' },
      ExpressionAttributeValues: { ...sameFence.ExpressionAttributeValues, ':c': { M: cursor } },
    }, 'truncate checkpoint');
    if (!ok) return true; // a newer truncate replaced this fence: its own sweep covers everything
  }
  const pass = Number(fence.pass?.N ?? '1');
  await calls.update(pass === 1
    ? {
      Key: key, UpdateExpression: 'SET #pass = :two, #nb = :nb REMOVE #c', ...sameFence,
      ExpressionAttributeNames: { ...sameFence.ExpressionAttributeNames, '#pass': 'pass', '#nb': 'notBefore', '#c': 'cursor' },
      ExpressionAttributeValues: { ...sameFence.ExpressionAttributeValues, ':two': { N: '2' }, ':nb': { N: String(now() + options.secondPassDelayMs) } },
    }
    : {
      Key: key, UpdateExpression: 'REMOVE #pending, #c', ...sameFence,
      ExpressionAttributeNames: { ...sameFence.ExpressionAttributeNames, '#pending': 'pending', '#c': 'cursor' },
    }, 'truncate sweep pass done');
  return true;
}

export async function truncateFences(calls: DynamoCalls): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: Item | undefined;
  do {
    const page = await calls.query({
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: TRUNCATE_PARTITION } }, ConsistentRead: true,
      ...(cursor !== undefined ? { ExclusiveStartKey: cursor } : {}),
    }, 'truncate fences');
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor !== undefined);
  return items;
}
