/**
 * Reading both sides: PostgreSQL in one REPEATABLE READ snapshot (every table sees the same
 * instant), DynamoDB by a paged Scan of the projection's entity items (live ones only;
 * tombstones are absent rows, bookkeeping items are not projections).
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type pg from 'pg';
import { fromItem } from '../model/marshall.js';
import { isTombstone } from '../model/tombstone.js';
import { TABLE_MAPPINGS } from '../transform/table-mappings.js';
import type { DynamoPort } from '../writer/dynamo-port.js';
import { itemId, type ItemValues, type TableRows } from './expected-items.js';
import { SINK_VALUE_TYPES, toRow } from './pg-values.js';

export const BOOKKEEPING_PARTITIONS = new Set(['WATERMARK', 'TRUNCATE', 'LEASE', 'COPY_JOB']);

export async function readPostgresSnapshot(pool: pg.Pool): Promise<TableRows> {
  const client = await pool.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'");
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const rows: TableRows = {};
    for (const table of Object.keys(TABLE_MAPPINGS)) {
      // Table names come from the model's own list, never from input.
      const result = await client.query({ text: `SELECT * FROM public.${table}`, types: SINK_VALUE_TYPES });
      rows[table] = result.rows.map((r: Record<string, unknown>) => toRow(r));
    }
    await client.query('COMMIT');
    return rows;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Live entity items of the table, by itemId. */
export async function readDynamoItems(port: DynamoPort, tableName: string): Promise<Map<string, ItemValues>> {
  const items = new Map<string, ItemValues>();
  let cursor: Record<string, AttributeValue> | undefined;
  do {
    const page = (await port.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(cursor ? { ExclusiveStartKey: cursor } : {}) }))) as {
      Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue>;
    };
    for (const raw of page.Items ?? []) {
      const pk = raw.pk?.S;
      const sk = raw.sk?.S;
      if (pk === undefined || sk === undefined || BOOKKEEPING_PARTITIONS.has(pk)) continue;
      const item = fromItem(raw);
      if (isTombstone(item)) continue;
      items.set(itemId(pk, sk), item);
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor !== undefined);
  return items;
}
