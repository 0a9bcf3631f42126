/**
 * Reading both sides: PostgreSQL in one REPEATABLE READ snapshot (every table sees the same
 * instant), DynamoDB by a paged Scan of the projection's entity items (live ones only;
 * tombstones are absent rows, bookkeeping items are not projections).
 */
import { BOOKKEEPING_PARTITION } from '../bookkeeping-keys.js';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type pg from 'pg';
import { fromItem } from '../marshall.js';
import { TABLE_MAPPINGS } from '../transform/table-mappings.js';
import type { DynamoPort } from '../../shared/dynamodb/port.js';
import { itemId, type ItemValues, type TableRows } from './expected-items.js';
import { SINK_VALUE_TYPES, toRow } from './pg-values.js';

export const BOOKKEEPING_PARTITIONS: ReadonlySet<string> = new Set(Object.values(BOOKKEEPING_PARTITION));

/** What a stored item is to a comparison: the sink's own bookkeeping, a deleted row, or a row's item. */
export type StoredItemKind = 'bookkeeping' | 'tombstone' | 'live';

export function storedItemKind(raw: Record<string, AttributeValue>): StoredItemKind {
  const pk = raw.pk?.S;
  if (pk === undefined || raw.sk?.S === undefined || BOOKKEEPING_PARTITIONS.has(pk)) return 'bookkeeping';
  return raw._deleted?.BOOL === true ? 'tombstone' : 'live';
}

/** Where a snapshot stands: the WAL position and the server's clock when it was taken. */
export interface SnapshotPoint {
  /** pg_current_wal_lsn() inside the snapshot, as a number. */
  lsn: bigint;
  /** The server's clock (ms) at the same moment, comparable to Debezium's source ts_ms. */
  atMs: number;
}

/**
 * Starts a REPEATABLE READ, READ ONLY transaction on the client; its first statement fixes the
 * snapshot and reads where the WAL stood at that moment. The caller commits or rolls back.
 */
export async function beginSnapshot(client: pg.ClientBase): Promise<SnapshotPoint> {
  await client.query("SET TIME ZONE 'UTC'");
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const { rows } = await client.query<{ lsn: string; at_ms: string }>(
    "SELECT (pg_current_wal_lsn() - '0/0')::text AS lsn, floor(extract(epoch FROM clock_timestamp()) * 1000)::text AS at_ms",
  );
  return { lsn: BigInt(rows[0]!.lsn), atMs: Number(rows[0]!.at_ms) };
}

export async function readPostgresSnapshot(pool: pg.Pool): Promise<TableRows> {
  const client = await pool.connect();
  try {
    await beginSnapshot(client);
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
      if (storedItemKind(raw) !== 'live') continue;
      items.set(itemId(raw.pk!.S!, raw.sk!.S!), fromItem(raw));
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor !== undefined);
  return items;
}
