/**
 * Freshness from the sink's watermark items in DynamoDB (dynalite): a random table from the one
 * table definition, a random CDC prefix whose change topic has 2 partitions, and watermark items
 * written as the sink writes them. The monitor reports the stalest partition per table, unknown
 * where no item exists, and turns critical when a table's watermark is older than the threshold.
 */
import { expect } from 'chai';
import { DeleteTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { watermarkKey } from '../../../services/model/bookkeeping-keys.js';
import { ensureTable } from '../../../services/model/table-setup.js';
import { createDynamoClient } from '../../../services/shared/dynamodb/client.js';
import { createTopic, deleteTopics } from '../../helpers/kafka.js';
import { monitorConfig, randomId, runCleanups, startTestMonitor, type Cleanup } from './monitor-fixture.js';

describe('monitor: sink watermarks on the real platform', function () {
  this.timeout(120_000);
  const cleanups: Cleanup[] = [];
  afterEach(() => runCleanups(cleanups));

  it('reports each table as fresh as its stalest partition, unknown without items, and critical past the threshold', async function () {
    const prefix = randomId('bfmon');
    const table = randomId('bfmon_table');
    const overrides = { CDC_TOPIC_PREFIX: prefix, DYNAMODB_TABLE: table, MONITOR_WATERMARK_WARNING_SECONDS: '5', MONITOR_WATERMARK_CRITICAL_SECONDS: '60' };
    const config = monitorConfig(overrides);
    const dynamodb = createDynamoClient(config);
    cleanups.push(async () => dynamodb.destroy());
    await ensureTable(dynamodb, table);
    cleanups.push(async () => void (await dynamodb.send(new DeleteTableCommand({ TableName: table }))));
    const topic = `${prefix}.public.reviews`;
    await createTopic(topic, 2);
    cleanups.push(async () => void (await deleteTopics([topic])));

    const writeWatermark = async (partition: number, ageMs: number) => {
      const key = watermarkKey('reviews', partition);
      await dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: key.pk }, sk: { S: key.sk }, _ts: { N: String(Date.now() - ageMs) } } }));
    };
    await writeWatermark(0, 2_000);
    await writeWatermark(1, 30_000); // the stalest partition decides

    const monitor = await startTestMonitor(overrides, cleanups);
    const watermarksOf = async () => {
      const status = await monitor.status();
      return status.watermarks.status === 'ok' ? status.watermarks.data : undefined;
    };
    const reviews = await monitor.until(
      (s) => (s.watermarks.status === 'ok' ? s.watermarks.data.find((w) => w.table === 'reviews' && w.ageSeconds !== null) : undefined),
      'the reviews watermark',
    );
    expect(reviews.partitions.map((p) => p.partition)).to.deep.equal([0, 1]);
    expect(reviews.ageSeconds).to.be.within(30, 45);
    expect((await watermarksOf())!.find((w) => w.table === 'users')).to.deep.equal({ table: 'users', ageSeconds: null, partitions: [] });
    const warned = await monitor.status();
    expect(warned.reasons.find((r) => r.source === 'watermarks')).to.include({ severity: 'warning' });

    // What a sink that stopped 90 s ago leaves behind (written directly: the test is the sink here).
    await writeWatermark(0, 90_000);
    await writeWatermark(1, 90_000);
    const critical = await monitor.until(
      (s) => s.reasons.find((r) => r.source === 'watermarks' && r.severity === 'critical'),
      'critical for the stale table',
    );
    expect(critical.message).to.match(/^DynamoDB's copy of reviews is 1m 3\ds behind PostgreSQL \(critical above 1m 00s\)$/);
    const metrics = await (await fetch(`${monitor.url}/metrics`)).text();
    expect(metrics).to.match(/bellyfed_watermark_age_seconds\{table="reviews"\} 9\d\.\d+/);
  });
});
