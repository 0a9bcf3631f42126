/**
 * The projection checker: does DynamoDB hold exactly what PostgreSQL implies, item by item?
 * Reusable by tests and the reconciler (which will stream both sides in pages; here each side is
 * read whole, fine for test and small databases).
 */
import type pg from 'pg';
import type { DynamoPort } from '../writer/dynamo-port.js';
import { compareItems, type CheckReport } from './compare.js';
import { expectedItems } from './expected-items.js';
import { readDynamoItems, readPostgresSnapshot } from './read-sides.js';

export { compareItem, compareItems, summarize, type CheckReport, type ItemDifference } from './compare.js';
export { expectedItems, type ItemValues, type TableRows } from './expected-items.js';
export { readDynamoItems, readPostgresSnapshot, BOOKKEEPING_PARTITIONS } from './read-sides.js';

export async function checkProjection(pool: pg.Pool, dynamo: DynamoPort, tableName: string): Promise<CheckReport> {
  const rows = await readPostgresSnapshot(pool);
  const expected = expectedItems(rows);
  const actual = await readDynamoItems(dynamo, tableName);
  return compareItems(expected, actual);
}
