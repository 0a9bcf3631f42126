/**
 * Reads the dead-letter topic from the beginning up to its end as of now, with a throwaway
 * consumer group (deleted afterwards; nothing committed), so listing never moves anyone's offsets.
 */
import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { RawMessage } from '../source/types.js';
import { readDeadLetterHeaders, type DeadLetterInfo } from './headers.js';

export interface StoredDeadLetter {
  /** Where the dead letter itself sits in the DLQ topic. */
  dlqPartition: number;
  dlqOffset: string;
  info: DeadLetterInfo | undefined;
  /** The original message as it was in its source topic (key, value, headers minus ours). */
  original: RawMessage | undefined;
}

export async function readDeadLetters(kafka: Kafka, topic: string, limit = Infinity, timeoutMs = 30_000): Promise<StoredDeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `bellyfed-dlq-reader-${randomBytes(4).toString('hex')}`;
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }]));
    const remaining = new Set([...ends].filter(([, o]) => o.high > o.low).map(([p]) => p));
    if (remaining.size === 0) return [];
    const letters: StoredDeadLetter[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const end = ends.get(partition)?.high ?? 0n;
          if (BigInt(message.offset) < end && letters.length < limit) {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
            const info = readDeadLetterHeaders(headers);
            letters.push({
              dlqPartition: partition, dlqOffset: message.offset, info,
              original: info === undefined ? undefined : {
                topic: info.topic, partition: info.partition, offset: info.offset, key: message.key ?? null, value: message.value ?? null,
                timestamp: Number(message.timestamp),
                headers: Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('bellyfed.dlq.'))),
              },
            });
          }
          if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
          if (remaining.size === 0 || letters.length >= limit) finish();
        },
      });
      await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`reading ${topic} took longer than ${timeoutMs} ms`)), timeoutMs).unref())]);
    } finally {
      await consumer.disconnect();
    }
    return letters;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
