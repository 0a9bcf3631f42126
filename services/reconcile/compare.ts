/**
 * One key, both sides: the item PostgreSQL implies (or none) against what DynamoDB stores (or
 * none, or a tombstone). Pure; attribute comparison is the checker's (compareItem), so the
 * reconciler and the checker agree on what "equal" means.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { compareItem } from '../model/checker/compare.js';
import type { ItemValues } from '../model/checker/expected-items.js';
import { storedItemKind } from '../model/checker/read-sides.js';
import { META } from '../model/attributes.js';
import { fromItem } from '../model/marshall.js';
import type { Difference, StoredState } from './types.js';

export interface StoredItem {
  values: ItemValues;
  state: StoredState;
}

/** A raw stored item as values plus its bookkeeping; undefined for the sink's own bookkeeping items. */
export function readStored(raw: Record<string, AttributeValue>): StoredItem | undefined {
  const kind = storedItemKind(raw);
  if (kind === 'bookkeeping') return undefined;
  const values = fromItem(raw);
  const copyVersions: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (name.startsWith('_cv_') && typeof value === 'string') copyVersions[name] = value;
  const version = values[META.version];
  const ts = values[META.sourceTs];
  return {
    values,
    state: {
      version: typeof version === 'string' ? version : undefined,
      copyVersions,
      sourceTsMs: typeof ts === 'number' ? ts : undefined,
      tombstone: kind === 'tombstone',
    },
  };
}

/** The difference at one key, or undefined when both sides agree (a tombstone counts as no item). */
export function compareKey(
  table: string, pk: string, sk: string, expected: ItemValues | undefined, stored: StoredItem | undefined,
): Difference | undefined {
  const live = stored !== undefined && !stored.state.tombstone;
  const base = { table, pk, sk, stored: stored?.state };
  if (expected === undefined) return live ? { ...base, kind: 'extra', attributes: [] } : undefined;
  if (!live) return { ...base, kind: 'missing', attributes: [] };
  const attributes = compareItem(expected, stored.values);
  return attributes.length === 0 ? undefined : { ...base, kind: 'different', attributes };
}
