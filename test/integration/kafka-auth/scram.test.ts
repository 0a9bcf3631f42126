/**
 * Authenticated Kafka on the real broker: the local platform's SASL/SCRAM-SHA-512 listener.
 * The right credentials produce, consume and administer; a wrong password fails at connect with
 * KAFKA_AUTH_FAILED, a message naming what to fix and never the password.
 */
import { expect } from 'chai';
import { loadConfig } from '../../../services/shared/config.js';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { createKafka } from '../../../services/shared/kafka/client.js';
import { loadLocalConfig } from '../../../services/local/config.js';
import { scramEnvironment } from '../../../services/local/env.js';
import { cloneSeeded, randomName, quietLogger } from '../../helpers/postgres.js';
import { startQueryService } from '../../../services/query/index.js';
import { startSink } from '../../../services/sink/index.js';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../../services/shared/dynamodb/client.js';
import { waitFor } from '../../helpers/wait.js';

describe('Kafka with SASL/SCRAM-SHA-512', function () {
  let env: Record<string, string>;

  before(async function () {
    env = await scramEnvironment(loadLocalConfig());
  });

  function client(overrides: Record<string, string> = {}) {
    const config = loadConfig({ ...env, ...overrides });
    return createKafka({ brokers: config.kafka.brokers, clientId: 'scram-test', logger: quietLogger, security: config.kafka.security, retries: 0 });
  }

  it('authenticates a producer, a consumer group and the admin client', async function () {
    const kafka = client();
    const topic = randomName('scram_test');
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: randomName('scram_group') });
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'authenticated hello' }] });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const received = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message within 20 s')), 20_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve(message.value?.toString() ?? '');
          },
        });
      });
      expect(received).to.equal('authenticated hello');
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('refuses a wrong password at connect with KAFKA_AUTH_FAILED, naming the fix and not the password', async function () {
    const wrong = 'definitely-not-the-password-123';
    const producer = client({ KAFKA_SASL_PASSWORD: wrong }).producer();
    const err = await producer.connect().then(() => undefined, (e: unknown) => e);
    await producer.disconnect().catch(() => undefined);
    expect(isBellyfedError(err, 'KAFKA_AUTH_FAILED'), String(err)).to.equal(true);
    const message = (err as Error).message;
    expect(message).to.contain('KAFKA_SASL_PASSWORD');
    expect(message).to.not.contain(wrong);
    expect(message).to.not.contain(env.KAFKA_SASL_PASSWORD);
  });

  it("the query service's analytics producer authenticates and delivers", async function () {
    const topic = randomName('scram_analytics');
    const admin = client().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const db = await cloneSeeded();
    const service = await startQueryService(
      loadConfig({ ...env, DATABASE_URL: db.url, PORT: '0', ANALYTICS_TOPIC: topic, ANALYTICS_FLUSH_INTERVAL_MS: '20', LOG_LEVEL: 'silent' }),
      quietLogger,
    );
    try {
      expect((await fetch(`${service.url}/restaurants?limit=1`)).status).to.equal(200);
      await waitFor(() => service.analytics.stats().sent >= 1 || undefined, 'the analytics event to be delivered over SCRAM');
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets.reduce((n, p) => n + Number(p.high), 0)).to.be.greaterThan(0);
    } finally {
      await service.close();
      await db.drop();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('the sink worker authenticates, joins its group, and a wrong password stops it with KAFKA_AUTH_FAILED', async function () {
    const prefix = randomName('scramcdc');
    const topic = `${prefix}.public.restaurants`;
    const admin = client().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const sinkEnv = {
      ...env, CDC_TOPIC_PREFIX: prefix, SINK_GROUP_ID: randomName('scram_sink'), SINK_DLQ_TOPIC: randomName('scram_dlq'),
      DYNAMODB_TABLE: randomName('scram_table'), SINK_PORT: '0', LOG_LEVEL: 'silent',
    };
    const config = loadConfig(sinkEnv);
    try {
      const refused = await startSink(loadConfig({ ...sinkEnv, KAFKA_SASL_PASSWORD: 'wrong-password-456' }), quietLogger).then(
        async (sink) => {
          await sink.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(isBellyfedError(refused, 'KAFKA_AUTH_FAILED'), String(refused)).to.equal(true);
      expect((refused as Error).message).to.not.contain('wrong-password-456');

      const sink = await startSink(config, quietLogger);
      try {
        await waitFor(() => sink.supervisor.ready || undefined, 'the sink to join its group over SCRAM', { timeoutMs: 45_000 });
      } finally {
        await sink.close();
      }
    } finally {
      await admin.deleteTopics({ topics: [topic, config.sink.dlqTopic] }).catch(() => undefined);
      await admin.disconnect();
      const dynamo = createDynamoClient(config);
      await dynamo.send(new DeleteTableCommand({ TableName: config.dynamodb.table })).catch(() => undefined);
      dynamo.destroy();
    }
  });
});
