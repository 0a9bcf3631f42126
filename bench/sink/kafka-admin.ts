/**
 * What the benchmark asks of Kafka and the registry besides consuming: how many change events
 * the source's topics hold, whether a group has committed all of them, and the cleanups of what
 * a run created (topics, consumer groups, registry subjects).
 */
import type { Admin } from 'kafkajs';
import type { Config } from '../../services/shared/config.js';
import { createKafka } from '../../services/shared/kafka/client.js';
import { createLogger } from '../../services/shared/logger.js';
import { readPositions } from '../../services/sink/source/kafka-admin.js';
import { isCaughtUp, type PartitionPosition } from '../../services/sink/source/positions.js';
import { appTableOf, sinkTopicsOf } from '../../services/sink/source/topics.js';

const quiet = createLogger({ level: 'silent', name: 'bench' });

export function benchKafka(config: Config, clientId: string) {
  return createKafka({ brokers: config.kafka.brokers, clientId, logger: quiet, security: config.kafka.security });
}

export async function withAdmin<T>(config: Config, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = benchKafka(config, 'bellyfed-bench-admin').admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The app tables' change topics of a prefix (not the heartbeat table's nor Debezium's heartbeat topic). */
export async function appTopics(admin: Admin, prefix: string): Promise<string[]> {
  return sinkTopicsOf(await admin.listTopics(), prefix).filter((t) => appTableOf(t, prefix) !== undefined);
}

/** Messages held by the app topics (end − low, summed): the events every contender must apply. */
export async function countEvents(admin: Admin, prefix: string): Promise<number> {
  let total = 0;
  for (const topic of await appTopics(admin, prefix)) {
    for (const o of await admin.fetchTopicOffsets(topic)) total += Number(o.high) - Number(o.low);
  }
  return total;
}

/** The group's positions on the app topics, read in the sink's safe order (ends, then commits). */
export async function groupPositions(admin: Admin, prefix: string, groupId: string): Promise<PartitionPosition[]> {
  return readPositions(admin, groupId, await appTopics(admin, prefix));
}

export function allCaughtUp(positions: readonly PartitionPosition[]): boolean {
  return positions.length > 0 && positions.every(isCaughtUp);
}

export async function deleteTopics(config: Config, match: (topic: string) => boolean): Promise<void> {
  await withAdmin(config, async (admin) => {
    const doomed = (await admin.listTopics()).filter(match);
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed, timeout: 30_000 });
  });
}

export async function deleteGroups(config: Config, groups: readonly string[]): Promise<void> {
  if (groups.length === 0) return;
  await withAdmin(config, async (admin) => {
    const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    const doomed = groups.filter((g) => existing.has(g));
    if (doomed.length > 0) await admin.deleteGroups(doomed);
  });
}

/** Soft, then hard delete of the matching subjects (Confluent semantics, which Apicurio's ccompat API follows). */
export async function deleteSubjects(config: Config, match: (subject: string) => boolean): Promise<void> {
  const base = config.schemaRegistryUrl.replace(/\/+$/, '');
  const listed = await fetch(`${base}/subjects`, { signal: AbortSignal.timeout(10_000) });
  if (listed.status !== 200) throw new Error(`GET subjects answered ${listed.status}`);
  for (const subject of ((await listed.json()) as string[]).filter(match)) {
    for (const query of ['', '?permanent=true']) {
      const answer = await fetch(`${base}/subjects/${encodeURIComponent(subject)}${query}`, { method: 'DELETE', signal: AbortSignal.timeout(10_000) });
      await answer.arrayBuffer();
      if (answer.status !== 200 && answer.status !== 404) throw new Error(`DELETE subject ${subject}${query} answered ${answer.status}`);
    }
  }
}
