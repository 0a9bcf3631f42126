/**
 * The freshness gate: a DynamoDB route serves from PostgreSQL, saying `stale`, while the sink's
 * watermark of any table the endpoint reads is older than the bound (or missing), and returns to
 * DynamoDB by itself once the watermarks are fresh again.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect } from 'chai';
import type { RunningQueryService } from '../../../services/query/index.js';
import { getJson } from '../../helpers/query-service.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { waitFor } from '../../helpers/wait.js';
import { createTestTable, sharedEndpoint, testDynamoClient, type TestTable } from './helpers/dynamodb.js';
import { Projection, writeWatermarks } from './helpers/projection.js';
import { metricValue, startRoutedService } from './helpers/services.js';

describe('read-router freshness gate', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let client: DynamoDBClient;
  let table: TestTable;
  let postgres: RunningQueryService;
  let service: RunningQueryService;
  let paths: string[];

  before(async function () {
    db = await cloneSeeded();
    client = testDynamoClient();
    table = await createTestTable(client);
    await new Projection(db.pool, client, table.name).snapshot();
    const common = { databaseUrl: db.url, endpoint: sharedEndpoint(), table: table.name };
    postgres = await startRoutedService({ ...common, mode: 'postgres' });
    service = await startRoutedService({
      ...common, mode: 'dynamodb', env: { FRESHNESS_BOUND_MS: '2000', WATERMARK_CACHE_MS: '50', DYNAMODB_TIMEOUT_MS: '30000' },
    });
    const { rows: [r] } = await db.pool.query<{ restaurant_id: string }>('SELECT restaurant_id FROM restaurants ORDER BY name LIMIT 1');
    const id = r?.restaurant_id as string;
    paths = ['/restaurants?limit=5', `/restaurants/${id}`, `/restaurants/${id}/menu`, `/restaurants/${id}/reviews`];
  });

  after(async function () {
    await postgres?.close();
    await service?.close();
    await table?.drop();
    client?.destroy();
    await db?.drop();
  });

  async function sources(): Promise<string[]> {
    const out: string[] = [];
    for (const path of paths) {
      const [served, expected] = await Promise.all([getJson(service.url, path), getJson(postgres.url, path)]);
      expect(served.status, path).to.equal(200);
      expect(served.text, `${path}: same body whoever serves`).to.equal(expected.text);
      out.push(`${served.headers.get('x-data-source')}/${served.headers.get('x-fallback-reason') ?? '-'}`);
    }
    return out;
  }

  it('serves from PostgreSQL with reason stale while no watermark exists', async function () {
    expect(await sources()).to.deep.equal(Array(4).fill('postgres/stale'));
  });

  it('serves from DynamoDB once every table is fresh, and falls back again when one table falls behind', async function () {
    await writeWatermarks(client, table.name, Date.now() + 60_000); // ahead of the clock: fresh for the whole test
    await waitFor(async () => (await sources()).every((s) => s === 'dynamodb/-'), 'DynamoDB to serve every endpoint');
    // Only the reviews' reviewer table falls behind: only the reviews endpoint may fall back.
    await writeWatermarks(client, table.name, Date.now() - 60_000, ['users']);
    const expected = ['dynamodb/-', 'dynamodb/-', 'dynamodb/-', 'postgres/stale'];
    await waitFor(async () => JSON.stringify(await sources()) === JSON.stringify(expected) || undefined, 'only reviews to be stale');
    expect(await metricValue(service.url, 'read_fallbacks_total', { endpoint: 'restaurants.reviews', reason: 'stale' })).to.be.greaterThan(0);
  });

  it('takes the stalest partition of a table as the table\'s watermark', async function () {
    await writeWatermarks(client, table.name, Date.now() + 60_000);
    await waitFor(async () => (await sources()).every((s) => s === 'dynamodb/-'), 'DynamoDB to serve every endpoint');
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    await client.send(new PutItemCommand({
      TableName: table.name, Item: { pk: { S: 'WATERMARK' }, sk: { S: 'menu_items#3' }, _ts: { N: String(Date.now() - 60_000) } },
    }));
    const expected = ['dynamodb/-', 'dynamodb/-', 'postgres/stale', 'dynamodb/-'];
    await waitFor(async () => JSON.stringify(await sources()) === JSON.stringify(expected) || undefined, 'only the menu to be stale');
  });
});
