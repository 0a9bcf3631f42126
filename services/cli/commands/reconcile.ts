/**
 * `bellyfed reconcile [--table T] [--repair] [--json]`: compares DynamoDB with what PostgreSQL
 * implies (docs/RECONCILE.md). Exit status: 0 equal, 1 differences remain (or the run failed),
 * 2 usage error.
 */
import type { Command } from 'commander';
import { createPool } from '../../shared/database.js';
import { createDynamoClient } from '../../shared/dynamodb/client.js';
import { NO_STATS } from '../../shared/dynamodb/stats.js';
import { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { DEFAULTS, isEqual, parseOptions, reconcile, reportJson, reportText, SOURCE_TABLES, ttyProgress, NO_PROGRESS, type RawOptions } from '../../reconcile/index.js';
import { commandContext, ExitCode } from '../run-command.js';
import { RETRY_POLICIES } from '../../shared/retry-policies.js';

export function registerReconcileCommands(program: Command): void {
  program
    .command('reconcile')
    .description('compare DynamoDB with what PostgreSQL implies, item by item (changes in flight excused); --repair rewrites what differs; exit 0 equal, 1 different, 2 usage')
    .option('--table <name>', `only the items of one source table: ${SOURCE_TABLES.join(', ')}`)
    .option('--repair', 'rewrite what differs from PostgreSQL (guarded: never over a newer change) and delete orphans')
    .option('--json', 'print one JSON document on stdout (docs/RECONCILE.md) and no progress')
    .option('--settle-seconds <s>', `longest wait for changes in flight before a difference counts (0: none; default ${DEFAULTS.settleSeconds})`)
    .option('--segments <n>', `parallel DynamoDB Scan segments (default ${DEFAULTS.segments})`)
    .option('--limit <n>', `differences listed (default ${DEFAULTS.limit})`)
    .action(async (raw: RawOptions) => {
      const options = parseOptions(raw);
      const { config, logger } = commandContext('reconcile');
      // The writer: pg_current_wal_lsn() is the snapshot's position (a replica would need another function).
      const pool = createPool(config.database.url, { max: 2, applicationName: 'bellyfed-reconcile', logger });
      const client = createDynamoClient(config, { maxAttempts: 1, requestTimeoutMs: 30_000 });
      const calls = new DynamoCalls(client, config.dynamodb.table, { policy: RETRY_POLICIES.dynamodb }, NO_STATS);
      const progress = !options.json && process.stderr.isTTY === true ? ttyProgress(process.stderr) : NO_PROGRESS;
      let equal: boolean;
      try {
        const result = await reconcile({ pool, calls, progress }, options);
        process.stdout.write(options.json ? `${JSON.stringify(reportJson(result, options.limit), null, 2)}\n` : reportText(result, options.limit));
        equal = isEqual(result);
      } finally {
        client.destroy();
        await pool.end();
      }
      if (!equal) throw new ExitCode(1);
    });
}
