/** SourceAdmin on kafkajs's admin client: which topics exist, and where a group stands on them. */
import type { Admin, Kafka } from 'kafkajs';
import type { PartitionPosition } from './positions.js';
import type { SourceAdmin } from './types.js';

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

/** One admin connection, opened on first use and again after a failure. */
export class KafkaSourceAdmin implements SourceAdmin {
  private admin: Admin | undefined;

  constructor(private readonly kafka: Kafka) {}

  private async connected(): Promise<Admin> {
    if (this.admin) return this.admin;
    const admin = this.kafka.admin();
    await admin.connect();
    this.admin = admin;
    return admin;
  }

  private async using<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = await this.connected();
    try {
      return await work(admin);
    } catch (err) {
      // A broken connection is not reused: the next call connects again.
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw err;
    }
  }

  listTopics(): Promise<string[]> {
    return this.using((admin) => admin.listTopics());
  }

  positions(groupId: string, topics: readonly string[]): Promise<PartitionPosition[]> {
    return this.using((admin) => readPositions(admin, groupId, topics));
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
