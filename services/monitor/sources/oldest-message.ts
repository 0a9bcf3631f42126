/**
 * The timestamp of the message at a given offset: one small Fetch per lagging partition, batched
 * per leader broker, so time lag costs one request per broker per sample whatever the backlog.
 *
 * Why kafkajs internals: kafkajs has no public way to read one message at an offset without
 * joining a consumer group (seconds per join, a visible member, rebalances). kafkajs is in
 * maintenance and pinned (2.2.4), so its Cluster is stable; we reach it through the Kafka
 * instance's own factory, which carries the brokers, TLS and SASL that createKafka configured.
 * Should that factory ever be missing, time lag is reported unknown; message lag is unaffected.
 */
import type { Kafka } from 'kafkajs';

export interface OffsetRequest {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface OffsetTimestampReader {
  /** Timestamp (ms) of the first record at or after each offset, by requestKey(); absent when none could be read. */
  timestamps(requests: readonly OffsetRequest[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export function requestKey({ topic, partition, offset }: OffsetRequest): string {
  return `${topic}\u0000${partition}@${offset}`;
}

/** A Fetch names each partition once: requests for several offsets of one partition go in successive rounds. */
export function fetchRounds(requests: readonly OffsetRequest[]): OffsetRequest[][] {
  const rounds: OffsetRequest[][] = [];
  const unique = new Map(requests.map((r) => [requestKey(r), r]));
  for (const request of unique.values()) {
    const round = rounds.find((r) => !r.some((x) => x.topic === request.topic && x.partition === request.partition));
    if (round !== undefined) round.push(request);
    else rounds.push([request]);
  }
  return rounds;
}

interface FetchedRecord {
  offset: string;
  timestamp: string;
  isControlRecord?: boolean;
}

interface InternalBroker {
  fetch(request: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{ responses: Array<{ topicName: string; partitions: Array<{ partition: number; errorCode: number; messages: FetchedRecord[] }> }> }>;
}

interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(options: { nodeId: string }): Promise<InternalBroker>;
}

type ClusterFactory = (options: { allowAutoTopicCreation: boolean; metadataMaxAge: number; isolationLevel: number }) => InternalCluster;

// -1: a client, not a follower replica. READ_UNCOMMITTED: we want the oldest record, not the oldest committed one.
const CONSUMER_REPLICA_ID = -1;
const READ_UNCOMMITTED = 0;
// The broker returns at least one whole record batch per partition whatever this says (KIP-74),
// so a small limit bounds the response to about one batch per lagging partition.
const PARTITION_MAX_BYTES = 1024;

function clusterFactoryOf(kafka: Kafka): ClusterFactory | undefined {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const factory = symbol === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[symbol];
  return typeof factory === 'function' ? (factory as ClusterFactory) : undefined;
}

export function createOffsetTimestampReader(kafka: Kafka): OffsetTimestampReader {
  const factory = clusterFactoryOf(kafka);
  let cluster: Promise<InternalCluster> | undefined;
  const connected = () => {
    cluster ??= (async () => {
      if (factory === undefined) throw new Error('this kafkajs version offers no way to fetch one message (time lag unknown)');
      const created = factory({ allowAutoTopicCreation: false, metadataMaxAge: 60_000, isolationLevel: READ_UNCOMMITTED });
      await created.connect();
      return created;
    })().catch((err: unknown) => {
      cluster = undefined; // try again at the next sample
      throw err;
    });
    return cluster;
  };

  return {
    async timestamps(requests) {
      const found = new Map<string, number>();
      if (requests.length === 0) return found;
      const c = await connected();
      try {
        await c.addMultipleTargetTopics([...new Set(requests.map((r) => r.topic))]);
        for (const round of fetchRounds(requests)) await fetchRound(c, round, found);
      } catch (err) {
        // Start from a fresh cluster at the next sample (a restarted broker, moved leaders).
        if (cluster !== undefined) void cluster.then((x) => x.disconnect()).catch(() => undefined);
        cluster = undefined;
        throw err;
      }
      return found;
    },
    async close() {
      const c = cluster;
      cluster = undefined;
      if (c !== undefined) await c.then((x) => x.disconnect(), () => undefined);
    },
  };
}

/** One Fetch per leader broker for the round's partitions, each starting at its requested offset. */
async function fetchRound(cluster: InternalCluster, round: readonly OffsetRequest[], found: Map<string, number>): Promise<void> {
  const perBroker = new Map<string, OffsetRequest[]>();
  for (const topic of new Set(round.map((r) => r.topic))) {
    const mine = round.filter((r) => r.topic === topic);
    const leaders = cluster.findLeaderForPartitions(topic, mine.map((r) => r.partition));
    for (const [nodeId, partitions] of Object.entries(leaders)) {
      const list = perBroker.get(nodeId) ?? [];
      perBroker.set(nodeId, list);
      list.push(...mine.filter((r) => partitions.includes(r.partition)));
    }
  }
  await Promise.all([...perBroker].map(async ([nodeId, wanted]) => {
    const broker = await cluster.findBroker({ nodeId });
    const topics = [...new Set(wanted.map((r) => r.topic))].map((topic) => ({
      topic,
      partitions: wanted
        .filter((r) => r.topic === topic)
        .map((r) => ({ partition: r.partition, fetchOffset: String(r.offset), maxBytes: PARTITION_MAX_BYTES })),
    }));
    const response = await broker.fetch({
      replicaId: CONSUMER_REPLICA_ID,
      isolationLevel: READ_UNCOMMITTED,
      maxWaitTime: 0, // answer at once with what is there: the messages exist (they are the lag)
      minBytes: 0,
      maxBytes: PARTITION_MAX_BYTES * Math.max(1, wanted.length),
      topics,
    });
    for (const { topicName, partitions } of response.responses) {
      for (const { partition, errorCode, messages } of partitions) {
        const request = wanted.find((r) => r.topic === topicName && r.partition === partition);
        if (errorCode !== 0 || request === undefined) continue;
        // A batch may begin before the offset asked for: take the first record at or after it.
        const first = messages.find((m) => !m.isControlRecord && Number(m.offset) >= request.offset);
        if (first !== undefined) found.set(requestKey(request), Number(first.timestamp));
      }
    }
  }));
}
