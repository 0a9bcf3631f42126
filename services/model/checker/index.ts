/**
 * The projection checker: does DynamoDB hold exactly what PostgreSQL implies, item by item?
 * Here each side is read whole (fine for tests and small databases); the reconciler
 * (services/reconcile) streams both sides in pages with the same building blocks: expectedItem,
 * compareItem, beginSnapshot, storedItemKind and the PostgreSQL value parsers.
 */
import type pg from 'pg';
import type { DynamoPort } from '../../shared/dynamodb/port.js';
import { compareItems, type CheckReport } from './compare.js';
import { expectedItems } from './expected-items.js';
import { readDynamoItems, readPostgresSnapshot } from './read-sides.js';

export { compareItem, compareItems, summarize, type CheckReport, type ItemDifference } from './compare.js';
export { expectedItem, expectedItems, itemId, type CopySourceLookup, type ItemValues, type TableRows } from './expected-items.js';
export {
  beginSnapshot, readDynamoItems, readPostgresSnapshot, storedItemKind, BOOKKEEPING_PARTITIONS, type SnapshotPoint, type StoredItemKind,
} from './read-sides.js';
export { SINK_VALUE_TYPES, toRow } from './pg-values.js';

export async function checkProjection(pool: pg.Pool, dynamo: DynamoPort, tableName: string): Promise<CheckReport> {
  const rows = await readPostgresSnapshot(pool);
  const expected = expectedItems(rows);
  const actual = await readDynamoItems(dynamo, tableName);
  return compareItems(expected, actual);
}
