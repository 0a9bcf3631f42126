/**
 * Fills a DynamoDB table with the projection of a PostgreSQL snapshot, built by the sink's own
 * transform (expectedItem), each item versioned as a snapshot read at the snapshot's LSN: the
 * converged state the reconcile benchmark and tests start from, without running the pipeline.
 * Keyset pages per table, BatchWriteItem of 25 with UnprocessedItems retried.
 */
import { BatchWriteItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type pg from 'pg';
import { SINK_VALUE_TYPES } from '../../services/model/checker/pg-values.js';
import { META } from '../../services/model/attributes.js';
import { toItem } from '../../services/model/marshall.js';
import { formatVersion, SNAPSHOT_CLASS } from '../../services/model/version.js';
import { TABLE_MAPPINGS } from '../../services/model/transform/table-mappings.js';
import type { DynamoPort } from '../../services/shared/dynamodb/port.js';
import { forEachLimit } from '../../services/shared/parallel.js';
import { sleep } from '../../services/shared/backoff.js';
import { expectedFromJoined } from '../../services/reconcile/pg-snapshot.js';
import { rowPageSql } from '../../services/reconcile/sql/row-page.js';
import { beginSnapshot } from '../../services/model/checker/read-sides.js';

async function writeBatch(port: DynamoPort, table: string, items: Record<string, AttributeValue>[]): Promise<void> {
  let pending: Record<string, AttributeValue>[] = items;
  for (let attempt = 0; pending.length > 0; attempt++) {
    const out = (await port.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) } }))) as {
      UnprocessedItems?: Record<string, Array<{ PutRequest?: { Item?: Record<string, AttributeValue> } }>>;
    };
    pending = (out.UnprocessedItems?.[table] ?? []).map((r) => r.PutRequest!.Item!);
    if (pending.length > 0) await sleep(Math.min(2000, 50 * 2 ** attempt));
  }
}

export async function loadProjection(
  pool: pg.Pool, port: DynamoPort, tableName: string, options: { tables?: readonly string[]; onProgress?: (items: number) => void } = {},
): Promise<number> {
  const client = await pool.connect();
  let written = 0;
  try {
    const point = await beginSnapshot(client);
    const meta = { [META.version]: formatVersion(SNAPSHOT_CLASS, 0n, point.lsn), [META.sourceTs]: point.atMs };
    for (const table of options.tables ?? Object.keys(TABLE_MAPPINGS)) {
      const pk = TABLE_MAPPINGS[table]!.primaryKey;
      let after: string[] | undefined;
      for (;;) {
        const { rows } = await client.query({ text: rowPageSql(table, after !== undefined), values: [2000, ...(after ?? [])], types: SINK_VALUE_TYPES });
        if (rows.length === 0) break;
        const items = (rows as Record<string, unknown>[]).map((raw) => toItem({ ...expectedFromJoined(table, raw).item, ...meta }));
        const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
        await forEachLimit(batches, 8, (batch) => writeBatch(port, tableName, batch));
        written += items.length;
        options.onProgress?.(written);
        const last = rows[rows.length - 1] as Record<string, unknown>;
        after = pk.map((c) => String(last[c]));
      }
    }
    await client.query('COMMIT');
    return written;
  } finally {
    client.release();
  }
}
