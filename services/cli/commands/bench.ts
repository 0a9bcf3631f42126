/** `bellyfed bench …`: benchmarks print figures and record them in BENCHMARKS.md; they are not tests. */
import type { Command } from 'commander';
import { describeMachine } from '../../../bench/machine.js';
import { benchQuery, sampleRequests } from '../../../bench/query/run.js';
import { queryBenchMarkdown, queryBenchTerminal } from '../../../bench/query/report.js';
import { BENCHMARKS_FILE, QUERY_PROFILE_FILE, writeSection } from '../../../bench/results-file.js';
import { sinkReport } from '../../../bench/sink/report.js';
import { benchSink } from '../../../bench/sink/run.js';
import { processEnvironment } from '../../shared/config.js';
import { createPool } from '../../shared/database.js';
import { BellyfedError } from '../../shared/errors.js';
import { commandContext } from '../run-command.js';
import { registerBenchReconcile } from './bench-reconcile.js';

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

function parseRates(value: string): number[] {
  const rates = value.split(',').map((r) => r.trim());
  if (rates.some((r) => !/^\d+$/.test(r) || Number(r) < 100 || Number(r) > 20_000)) {
    throw new BellyfedError('CLI_USAGE', `--rate takes whole numbers from 100 to 20000, comma-separated (got '${value}')`);
  }
  return rates.map(Number);
}

function connectorSetting(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([A-Za-z0-9._-]+)=(.*)$/.exec(value);
  if (!match) throw new BellyfedError('CLI_USAGE', `--connector takes key=value, e.g. poll.interval.ms=100 (got '${value}')`);
  return { ...previous, [match[1]!]: match[2]! };
}

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmarks: print figures against a baseline measured in the same run, record them in BENCHMARKS.md');
  registerBenchReconcile(bench);

  bench
    .command('query')
    .description('the query service against a minimal node:http + pg server running the same SQL on the same data (DATABASE_URL, seeded)')
    .option('--duration <s>', 'seconds of load per measurement', wholeNumber('--duration', 1, 600), 5)
    .option('--connections <n>', 'concurrent connections', wholeNumber('--connections', 1, 1000), 16)
    .option('--trials <n>', 'pairs (query service, then minimal server, back to back) per endpoint; the median pair is reported', wholeNumber('--trials', 1, 20), 3)
    .option('--routes <modes>', 'also measure the read-router routes: none, dynamodb, shadow or dynamodb,shadow (DYNAMODB_* must point at the table the sink keeps current)', parseRoutes, [] as ('dynamodb' | 'shadow')[])
    .option('--analytics', 'send each request\'s analytics event to Kafka (KAFKA_BROKERS, SCHEMA_REGISTRY_URL) instead of counting it as dropped')
    .option('--profile', `also profile the query service (--cpu-prof) under its heaviest endpoint: writes ${QUERY_PROFILE_FILE.split('/').pop()} beside BENCHMARKS.md and prints the ten functions with the most self time`)
    .option('--no-write', 'print only; leave BENCHMARKS.md as it is')
    .action(async (options: {
      duration: number; connections: number; trials: number; write: boolean; routes: ('dynamodb' | 'shadow')[]; analytics?: boolean; profile?: boolean;
    }) => {
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
      const started = new Date();
      const analytics = options.analytics === true;
      const result = await benchQuery(sample, {
        durationSeconds: options.duration,
        connections: options.connections,
        trials: options.trials,
        routes: options.routes,
        analytics,
        profileFile: options.profile ? QUERY_PROFILE_FILE : undefined,
        env: processEnvironment(),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${queryBenchTerminal(result, analytics)}\n`);
      if (!options.write) return;
      const machine = describeMachine({ postgresql: pgVersion, data: `${restaurants} restaurants` });
      await writeSection('query', queryBenchMarkdown(result, {
        started, connections: options.connections, durationSeconds: options.duration, trials: options.trials, analytics, machine,
      }));
      process.stdout.write(`written to ${BENCHMARKS_FILE}\n`);
    });

  bench
    .command('sink')
    .description(
      'the sink against a raw BatchWriteItem loader (the ceiling) and a naive PutItem-per-message sink, on the same Debezium events ' +
        'and DynamoDB endpoint, then end-to-end latency at a steady rate (local platform only; creates and removes its own source database, ' +
        'connector, topics, groups and tables)',
    )
    .option('--events <n>', 'change events preloaded into Kafka (snapshot of the small seed included)', wholeNumber('--events', 1000, 2_000_000), 20_000)
    .option('--concurrency <n>', 'partitions processed at once by the sink and the naive sink (SINK_CONCURRENCY); BatchWriteItem requests in flight for the raw loader', wholeNumber('--concurrency', 1, 64), 4)
    .option('--trials <n>', 'ceiling-then-sink pairs measured; the median pair\'s ratio is reported', wholeNumber('--trials', 1, 20), 5)
    .option('--seed-restaurants <n>', 'restaurants seeded before the connector starts (their snapshot is part of the events)', wholeNumber('--seed-restaurants', 1, 10_000), 20)
    .option('--rate <list>', 'changes per second into PostgreSQL during the latency phase; a comma-separated list runs one phase per rate', parseRates, [1000, 100])
    .option('--latency-seconds <s>', 'length of the latency phase', wholeNumber('--latency-seconds', 1, 3600), 15)
    .option('--skip-latency', 'measure throughput only')
    .option('--connector <key=value>', 'a source connector setting over connectors/bellyfed-postgres-source.json for this run (repeatable), e.g. poll.interval.ms=100', connectorSetting, {} as Record<string, string>)
    .option('--no-write', 'print only; leave BENCHMARKS.md as it is')
    .action(async (options: {
      events: number; concurrency: number; trials: number; seedRestaurants: number; rate: number[]; latencySeconds: number;
      skipLatency?: boolean; connector: Record<string, string>; write: boolean;
    }) => {
      const { config, logger } = commandContext('bench');
      const started = new Date();
      await benchSink(config, logger.child({ component: 'sink' }), {
        events: options.events,
        concurrency: options.concurrency,
        trials: options.trials,
        seedRestaurants: options.seedRestaurants,
        latency: options.skipLatency ? undefined : { rates: options.rate, seconds: options.latencySeconds },
        connectorOverrides: options.connector,
        log: (line) => process.stderr.write(`${line}\n`),
        report: async (result) => {
          const text = sinkReport(result);
          process.stdout.write(`${text.terminal}\n`);
          if (!options.write) return;
          const machine = describeMachine({ postgresql: result.pgVersion, load: 'shared with the platform (PostgreSQL, Kafka, Connect, registry, dynalite) and other work' });
          await writeSection('sink', text.markdown({ started, seedRestaurants: options.seedRestaurants, concurrency: options.concurrency, latencySeconds: options.latencySeconds, machine }));
          process.stdout.write(`written to ${BENCHMARKS_FILE}\n`);
        },
      });
    });
}
