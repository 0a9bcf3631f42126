/**
 * `bellyfed serve query|sink|monitor`. Each service is loaded only when it is the one asked for:
 * the sink process does not load Express, nor the query service kafkajs's consumer.
 */
import type { Command } from 'commander';
import { serviceContext } from '../run-command.js';

/** Runs until SIGTERM or SIGINT, then shuts down gracefully. */
async function untilSignal(close: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await close();
}

export function registerServeCommands(program: Command): void {
  const serve = program.command('serve').description('run one of the platform services in the foreground');

  serve
    .command('query')
    .description('the read API (HOST, PORT, DATABASE_URL, DATABASE_READ_URL, PHASE2, READ_ROUTES, FRESHNESS_BOUND_MS, DYNAMODB_*, ADMIN_TOKEN, KAFKA_BROKERS, SCHEMA_REGISTRY_URL)')
    .action(async () => {
      const { config, logger, flushLogs } = serviceContext('query');
      const { startQueryService } = await import('../../query/index.js');
      const service = await startQueryService(config, logger);
      process.stderr.write(`query service listening on ${service.url}\n`);
      await untilSignal(service.close);
      flushLogs();
    });

  serve
    .command('sink')
    .description('the CDC sink: change topics into DynamoDB (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, CDC_TOPIC_PREFIX, SINK_*, DYNAMODB_*)')
    .action(async () => {
      const { config, logger, flushLogs } = serviceContext('sink');
      const { SINK_BUG_EXIT_CODE, startSink } = await import('../../sink/index.js');
      const sink = await startSink(config, logger, {
        onBug: (error) => {
          logger.fatal({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) },
            'a bug stopped the sink (SINK_PROGRAMMER_ERROR); nothing of the batch was committed');
          flushLogs();
          process.exit(SINK_BUG_EXIT_CODE);
        },
      });
      process.stderr.write(`sink worker running; metrics on ${sink.url}/metrics\n`);
      await untilSignal(sink.close);
      flushLogs();
    });

  serve
    .command('monitor')
    .description('pipeline health: dashboard, /status, /metrics on MONITOR_PORT (KAFKA_BROKERS, DATABASE_URL, CONNECT_URL, DYNAMODB_*, QUERY_URL, MONITOR_*)')
    .action(async () => {
      const { config, logger, flushLogs } = serviceContext('monitor');
      const { startMonitorService } = await import('../../monitor/index.js');
      const monitor = await startMonitorService(config, logger);
      process.stderr.write(`monitor listening on ${monitor.url} (dashboard at /, /status, /metrics)\n`);
      await untilSignal(monitor.close);
      flushLogs();
    });
}
