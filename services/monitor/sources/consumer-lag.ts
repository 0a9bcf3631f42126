/**
 * Consumer lag per group, topic and partition: log end offset − committed offset (kafkajs admin),
 * and the age of the oldest unconsumed message (one small fetch per lagging partition).
 *
 * A group's topics are those matching the configured pattern (so a sink that never committed
 * still shows its whole backlog) plus every topic it has committed offsets for.
 */
import type { Admin } from 'kafkajs';
import { lagMessages, lagSeconds, nextReadOffset, parseCommittedOffset } from '../lag-arithmetic.js';
import type { GroupLag, PartitionLag } from '../types.js';
import { requestKey, type OffsetTimestampReader } from './oldest-message.js';

export interface ConsumerLagOptions {
  readonly admin: Admin;
  readonly timestamps: OffsetTimestampReader;
  readonly groups: readonly string[];
  readonly topicPattern: RegExp;
  readonly now: () => number;
  readonly onTimestampError?: (err: unknown) => void;
}

interface TopicOffsets {
  readonly partition: number;
  readonly low: number;
  readonly end: number;
}

export async function readConsumerLag(options: ConsumerLagOptions): Promise<GroupLag[]> {
  const { admin, groups, topicPattern } = options;
  const existing = new Set(await admin.listTopics());
  const required = [...existing].filter((t) => topicPattern.test(t));
  const described = await admin.describeGroups([...groups]);
  const topicOffsets = new Map<string, Promise<TopicOffsets[]>>();
  const offsetsOf = (topic: string) => {
    let offsets = topicOffsets.get(topic);
    if (offsets === undefined) {
      offsets = admin.fetchTopicOffsets(topic).then((list) =>
        list.map((p) => ({ partition: p.partition, low: Number(p.low), end: Number(p.high) })),
      );
      topicOffsets.set(topic, offsets);
    }
    return offsets;
  };

  const partial = await Promise.all(groups.map(async (group) => {
    const committedTopics = (await admin.fetchOffsets({ groupId: group })).map((t) => t.topic);
    // A deleted topic can keep its commits until they expire: only topics that exist are measured.
    const topics = [...new Set([...required, ...committedTopics.filter((t) => existing.has(t))])].sort();
    const committed = topics.length === 0 ? [] : await admin.fetchOffsets({ groupId: group, topics });
    const partitions: Array<Omit<PartitionLag, 'lagSeconds'>> = [];
    for (const topic of topics) {
      const commits = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const { partition, low, end } of await offsetsOf(topic)) {
        const commit = commits.find((c) => c.partition === partition);
        const offsets = { low, end, committed: commit === undefined ? null : parseCommittedOffset(commit.offset) };
        partitions.push({ topic, partition, lowOffset: low, endOffset: end, committedOffset: offsets.committed, lagMessages: lagMessages(offsets) });
      }
    }
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    const description = described.groups.find((g) => g.groupId === group);
    return { group, groupState: description?.state ?? 'Unknown', members: description?.members.length ?? 0, partitions };
  }));

  // One timestamp per lagging partition at the offset its group reads next (groups at the same offset share it).
  const withOffsets = partial.map((g) => ({
    ...g,
    partitions: g.partitions.map((p) => ({
      ...p,
      next: { topic: p.topic, partition: p.partition, offset: nextReadOffset({ low: p.lowOffset, end: p.endOffset, committed: p.committedOffset }) },
    })),
  }));
  const lagging = withOffsets.flatMap((g) => g.partitions.filter((p) => p.lagMessages > 0).map((p) => p.next));
  let stamps = new Map<string, number>();
  try {
    stamps = await options.timestamps.timestamps(lagging);
  } catch (err) {
    // Message lag stays exact; only its age becomes unknown for this sample.
    options.onTimestampError?.(err);
  }
  const now = options.now();
  return withOffsets.map((g) => ({
    ...g,
    partitions: g.partitions.map(({ next, ...p }) => ({ ...p, lagSeconds: lagSeconds(p.lagMessages, stamps.get(requestKey(next)), now) })),
  }));
}
