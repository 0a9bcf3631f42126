/** `bellyfed bench …`: benchmarks print figures and record them in BENCHMARKS.md; they are not tests. */
import type { Command } from 'commander';
import { describeMachine } from '../../bench/machine.js';
import { benchQuery, sampleRequests } from '../../bench/query/run.js';
import { queryBenchTable, routeBenchTable } from '../../bench/query/report.js';
import { BENCHMARKS_FILE, writeSection } from '../../bench/results-file.js';
import { createPool } from '../../shared/database.js';
import { BellyfedError } from '../../shared/errors.js';
import { commandContext } from '../run-command.js';

function wholeNumber(flag: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new BellyfedError('CLI_USAGE', `${flag} must be a whole number from ${min} to ${max} (got '${value}')`);
    }
    return Number(value);
  };
}

function parseRoutes(value: string): ('dynamodb' | 'shadow')[] {
  if (value === 'none') return [];
  const modes = value.split(',').map((m) => m.trim());
  const bad = modes.filter((m) => m !== 'dynamodb' && m !== 'shadow');
  if (bad.length > 0) throw new BellyfedError('CLI_USAGE', `--routes takes none, dynamodb, shadow or dynamodb,shadow (got '${value}')`);
  return modes as ('dynamodb' | 'shadow')[];
}

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmarks: print figures against a baseline measured in the same run, record them in BENCHMARKS.md');

  bench
    .command('query')
    .description('the query service against a minimal node:http + pg server running the same SQL on the same data (DATABASE_URL, seeded)')
    .option('--duration <s>', 'seconds of load per measurement', wholeNumber('--duration', 1, 600), 8)
    .option('--connections <n>', 'concurrent connections', wholeNumber('--connections', 1, 1000), 16)
    .option('--routes <modes>', 'also measure the read-router routes: none, dynamodb, shadow or dynamodb,shadow (DYNAMODB_* must point at the table the sink keeps current)', parseRoutes, [] as ('dynamodb' | 'shadow')[])
    .option('--no-write', 'print only; leave BENCHMARKS.md as it is')
    .action(async (options: { duration: number; connections: number; write: boolean; routes: ('dynamodb' | 'shadow')[] }) => {
      const { config, logger } = commandContext('bench');
      const pool = createPool(config.database.readUrl ?? config.database.url, { max: 2, applicationName: 'bellyfed-bench', logger });
      let sample;
      let pgVersion: string;
      let restaurants: number;
      try {
        sample = await sampleRequests(pool);
        pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version;
        restaurants = (await pool.query('SELECT count(*)::int AS n FROM restaurants')).rows[0].n;
      } finally {
        await pool.end();
      }
      const { results, serviceRssBytes } = await benchQuery(sample, {
        durationSeconds: options.duration,
        connections: options.connections,
        routes: options.routes,
        env: process.env,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      const table = queryBenchTable(results);
      const routes = routeBenchTable(results);
      const rssMb = (serviceRssBytes / 2 ** 20).toFixed(0);
      process.stdout.write(`${table}\n\n${routes ? `${routes}\n\n` : ''}query service peak RSS: ${rssMb} MB\n`);
      if (!options.write) return;
      const machine = describeMachine({ postgresql: pgVersion, data: `${restaurants} restaurants` });
      await writeSection(
        'query',
        `## bellyfed bench query

Run ${new Date().toISOString()}: ${options.connections} connections, ${options.duration} s per measurement after a 2 s warm-up,
each server alone (fresh process) on the same database. "ratio" is the query service's peak throughput over the
minimal server's (goal ≥ 0.75); latencies are measured at half of each server's own peak rate (goal p99 < 20 ms);
the load generator, the server and PostgreSQL share the machine.

${table}
${routes ? `\nThe read-router's routes on the same requests and data (every endpoint routed to the store; the freshness gate\nwidened so that no answer falls back; shadow serves PostgreSQL and compares with DynamoDB off the critical path):\n\n${routes}\n` : ''}
Query service peak RSS: ${rssMb} MB (goal < 200 MB).

Machine: ${Object.entries(machine).map(([k, v]) => `${k} ${v}`).join('; ')}.`,
      );
      process.stdout.write(`written to ${BENCHMARKS_FILE}\n`);
    });
}
