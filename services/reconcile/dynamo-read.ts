/**
 * DynamoDB's side: a parallel Scan (each segment one page at a time, handed to the caller before
 * the next is read, so memory holds at most one page per segment), and consistent reads by key
 * for the re-checks. Every request goes through the sink's DynamoCalls (retry with backoff).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoCalls, Item } from '../shared/dynamodb/calls.js';
import { itemId } from '../model/checker/expected-items.js';
import type { ItemKey } from '../model/keys.js';

export interface ScanOptions {
  segments: number;
  /** Only items of this entity (`_type`): a --table run. */
  entity?: string | undefined;
  signal?: AbortSignal | undefined;
}

export async function scanPages(calls: DynamoCalls, options: ScanOptions, onPage: (items: Item[]) => Promise<void>): Promise<void> {
  const filter = options.entity === undefined ? {} : {
    FilterExpression: '#type = :type', ExpressionAttributeNames: { '#type': '_type' }, ExpressionAttributeValues: { ':type': { S: options.entity } },
  };
  await Promise.all(Array.from({ length: options.segments }, async (_, segment) => {
    let cursor: Record<string, AttributeValue> | undefined;
    do {
      if (options.signal?.aborted) return;
      const page = await calls.scan({
        ConsistentRead: true, Segment: segment, TotalSegments: options.segments, ...filter,
        ...(cursor !== undefined ? { ExclusiveStartKey: cursor } : {}),
      }, `scan segment ${segment}`);
      await onPage(page.Items ?? []);
      cursor = page.LastEvaluatedKey;
    } while (cursor !== undefined);
  }));
}

/** The stored items at these keys (consistent reads), by itemId; absent keys are absent. */
export async function readByKeys(calls: DynamoCalls, keys: readonly ItemKey[]): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  const requests = keys.map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } }));
  for (const item of await calls.batchGet(requests, 'reconcile re-read')) out.set(itemId(item.pk!.S!, item.sk!.S!), item);
  return out;
}
