/**
 * The sink on the real platform (PostgreSQL → Debezium → Kafka → sink → DynamoDB), isolated per
 * run: its own seeded database, connector and topic prefix (test/helpers/sink.ts), and per test
 * its own DynamoDB table and consumer group. Every test ends with the checker: DynamoDB must be
 * exactly what PostgreSQL implies, item by item.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';
import { Kafka, logLevel } from 'kafkajs';
import { DeleteItemCommand, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { checkProjection } from '../../../services/model/checker/index.js';
import { startSink, type RunningSink } from '../../../services/sink/index.js';
import { readDeadLetterHeaders } from '../../../services/sink/dlq/headers.js';
import { quietLogger } from '../../helpers/postgres.js';
import { createTestTable, sinkConfig, useSeededSource, waitUntilExact } from '../../helpers/sink.js';
import { deleteTopics, testKafka, waitForTopics, withAdmin } from '../../helpers/kafka.js';
import { waitFor } from '../../helpers/wait.js';
import { applyMixedChanges } from './changes.js';

const run = promisify(execFile);
const FAST = { topicRefreshMs: 500, copySettleMs: 1000, fenceRefreshMs: 500, watermarkFlushMs: 200 };

describe('sink: snapshot, stream, poison, watermarks on the real platform', function () {
  this.timeout(300_000);
  const suite = useSeededSource(30);

  async function runSink(): Promise<{ sink: RunningSink; table: string; dlqTopic: string; env: NodeJS.ProcessEnv }> {
    const config = sinkConfig(suite.source);
    suite.cleanups.push(await createTestTable(suite.dynamo, config.dynamodb.table));
    suite.cleanups.push(() => deleteTopics([config.sink.dlqTopic]));
    const sink = await startSink(config, quietLogger, { tuning: FAST });
    suite.cleanups.push(() => sink.close());
    return { sink, table: config.dynamodb.table, dlqTopic: config.sink.dlqTopic, env: config.env };
  }

  it('loads the snapshot, then follows inserts, key moves, fan-out renames, deletes and a truncate exactly', async () => {
    const { sink, table } = await runSink();
    const snapshot = await waitUntilExact(suite.source, suite.dynamo, table);
    expect(snapshot.expectedCount).to.be.greaterThan(300);

    await applyMixedChanges(suite.source.db.pool);
    const after = await waitUntilExact(suite.source, suite.dynamo, table);
    expect(after.equal).to.equal(true);
    // Fan-out went through durable copy jobs, and they all finished.
    await waitFor(async () => (await sink.maintenance.runOnce()) || undefined, 'copy jobs and sweeps to finish', { timeoutMs: 30_000, intervalMs: 200 });
    const applied = await sink.metrics.registry.getSingleMetricAsString('sink_events_applied_total');
    expect(applied).to.match(/table="favorites",op="t"/);
    expect(applied).to.match(/table="reviews",op="u"/);

    // The checker can fail: a stale copy and a lost item are each reported.
    await sink.close();
    const { rows } = await suite.source.db.pool.query<{ review_id: string }>('SELECT review_id FROM reviews ORDER BY review_id LIMIT 2');
    await suite.dynamo.send(new UpdateItemCommand({
      TableName: table, Key: { pk: { S: `REVIEW#${rows[0]!.review_id}` }, sk: { S: 'REVIEW' } },
      UpdateExpression: 'SET reviewer_display_name = :x', ExpressionAttributeValues: { ':x': { S: 'tampered' } },
    }));
    await suite.dynamo.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: `REVIEW#${rows[1]!.review_id}` }, sk: { S: 'REVIEW' } } }));
    const tampered = await checkProjection(suite.source.db.pool, suite.dynamo, table);
    expect(tampered.different.map((d) => d.attributes.map((a) => a.attribute))).to.deep.equal([['reviewer_display_name']]);
    expect(tampered.missing.map((m) => m.pk)).to.deep.equal([`REVIEW#${rows[1]!.review_id}`]);
  });

  it('replays from the beginning into a table that already holds newer states without changing it (the LSN guard)', async () => {
    // A second group replays every event into a table a first sink has already made exact:
    // every write is older-or-equal, so every condition fails and nothing changes.
    const first = await runSink();
    await waitUntilExact(suite.source, suite.dynamo, first.table);
    await first.sink.close();
    const config = sinkConfig(suite.source, { DYNAMODB_TABLE: first.table });
    suite.cleanups.push(() => deleteTopics([config.sink.dlqTopic]));
    const replay = await startSink(config, quietLogger, { tuning: FAST });
    suite.cleanups.push(() => replay.close());
    await waitFor(async () => {
      const text = await replay.metrics.registry.getSingleMetricAsString('sink_already_newer_total');
      const count = [...text.matchAll(/^sink_already_newer_total\{[^}]*\} (\d+)/gm)].reduce((s, m) => s + Number(m[1]), 0);
      return count > 300 ? count : undefined;
    }, 'the replay to meet newer states', { timeoutMs: 60_000, intervalMs: 250 });
    await waitUntilExact(suite.source, suite.dynamo, first.table);
  });

  it('dead-letters an undecodable message with its origin in headers, and the partition moves on', async () => {
    const { table, dlqTopic, env } = await runSink();
    await waitUntilExact(suite.source, suite.dynamo, table);
    const topic = suite.source.topic('restaurants');
    await waitForTopics([topic]);
    const kafka = testKafka('sink-test-poison');
    const producer = kafka.producer();
    await producer.connect();
    const partitions = await withAdmin(async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.length);
    for (let partition = 0; partition < partitions; partition++) {
      await producer.send({ topic, messages: [{ partition, key: 'garbage', value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]) }] });
    }
    await producer.disconnect();
    // After the garbage: a change of every restaurant, on every partition.
    await suite.source.db.pool.query("UPDATE restaurants SET description = 'after the poison'");
    await waitUntilExact(suite.source, suite.dynamo, table);

    const letters = await readAll(dlqTopic, partitions);
    expect(letters).to.have.length(partitions);
    for (const letter of letters) {
      expect(letter.info?.topic).to.equal(topic);
      expect(letter.info?.code).to.equal('UNDECODABLE_EVENT');
      expect(letter.info?.message).to.match(/Confluent wire format/);
      expect(letter.value).to.deep.equal(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]));
    }
    // The operator's view (needs `npm run build`): list them, and a replay finds them still poison.
    const bellyfed = join(PROJECT_ROOT, 'bin', 'bellyfed.js');
    const listed = (await run(process.execPath, [bellyfed, 'dlq', 'list', '--json'], { env })).stdout.trim().split('\n').map((l) => JSON.parse(l) as { topic: string; code: string });
    expect(listed.map((l) => [l.topic, l.code])).to.deep.equal(Array.from({ length: partitions }, () => [topic, 'UNDECODABLE_EVENT']));
    const replayed = (await run(process.execPath, [bellyfed, 'dlq', 'replay'], { env })).stdout;
    expect(replayed).to.match(new RegExp(`${partitions} dead letter\\(s\\): 0 applied, ${partitions} still poison`));
  });

  it('advances per-table watermarks from applied events and heartbeats', async () => {
    const { table } = await runSink();
    await waitUntilExact(suite.source, suite.dynamo, table);
    const before = Date.now();
    // A heartbeat after `before` must arrive (the connector beats every second here).
    const heartbeat = await waitFor(async () => {
      const { Item } = await suite.dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'WATERMARK' }, sk: { S: '~heartbeat' } }, ConsistentRead: true }));
      const ts = Number(Item?._ts?.N ?? 0);
      return ts > before ? ts : undefined;
    }, 'the heartbeat watermark to pass the start of the test', { timeoutMs: 60_000, intervalMs: 200 });
    expect(heartbeat).to.be.greaterThan(before);
    const { Items } = await suite.dynamo.send(new (await import('@aws-sdk/client-dynamodb')).QueryCommand({
      TableName: table, KeyConditionExpression: 'pk = :w', ExpressionAttributeValues: { ':w': { S: 'WATERMARK' } }, ConsistentRead: true,
    }));
    const tables = new Set((Items ?? []).map((i) => i.table?.S));
    for (const t of ['restaurants', 'reviews', 'users', 'menu_items']) expect(tables.has(t), `watermark of ${t}`).to.equal(true);
  });

  async function readAll(topic: string, expected: number) {
    const consumer = new Kafka({ clientId: 'sink-test-dlq', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING })
      .consumer({ groupId: `sink-test-dlq-${Date.now()}` });
    const letters: Array<{ value: Buffer | null; info: ReturnType<typeof readDeadLetterHeaders> }> = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        letters.push({ value: message.value, info: readDeadLetterHeaders(headers) });
      },
    });
    try {
      await waitFor(() => letters.length >= expected || undefined, `${expected} dead letters`, { timeoutMs: 30_000, intervalMs: 100 });
      return letters;
    } finally {
      await consumer.disconnect();
    }
  }
});

function testKafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}
