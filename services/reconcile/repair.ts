/**
 * Repairs: each confirmed difference rewritten from PostgreSQL, through the sink's transform
 * (the expected item) and guarded (repair-guard.ts). Building the request is pure; sending it
 * is DynamoCalls.put/delete, whose "condition failed" means a newer state arrived meanwhile.
 *
 * - missing or different: a whole PutItem of the expected item, with the stored `_v`, `_ts` and
 *   `_cv_*` kept (VERSION_ZERO and the snapshot time when nothing was stored), so a tombstone
 *   becomes the row again and attributes DynamoDB holds beyond the row are dropped;
 * - extra (an orphan): a tombstone with the stored version when the key is a row's (replays of
 *   older puts stay blocked), a DeleteItem when the key is no row's at all.
 */
import type { DeleteItemCommandInput, PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { ItemValues } from '../model/checker/expected-items.js';
import { META } from '../model/attributes.js';
import { COPIES } from '../model/copies.js';
import { toItem } from '../model/marshall.js';
import { tombstoneItem } from '../model/tombstone.js';
import { VERSION_ZERO } from '../model/version.js';
import { TABLE_MAPPINGS } from '../model/transform/table-mappings.js';
import type { DynamoCalls } from '../shared/dynamodb/calls.js';
import { forEachLimit } from '../shared/parallel.js';
import { rowKeyOf } from './item-keys.js';
import { unchangedSinceRead } from './repair-guard.js';
import type { Difference } from './types.js';

export type RepairRequest =
  | { action: 'put'; input: Omit<PutItemCommandInput, 'TableName'> }
  | { action: 'tombstone'; input: Omit<PutItemCommandInput, 'TableName'> }
  | { action: 'delete'; input: Omit<DeleteItemCommandInput, 'TableName'> };

function copyVersionAttributes(table: string): string[] {
  const mapping = TABLE_MAPPINGS[table];
  return mapping === undefined ? [] : mapping.copiesIn.map(({ copy }) => COPIES[copy].versionAttribute);
}

/** The guarded write that makes the key hold what PostgreSQL implies (`expected` undefined: nothing). */
export function repairRequest(difference: Difference, expected: ItemValues | undefined, snapshotAtMs: number): RepairRequest {
  const { stored } = difference;
  const rowKey = rowKeyOf(difference.pk, difference.sk);
  const copies = rowKey === undefined ? [] : copyVersionAttributes(rowKey.table);
  const condition = unchangedSinceRead(stored, copies);
  const version = stored?.version ?? VERSION_ZERO;
  const sourceTsMs = stored?.sourceTsMs ?? snapshotAtMs;
  if (expected !== undefined) {
    const item: ItemValues = { ...expected, [META.version]: version, [META.sourceTs]: sourceTsMs, ...(stored?.copyVersions ?? {}) };
    return { action: 'put', input: { Item: toItem(item), ...condition } };
  }
  if (rowKey !== undefined) {
    const entity = TABLE_MAPPINGS[rowKey.table]!.entity;
    const tombstone = tombstoneItem({ pk: difference.pk, sk: difference.sk }, entity, version, sourceTsMs);
    return { action: 'tombstone', input: { Item: toItem(tombstone), ...condition } };
  }
  return { action: 'delete', input: { Key: { pk: { S: difference.pk }, sk: { S: difference.sk } }, ...condition } };
}

export interface RepairCounts {
  put: number;
  tombstone: number;
  delete: number;
  /** The item changed between our read and the write (a newer state): left alone. */
  skippedNewer: number;
}

export interface RepairPlan {
  difference: Difference;
  request: RepairRequest;
}

export async function applyRepairs(calls: DynamoCalls, plans: readonly RepairPlan[], inFlight: number): Promise<RepairCounts> {
  const counts: RepairCounts = { put: 0, tombstone: 0, delete: 0, skippedNewer: 0 };
  await forEachLimit(plans, inFlight, async ({ difference, request }) => {
    const what = `reconcile ${request.action} of ${difference.pk}/${difference.sk}`;
    const applied = request.action === 'delete' ? await calls.delete(request.input, what) : await calls.put(request.input, what);
    if (applied) counts[request.action]++;
    else counts.skippedNewer++;
  });
  return counts;
}
