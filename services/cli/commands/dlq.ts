/** `bellyfed dlq list | replay`: what the sink dead-lettered, and re-applying it after a fix (docs/SINK.md, runbook). */
import type { Command } from 'commander';
import { createDynamoClient } from '../../shared/dynamodb/client.js';
import { BellyfedError } from '../../shared/errors.js';
import { createKafka } from '../../shared/kafka/client.js';
import { readDeadLetters } from '../../sink/dlq/reader.js';
import { replayDeadLetters } from '../../sink/dlq/replay.js';
import { WireDecoder } from '../../sink/decode/wire-decoder.js';
import { BatchWriter } from '../../sink/writer/batch-writer.js';
import { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { FenceCache } from '../../sink/writer/fence-cache.js';
import { NO_STATS } from '../../shared/dynamodb/stats.js';
import { commandContext } from '../run-command.js';
import { RETRY_POLICIES } from '../../shared/retry-policies.js';

function limitOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new BellyfedError('CLI_USAGE', `--limit must be a whole number ≥ 1 (got '${value}')`);
  return Number(value);
}

export function registerDlqCommands(program: Command): void {
  const dlq = program.command('dlq').description("the sink's dead-letter topic (SINK_DLQ_TOPIC)");

  dlq
    .command('list')
    .description('show dead letters from the beginning: source topic/partition/offset, error code, message, time')
    .option('--json', 'one JSON object per line')
    .option('--limit <n>', 'at most n letters', limitOption)
    .action(async (options: { json?: boolean; limit?: number }) => {
      const { config, logger } = commandContext('dlq');
      const kafka = createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-dlq`, logger, security: config.kafka.security });
      const letters = await readDeadLetters(kafka, config.sink.dlqTopic, options.limit ?? Infinity);
      for (const letter of letters) {
        const info = letter.info;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ dlqPartition: letter.dlqPartition, dlqOffset: letter.dlqOffset, ...info })}\n`);
        } else {
          process.stdout.write(`${info?.failedAt ?? '?'}  ${info ? `${info.topic}/${info.partition}@${info.offset}` : '(no dead-letter headers)'}  ${info?.code ?? ''}  ${info?.message ?? ''}\n`);
        }
      }
      if (!options.json) process.stderr.write(`${letters.length} dead letter(s) in ${config.sink.dlqTopic}\n`);
    });

  dlq
    .command('replay')
    .description('re-apply dead letters that now decode and map, straight to DynamoDB through the guarded writer')
    .option('--dry-run', 'only count what would be applied')
    .action(async (options: { dryRun?: boolean }) => {
      const { config, logger } = commandContext('dlq');
      const kafka = createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-dlq`, logger, security: config.kafka.security });
      const letters = await readDeadLetters(kafka, config.sink.dlqTopic);
      const client = createDynamoClient(config, { maxAttempts: 1 });
      try {
        const calls = new DynamoCalls(client, config.dynamodb.table, { policy: RETRY_POLICIES.dynamodb }, NO_STATS);
        const report = await replayDeadLetters(letters, {
          decoder: new WireDecoder(config.schemaRegistryUrl), writer: new BatchWriter(new FenceCache(0), { inFlight: 16 }), calls,
        }, options.dryRun === true);
        for (const p of report.stillPoison) process.stdout.write(`still poison: ${p.topic}/${p.partition}@${p.offset} ${p.code} ${p.message}\n`);
        process.stdout.write(`${report.total} dead letter(s): ${options.dryRun ? `${report.wouldApply} would be applied` : `${report.applied} applied`}, `
          + `${report.stillPoison.length} still poison, ${report.nothingToApply} with nothing to apply\n`);
      } finally {
        client.destroy();
      }
    });
}
