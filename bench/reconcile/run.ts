/**
 * `bellyfed bench reconcile`: the reconciler's throughput on DATABASE_URL's data against
 * DYNAMODB_TABLE. When the table is empty (or --load), it is first filled with the converged
 * projection (load-projection.ts), so the measured run compares every row and finds nothing.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type pg from 'pg';
import { ensureTable } from '../../services/model/table-setup.js';
import type { DynamoCalls } from '../../services/shared/dynamodb/calls.js';
import { reconcile, reportJson, DEFAULTS, type ReportJson } from '../../services/reconcile/index.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadProjection } from './load-projection.js';

export interface BenchReconcileResult {
  loaded: number | undefined;
  loadSeconds: number | undefined;
  report: ReportJson;
}

export async function benchReconcile(
  pool: pg.Pool, client: DynamoDBClient, calls: DynamoCalls, options: { load: boolean; segments: number; log: (line: string) => void },
): Promise<BenchReconcileResult> {
  await ensureTable(client, calls.tableName);
  const probe = await client.send(new ScanCommand({ TableName: calls.tableName, Limit: 1 }));
  let loaded: number | undefined;
  let loadSeconds: number | undefined;
  if (options.load || (probe.Items ?? []).length === 0) {
    options.log(`loading the projection of the database into ${calls.tableName} …`);
    const started = performance.now();
    let shown = 0;
    loaded = await loadProjection(pool, client, calls.tableName, {
      onProgress: (n) => {
        if (n - shown >= 50_000) options.log(`  ${(shown = n)} items written`);
      },
    });
    loadSeconds = (performance.now() - started) / 1000;
    options.log(`loaded ${loaded} items in ${loadSeconds.toFixed(1)} s`);
  }
  options.log('reconciling …');
  const result = await reconcile({ pool, calls }, { table: undefined, repair: false, json: true, settleSeconds: DEFAULTS.settleSeconds, segments: options.segments, limit: 5 });
  return { loaded, loadSeconds, report: reportJson(result, 5) };
}
