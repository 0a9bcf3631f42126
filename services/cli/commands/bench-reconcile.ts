/** `bellyfed bench reconcile`: the reconciler's rows per second, recorded in BENCHMARKS.md (bench/reconcile). */
import type { Command } from 'commander';
import { describeMachine } from '../../../bench/machine.js';
import { benchReconcile } from '../../../bench/reconcile/run.js';
import { BENCHMARKS_FILE, writeSection } from '../../../bench/results-file.js';
import { createPool } from '../../shared/database.js';
import { createDynamoClient } from '../../shared/dynamodb/client.js';
import { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { NO_STATS } from '../../shared/dynamodb/stats.js';
import { parseWhole } from '../../reconcile/options.js';
import { commandContext } from '../run-command.js';
import { RETRY_POLICIES } from '../../shared/retry-policies.js';

export function registerBenchReconcile(bench: Command): void {
  bench
    .command('reconcile')
    .description('reconcile DATABASE_URL against DYNAMODB_TABLE (filled with the projection first when empty) and record rows/s')
    .option('--load', 'fill the table with the projection even when it holds items')
    .option('--segments <n>', 'parallel Scan segments (default 4)')
    .option('--no-write', 'print only; leave BENCHMARKS.md as it is')
    .action(async (options: { load?: boolean; segments?: string; write: boolean }) => {
      const segments = parseWhole('--segments', options.segments, 1, 64, 4);
      const { config, logger } = commandContext('bench');
      const pool = createPool(config.database.url, { max: 2, applicationName: 'bellyfed-bench', logger });
      const client = createDynamoClient(config, { maxAttempts: 3, requestTimeoutMs: 30_000 });
      const calls = new DynamoCalls(client, config.dynamodb.table, { policy: RETRY_POLICIES.dynamodb }, NO_STATS);
      try {
        const { report, loaded, loadSeconds } = await benchReconcile(pool, client, calls, {
          load: options.load === true, segments, log: (line) => process.stderr.write(`${line}\n`),
        });
        const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version as string;
        const perTable = Object.entries(report.tables).map(([t, c]) => `| ${t} | ${c.rows} | ${c.items} |`).join('\n');
        const summary = `${report.rows} rows and ${report.items} items compared in ${report.passSeconds.toFixed(1)} s: ` +
          `**${report.rowsPerSecond} rows/s** (${Math.round(report.rowsPerSecond * 60)} rows/min; goal ≥ 100,000 rows/min), ${report.equal ? 'equal' : 'NOT equal'}`;
        process.stdout.write(`${summary}\n`);
        if (!options.write) return;
        const machine = describeMachine({ postgresql: pgVersion, dynamodb: config.dynamodb.endpoint ?? 'AWS' });
        await writeSection('reconcile', `## bellyfed bench reconcile

Run ${new Date().toISOString()}: \`bellyfed reconcile\` over every table of DATABASE_URL against DYNAMODB_TABLE
(${config.dynamodb.table}), ${segments} Scan segments; the table held the converged projection${loaded !== undefined ? ` (loaded first: ${loaded} items in ${loadSeconds!.toFixed(0)} s)` : ''}.
Reconciler, PostgreSQL and dynalite share the machine.

${summary}.

| table | rows | items |
|---|---:|---:|
${perTable}

Machine: ${Object.entries(machine).map(([k, v]) => `${k} ${v}`).join('; ')}.`);
        process.stdout.write(`written to ${BENCHMARKS_FILE}\n`);
      } finally {
        client.destroy();
        await pool.end();
      }
    });
}
