/**
 * Freshness of quiet tables. A table nobody changes gets no events, so its watermark would age
 * while the pipeline is perfectly current, and the read-router would fall back for nothing.
 * When a Debezium heartbeat with source time T has arrived, every change committed in
 * PostgreSQL before T was already produced to Kafka (Debezium emits the WAL in order). If then —
 * end offsets read after the heartbeat, committed offsets read after those — the group has
 * committed every app-table partition up to its end, every such change is applied: each of
 * those partitions is fresh as of T.
 */
import type { Admin } from 'kafkajs';
import { changeTopicPattern } from './topics.js';

export interface PartitionPosition {
  topic: string;
  partition: number;
  low: number;
  end: number;
  /** The group's committed offset; null when it never committed there. */
  committed: number | null;
}

/** Caught up: everything up to the end is committed, or the partition never held anything. */
export function isCaughtUp(p: PartitionPosition): boolean {
  return p.committed === null ? p.end === p.low : p.committed >= p.end;
}

/** The app tables' change topics (not the heartbeat table's, which moves by itself). */
export function appTableOf(topic: string, prefix: string): string | undefined {
  if (!changeTopicPattern(prefix).test(topic)) return undefined;
  const table = topic.slice(prefix.length + '.public.'.length);
  return table === 'debezium_heartbeat' ? undefined : table;
}

/** Reads the positions in the safe order: end offsets first, then the group's commits. */
export async function readPositions(admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionPosition[]> {
  const ends = await Promise.all(topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })));
  const commits = topics.length === 0 ? [] : await admin.fetchOffsets({ groupId, topics: [...topics] });
  return ends.flatMap(({ topic, offsets }) =>
    offsets.map((o) => {
      const commit = commits.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === o.partition);
      const committed = commit === undefined || Number(commit.offset) < 0 ? null : Number(commit.offset);
      return { topic, partition: o.partition, low: Number(o.low), end: Number(o.high), committed };
    }),
  );
}
