/**
 * The query service's analytics events on the running platform (bellyfed local up): each read
 * endpoint's event arrives in ANALYTICS_TOPIC as Avro in the Confluent wire format, under the
 * subject `<topic>-value` holding schemas/avro/analytics-event.avsc; with Kafka unreachable,
 * reads are still served and the losses are counted in /metrics.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { expect } from 'chai';
import { ANALYTICS_EVENT_TYPES, analyticsEventSchema, type AnalyticsEvent } from '../../../services/analytics/events.js';
import type { RunningQueryService } from '../../../services/query/index.js';
import {
  collectMessages, createTopic, deleteSubject, deleteTopics, randomTopic, registryUrl, subjectVersion,
} from '../../helpers/kafka.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { getJson, startTestQueryService } from '../../helpers/query-service.js';
import { waitFor } from '../../helpers/wait.js';
import { requirePlatform } from '../../helpers/platform-env.js';

const KAFKA_BROKERS = process.env.KAFKA_BROKERS;

/** The four read endpoints, each with the request id its event must carry. */
function endpointCalls(restaurantId: string, run: string) {
  return [
    { type: 'RESTAURANTS_LISTED', path: '/restaurants?limit=5', requestId: `${run}-listed` },
    { type: 'RESTAURANT_VIEWED', path: `/restaurants/${restaurantId}`, requestId: `${run}-viewed` },
    { type: 'RESTAURANT_MENU_VIEWED', path: `/restaurants/${restaurantId}/menu`, requestId: `${run}-menu` },
    { type: 'RESTAURANT_REVIEWS_VIEWED', path: `/restaurants/${restaurantId}/reviews`, requestId: `${run}-reviews` },
  ] as const;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** analytics_events_total{outcome} from the Prometheus text of /metrics. */
async function analyticsCounters(service: RunningQueryService): Promise<Record<string, number>> {
  const { status, text } = await getJson(service.url, '/metrics');
  expect(status).to.equal(200);
  const counters: Record<string, number> = {};
  for (const match of text.matchAll(/^analytics_events_total\{outcome="(\w+)"\} (\d+(?:\.\d+)?)$/gm)) counters[match[1]!] = Number(match[2]);
  return counters;
}

describe('analytics events from the query service', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let restaurantId: string;
  const cleanups: Array<() => Promise<unknown>> = [];

  before(async function () {
    requirePlatform('KAFKA_BROKERS');
    db = await cloneSeeded();
    cleanups.push(() => db.drop());
    const { rows } = await db.pool.query<{ restaurant_id: string }>('SELECT restaurant_id FROM restaurants ORDER BY restaurant_id LIMIT 1');
    restaurantId = rows[0]!.restaurant_id;
  });

  after(async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => failures.push(err));
    if (failures.length > 0) throw new Error(`cleanup failed: ${failures.map(String).join('; ')}`);
  });

  async function startService(env: Record<string, string>): Promise<RunningQueryService> {
    const service = await startTestQueryService({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: KAFKA_BROKERS!,
      SCHEMA_REGISTRY_URL: registryUrl(),
      ANALYTICS_ENABLED: 'true',
      ANALYTICS_FLUSH_INTERVAL_MS: '20',
      ...env,
    });
    cleanups.push(() => service.close());
    return service;
  }

  it('each endpoint produces its event, which decodes with the schema registered under <topic>-value', async () => {
    const topic = randomTopic('bellyfed-test.analytics');
    const subject = `${topic}-value`;
    // The producer never creates topics (allowAutoTopicCreation: false), as in production.
    await createTopic(topic);
    cleanups.push(() => deleteTopics([topic]), () => deleteSubject(subject));
    const service = await startService({ ANALYTICS_TOPIC: topic });
    const collector = await collectMessages([topic]);
    cleanups.push(() => collector.stop());

    const calls = endpointCalls(restaurantId, randomBytes(4).toString('hex'));
    const startedAt = Date.now();
    for (const call of calls) {
      const response = await getJson(service.url, call.path, { headers: { 'x-request-id': call.requestId } });
      expect(response.status, call.path).to.equal(200);
    }
    const messages = await collector.until((m) => m.length >= calls.length, `${calls.length} analytics events in ${topic}`);
    expect(messages).to.have.length(calls.length);

    const registered = await subjectVersion(subject, 'latest');
    expect(JSON.parse(registered.schema)).to.deep.equal(JSON.parse(analyticsEventSchema()));
    const registry = new SchemaRegistry({ host: registryUrl() });
    const events: AnalyticsEvent[] = [];
    for (const { value } of messages) {
      expect(value![0], 'magic byte').to.equal(0);
      expect(value!.readInt32BE(1), 'schema id').to.equal(registered.id);
      events.push((await registry.decode(value!)) as AnalyticsEvent);
    }

    expect(events.map((e) => e.type).sort()).to.deep.equal([...ANALYTICS_EVENT_TYPES].sort());
    for (const call of calls) {
      const event = events.find((e) => e.type === call.type)!;
      expect(event.requestId, call.type).to.equal(call.requestId);
      expect(event.dataSource, call.type).to.equal('postgres');
      expect(event.eventId, call.type).to.match(/^[0-9a-f-]{36}$/);
      expect(event.occurredAt, call.type).to.be.within(startedAt, Date.now());
      expect(event.restaurantId, call.type).to.equal(call.type === 'RESTAURANTS_LISTED' ? null : restaurantId);
    }
    expect(events.find((e) => e.type === 'RESTAURANTS_LISTED')!.resultCount).to.equal(5);
  });

  it('with Kafka unreachable, requests are still served and the lost events are counted in /metrics', async () => {
    const topic = randomTopic('bellyfed-test.analytics-down');
    // The registry is up, so the schema is registered before the producer fails to connect.
    cleanups.push(() => deleteSubject(`${topic}-value`));
    // A buffer of 2 fills at once, so drops show without waiting for retries to give up.
    const service = await startService({
      KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`,
      ANALYTICS_TOPIC: topic,
      ANALYTICS_BUFFER_LIMIT: '2',
      ANALYTICS_BATCH_SIZE: '1',
    });

    const calls = endpointCalls(restaurantId, randomBytes(4).toString('hex'));
    for (const call of [...calls, ...calls]) {
      const response = await getJson(service.url, call.path, { headers: { 'x-request-id': call.requestId } });
      expect(response.status, call.path).to.equal(200);
    }
    const counters = await waitFor(async () => {
      const current = await analyticsCounters(service);
      return (current.failed ?? 0) > 0 && (current.dropped ?? 0) > 0 ? current : undefined;
    }, 'analytics failed and dropped counters to grow', { timeoutMs: 30_000, intervalMs: 100 });
    expect(counters.sent).to.equal(0);
    // 8 events into a buffer of 2: at least 6 dropped; the 2 kept stay buffered and are retried.
    expect(counters.dropped).to.be.at.least(6);
  });
});
