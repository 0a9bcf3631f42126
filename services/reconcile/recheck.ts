/**
 * Checking a given set of keys again (settle rounds, repair, verification): the expected items
 * from a snapshot, the stored items by consistent reads, compared key by key. Memory is
 * proportional to the keys asked for, which the run caps (options.ts, DIFFERENCE_LIMIT).
 */
import { itemId, type ItemValues } from '../model/checker/expected-items.js';
import type { ItemKey } from '../model/keys.js';
import type { DynamoCalls, Item } from '../shared/dynamodb/calls.js';
import { compareKey, readStored } from './compare.js';
import { readByKeys } from './dynamo-read.js';
import { withoutInFlight } from './in-flight.js';
import { rowKeyOf, type RowKey } from './item-keys.js';
import type { PgSnapshot } from './pg-snapshot.js';
import type { Difference } from './types.js';

const KEYS_PER_QUERY = 1000;

export interface KeyRef extends ItemKey {
  table: string;
}

export const keyRefOf = (d: Difference): KeyRef => ({ pk: d.pk, sk: d.sk, table: d.table });

/** Expected items at these keys in the snapshot (keys of no row, or rows that are gone: absent). */
export async function expectedForKeys(snapshot: PgSnapshot, keys: readonly ItemKey[]): Promise<Map<string, ItemValues>> {
  const byTable = new Map<string, RowKey[]>();
  for (const key of keys) {
    const row = rowKeyOf(key.pk, key.sk);
    if (row === undefined) continue;
    const group = byTable.get(row.table);
    if (group === undefined) byTable.set(row.table, [row]);
    else group.push(row);
  }
  const out = new Map<string, ItemValues>();
  for (const [table, rows] of byTable) {
    for (let i = 0; i < rows.length; i += KEYS_PER_QUERY) {
      for (const [id, item] of await snapshot.expectedByKeys(table, rows.slice(i, i + KEYS_PER_QUERY))) out.set(id, item);
    }
  }
  return out;
}

export async function storedForKeys(calls: DynamoCalls, keys: readonly ItemKey[]): Promise<Map<string, Item>> {
  return readByKeys(calls, keys);
}

/** The differences left at these keys, changes newer than `snapshotLsn` excused. */
export function compareKeys(
  keys: readonly KeyRef[], expected: Map<string, ItemValues>, stored: Map<string, Item>, snapshotLsn: bigint,
): Difference[] {
  const out: Difference[] = [];
  for (const key of keys) {
    const id = itemId(key.pk, key.sk);
    const raw = stored.get(id);
    const difference = compareKey(key.table, key.pk, key.sk, expected.get(id), raw === undefined ? undefined : readStored(raw));
    const left = difference && withoutInFlight(difference, snapshotLsn);
    if (left) out.push(left);
  }
  return out;
}
