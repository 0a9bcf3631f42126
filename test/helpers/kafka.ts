/**
 * Kafka and schema-registry helpers for integration tests: random topic names, a consumer that
 * collects messages until a condition holds, and cleanups for topics and registry subjects.
 * Only local endpoints are accepted (KAFKA_BROKERS, SCHEMA_REGISTRY_URL of `bellyfed local env`).
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type KafkaMessage } from 'kafkajs';
import { loadConfig } from '../../services/shared/config.js';
import { assertLocalUrl } from './local-only.js';
import { waitFor } from './wait.js';

/** A topic name no other test run uses (letters, digits, '.', '_' only). */
export function randomTopic(prefix: string): string {
  return `${prefix}.${randomBytes(5).toString('hex')}`;
}

export function testKafka(clientId: string): Kafka {
  const { brokers } = loadConfig(process.env).kafka;
  for (const broker of brokers) assertLocalUrl(`kafka://${broker}`, 'KAFKA_BROKERS');
  return new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING });
}

export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka('bellyfed-test-admin').admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export function createTopic(topic: string, numPartitions = 1): Promise<boolean> {
  return withAdmin((admin) => admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 1 }], waitForLeaders: true }));
}

/** Deletes the listed topics that exist (a test may fail before creating them all). */
export async function deleteTopics(topics: readonly string[] | ((name: string) => boolean)): Promise<string[]> {
  return withAdmin(async (admin) => {
    const existing = await admin.listTopics();
    const doomed = typeof topics === 'function' ? existing.filter(topics) : existing.filter((t) => topics.includes(t));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed, timeout: 30_000 });
    return doomed;
  });
}

/** Debezium creates its topics with the first event: a consumer may only subscribe once they exist. */
export function waitForTopics(topics: readonly string[], timeoutMs = 60_000): Promise<true> {
  return withAdmin((admin) =>
    waitFor(async () => {
      const existing = new Set(await admin.listTopics());
      return topics.every((t) => existing.has(t));
    }, `topics ${topics.join(', ')} to exist`, { timeoutMs, intervalMs: 200 }),
  );
}

export interface CollectedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export interface MessageCollector {
  /** Everything received so far, in arrival order (per partition: offset order). */
  readonly messages: readonly CollectedMessage[];
  /** Resolves with the messages once `done` holds for them; rejects at the deadline. */
  until(done: (messages: readonly CollectedMessage[]) => boolean | Promise<boolean>, what: string, timeoutMs?: number): Promise<readonly CollectedMessage[]>;
  stop(): Promise<void>;
}

/**
 * A consumer in a fresh group reading the topics from the beginning, so nothing produced before
 * it joined is missed. The topics must exist (see waitForTopics).
 */
export async function collectMessages(topics: readonly string[]): Promise<MessageCollector> {
  const consumer = testKafka('bellyfed-test-collector').consumer({
    groupId: `bellyfed-test-${randomBytes(5).toString('hex')}`,
    allowAutoTopicCreation: false,
  });
  const messages: CollectedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }: { topic: string; partition: number; message: KafkaMessage }) => {
        messages.push({ topic, partition, offset: message.offset, key: message.key, value: message.value });
      },
    });
  } catch (err) {
    await consumer.disconnect();
    throw err;
  }
  return {
    messages,
    async until(done, what, timeoutMs = 60_000) {
      // Not waitFor: an error thrown by `done` (an undecodable message) fails now, not at the deadline.
      const deadline = Date.now() + timeoutMs;
      while (!(await done(messages))) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${messages.length} messages received)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [...messages];
    },
    stop: () => consumer.disconnect(),
  };
}

// --- schema registry (the Confluent-compatible API of SCHEMA_REGISTRY_URL) ---

export function registryUrl(): string {
  const url = loadConfig(process.env).schemaRegistryUrl.replace(/\/+$/, '');
  assertLocalUrl(url, 'SCHEMA_REGISTRY_URL');
  return url;
}

async function registryJson<T>(method: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${registryUrl()}${path}`, { method, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/** The versions of a subject ([] when it does not exist). */
export async function subjectVersions(subject: string): Promise<number[]> {
  const { status, body } = await registryJson<number[]>('GET', `/subjects/${encodeURIComponent(subject)}/versions`);
  if (status === 404) return [];
  if (status !== 200) throw new Error(`GET subject ${subject} versions answered ${status}`);
  return body;
}

export async function subjectVersion(subject: string, version: number | 'latest'): Promise<{ id: number; schema: string }> {
  const { status, body } = await registryJson<{ id: number; schema: string }>('GET', `/subjects/${encodeURIComponent(subject)}/versions/${version}`);
  if (status !== 200) throw new Error(`GET subject ${subject} version ${version} answered ${status}`);
  return body;
}

export async function listSubjects(): Promise<string[]> {
  const { status, body } = await registryJson<string[]>('GET', '/subjects');
  if (status !== 200) throw new Error(`GET subjects answered ${status}`);
  return body;
}

/** Soft then hard delete (Confluent semantics, which Apicurio's ccompat follows); a missing subject is fine. */
export async function deleteSubject(subject: string): Promise<void> {
  const path = `/subjects/${encodeURIComponent(subject)}`;
  for (const query of ['', '?permanent=true']) {
    const { status } = await registryJson<unknown>('DELETE', `${path}${query}`);
    if (status !== 200 && status !== 404) throw new Error(`DELETE ${path}${query} answered ${status}`);
  }
}

export async function deleteSubjects(match: (subject: string) => boolean): Promise<string[]> {
  const doomed = (await listSubjects()).filter(match);
  for (const subject of doomed) await deleteSubject(subject);
  return doomed;
}
