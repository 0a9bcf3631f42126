/**
 * Contender (c): the sink someone writes first. One kafkajs consumer (its own group), one message
 * at a time per partition (`concurrency` partitions at once), each decoded and transformed like
 * the real sink, then one unconditional PutItem per row write, awaited before the next message;
 * offsets auto-committed. No batching, no coalescing, no guard, no copies: it is not correct
 * (replays overwrite newer states), only a reference for the cost of a round trip per message.
 */
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from '../../services/shared/config.js';
import { decodeMessage } from '../../services/sink/decode/decode-lane.js';
import { transformOne } from '../../services/sink/transform/transform-batch.js';
import { toItem } from '../../services/model/marshall.js';
import type { WireDecoder } from '../../services/sink/decode/wire-decoder.js';
import { appTopics, benchKafka, withAdmin } from './kafka-admin.js';
import { waitUntil } from './wait.js';

export interface NaiveRun {
  seconds: number;
  messages: number;
  requests: number;
}

export async function runNaiveSink(
  config: Config, client: DynamoDBClient, decoder: WireDecoder,
  options: { prefix: string; groupId: string; table: string; events: number; concurrency: number; timeoutMs: number },
): Promise<NaiveRun> {
  const topics = await withAdmin(config, (admin) => appTopics(admin, options.prefix));
  const consumer = benchKafka(config, 'bellyfed-bench-naive').consumer({
    groupId: options.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: config.sink.maxWaitMs,
    maxBytesPerPartition: 1024 * 1024, maxBytes: 8 * 1024 * 1024,
  });
  let joinedAt: number | undefined;
  let lastAt = 0;
  let messages = 0;
  let requests = 0;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt ??= performance.now();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: options.concurrency,
      eachMessage: async ({ topic, partition, message }) => {
        const decoded = await decodeMessage(decoder, {
          topic, partition, offset: message.offset, key: message.key ?? null, value: message.value ?? null, timestamp: Number(message.timestamp), headers: {},
        });
        if (decoded !== undefined && !('kind' in decoded)) {
          for (const intent of transformOne(decoded).intents) {
            if (intent.kind !== 'put' && intent.kind !== 'delete' && intent.kind !== 'patch') continue;
            const attributes = intent.kind === 'put' ? intent.item : intent.kind === 'delete' ? intent.tombstone : { ...intent.set, pk: intent.key.pk, sk: intent.key.sk };
            requests++;
            await client.send(new PutItemCommand({ TableName: options.table, Item: toItem(attributes) }));
          }
        }
        messages++;
        lastAt = performance.now();
      },
    });
    await waitUntil(() => messages >= options.events, `the naive sink to apply ${options.events} events (${messages} so far)`, options.timeoutMs, 50);
  } finally {
    await consumer.disconnect();
  }
  return { seconds: (lastAt - (joinedAt ?? lastAt)) / 1000, messages, requests };
}
