/**
 * Reads every message of the source's app topics once, from the beginning to the ends measured
 * before it starts, with a throwaway consumer group (deleted afterwards by the caller's cleanup).
 * Used to pre-build the raw loader's requests outside its measured time.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../services/shared/config.js';
import type { RawMessage } from '../../services/sink/source/types.js';
import { appTopics, benchKafka, withAdmin } from './kafka-admin.js';
import { waitUntil } from './wait.js';

export async function readAllMessages(config: Config, prefix: string, groups: string[]): Promise<RawMessage[]> {
  const { topics, ends } = await withAdmin(config, async (admin) => {
    const topics = await appTopics(admin, prefix);
    const ends = new Map<string, number>();
    for (const topic of topics) {
      for (const o of await admin.fetchTopicOffsets(topic)) if (Number(o.high) > Number(o.low)) ends.set(`${topic}#${o.partition}`, Number(o.high));
    }
    return { topics, ends };
  });
  const groupId = `bfbench-read-${randomBytes(4).toString('hex')}`;
  groups.push(groupId);
  const consumer = benchKafka(config, 'bellyfed-bench-reader').consumer({ groupId, allowAutoTopicCreation: false, maxBytesPerPartition: 4 * 1024 * 1024 });
  const messages: RawMessage[] = [];
  const remaining = new Set(ends.keys());
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = ends.get(`${batch.topic}#${batch.partition}`) ?? 0;
        for (const m of batch.messages) {
          if (Number(m.offset) >= end) continue;
          messages.push({
            topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key ?? null, value: m.value ?? null,
            timestamp: Number(m.timestamp), headers: {},
          });
          if (Number(m.offset) === end - 1) remaining.delete(`${batch.topic}#${batch.partition}`);
        }
      },
    });
    await waitUntil(() => remaining.size === 0, `the app topics to be read to their ends (${remaining.size} partitions left)`, 300_000, 50);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
