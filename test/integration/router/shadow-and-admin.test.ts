/**
 * Shadow mode on a converged projection reports only matches; an item edited directly in
 * DynamoDB is counted as a mismatch (and the client still gets PostgreSQL's answer). The admin
 * endpoint is off without a token, refuses a missing or wrong token, and changes a route with it.
 */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect } from 'chai';
import type { RunningQueryService } from '../../../services/query/index.js';
import { ENDPOINTS } from '../../../services/shared/config/route-spec.js';
import type { ShadowOutcome } from '../../../services/query/router/types.js';
import { restaurantKey } from '../../../services/model/keys.js';
import { getJson } from '../../helpers/query-service.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { waitFor } from '../../helpers/wait.js';
import { sharedEndpoint, testDynamoClient, type TestTable } from './helpers/dynamodb.js';
import { createProjectedTable } from './helpers/projection.js';
import { metricValue, startRoutedService } from './helpers/services.js';

const SHADOW_OUTCOMES: readonly ShadowOutcome[] = ['match', 'mismatch', 'error', 'skipped_busy', 'skipped_stale', 'skipped_circuit_open'];
const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

describe('read-router shadow mode and admin endpoint', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let client: DynamoDBClient;
  let table: TestTable;
  let ids: string[];

  before(async function () {
    db = await cloneSeeded();
    client = testDynamoClient();
    table = await createProjectedTable(db.pool, client, Date.now() + 3_600_000);
    ids = (await db.pool.query<{ restaurant_id: string }>('SELECT restaurant_id FROM restaurants ORDER BY name LIMIT 10')).rows.map((r) => r.restaurant_id);
  });

  after(async function () {
    await table?.drop();
    client?.destroy();
    await db?.drop();
  });

  const common = () => ({ databaseUrl: db.url, endpoint: sharedEndpoint(), table: table.name });
  const shadowed = (url: string, outcome: string) => metricValue(url, 'read_shadow_comparisons_total', { outcome });

  describe('shadow', function () {
    let service: RunningQueryService;
    before(async function () {
      // Wide deadline, breaker and concurrency: this test is about what is compared, and on a
      // loaded CI machine a shadow read of a 100-restaurant page can outlast a tight deadline.
      service = await startRoutedService({
        ...common(), mode: 'shadow',
        env: { DYNAMODB_TIMEOUT_MS: '30000', CIRCUIT_FAILURE_THRESHOLD: '1000', SHADOW_CONCURRENCY: '1000' },
      });
    });
    after(async function () {
      await service?.close();
    });

    it('serves from PostgreSQL and counts zero mismatches on a converged store', async function () {
      const paths = ['/restaurants', '/restaurants?limit=100', ...ids.flatMap((id) => [`/restaurants/${id}`, `/restaurants/${id}/menu`, `/restaurants/${id}/reviews`])];
      for (const path of paths) {
        const response = await getJson(service.url, path);
        expect(response.status).to.equal(200);
        expect(response.headers.get('x-data-source')).to.equal('postgres');
        expect(response.headers.get('x-fallback-reason')).to.equal(null);
      }
      // Wait for every comparison to finish, whatever its outcome, then say which outcomes occurred.
      const outcomes = async () => Object.fromEntries(await Promise.all(SHADOW_OUTCOMES.map(async (o) => [o, await shadowed(service.url, o)] as const)));
      const settled = await waitFor(async () => {
        const counts = await outcomes();
        return Object.values(counts).reduce((a, b) => a + b, 0) >= paths.length ? counts : undefined;
      }, `${paths.length} shadow comparisons`, { timeoutMs: 60_000 });
      expect(settled).to.deep.equal({ ...Object.fromEntries(SHADOW_OUTCOMES.map((o) => [o, 0])), match: paths.length });
      for (const endpoint of ENDPOINTS) {
        expect(await metricValue(service.url, 'read_shadow_comparisons_total', { endpoint, outcome: 'match' }), endpoint).to.be.greaterThan(0);
      }
    });

    it('counts a mismatch when an item is edited directly in DynamoDB', async function () {
      const id = ids[0] as string;
      const key = restaurantKey(id);
      await client.send(new UpdateItemCommand({
        TableName: table.name, Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        UpdateExpression: 'SET #d = :d', ExpressionAttributeNames: { '#d': 'description' }, ExpressionAttributeValues: { ':d': { S: 'edited behind the sink' } },
      }));
      const before = await metricValue(service.url, 'read_shadow_comparisons_total', { endpoint: 'restaurants.get', outcome: 'mismatch' });
      const response = await getJson(service.url, `/restaurants/${id}`);
      expect((response.body as { description: unknown }).description).to.not.equal('edited behind the sink');
      await waitFor(async () => (await metricValue(service.url, 'read_shadow_comparisons_total', { endpoint: 'restaurants.get', outcome: 'mismatch' })) === before + 1 || undefined, 'the mismatch to be counted');
      // The menu of the same restaurant does not show the description: still a match.
      const menuMatches = () => metricValue(service.url, 'read_shadow_comparisons_total', { endpoint: 'restaurants.menu', outcome: 'match' });
      const menuBefore = await menuMatches();
      await getJson(service.url, `/restaurants/${id}/menu`);
      await waitFor(async () => (await menuMatches()) === menuBefore + 1 || undefined, 'the menu comparison to match');
      expect(await metricValue(service.url, 'read_shadow_comparisons_total', { endpoint: 'restaurants.menu', outcome: 'mismatch' })).to.equal(0);
    });
  });

  describe('admin endpoint', function () {
    it('does not exist without ADMIN_TOKEN', async function () {
      const service = await startRoutedService({ ...common(), mode: 'postgres' });
      try {
        for (const method of ['GET', 'PUT']) {
          const response = await getJson(service.url, '/admin/routes', { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
          expect(response.status, method).to.equal(404);
          expect((response.body as { error: { code: string } }).error.code).to.equal('NOT_FOUND');
        }
      } finally {
        await service.close();
      }
    });

    it('refuses a missing or wrong token with 401, and changes a route with the right one', async function () {
      const service = await startRoutedService({ ...common(), mode: 'postgres', env: { ADMIN_TOKEN } });
      try {
        const id = ids[1] as string;
        const put = (authorization: string | undefined, body: unknown) => getJson(service.url, '/admin/routes', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(body),
        });
        for (const authorization of [undefined, `Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, ADMIN_TOKEN, `Basic ${ADMIN_TOKEN}`]) {
          const response = await put(authorization, { 'restaurants.get': 'dynamodb' });
          expect(response.status, String(authorization)).to.equal(401);
          expect((response.body as { error: { code: string } }).error.code).to.equal('UNAUTHORIZED');
          expect(response.headers.get('www-authenticate')).to.match(/^Bearer/);
          expect(response.text).to.not.include(ADMIN_TOKEN);
        }
        expect((await getJson(service.url, `/restaurants/${id}`)).headers.get('x-data-source')).to.equal('postgres');

        const bad = await put(`Bearer ${ADMIN_TOKEN}`, { 'restaurants.get': 'mongodb' });
        expect(bad.status).to.equal(400);
        const changed = await put(`Bearer ${ADMIN_TOKEN}`, { 'restaurants.get': 'dynamodb' });
        expect(changed.status).to.equal(200);
        expect(changed.body).to.deep.equal({
          routes: { 'restaurants.list': 'postgres', 'restaurants.get': 'dynamodb', 'restaurants.menu': 'postgres', 'restaurants.reviews': 'postgres' },
        });
        const served = await getJson(service.url, `/restaurants/${id}`);
        expect(served.headers.get('x-data-source')).to.equal('dynamodb');
        expect((await getJson(service.url, `/restaurants/${id}/menu`)).headers.get('x-data-source')).to.equal('postgres');
        const read = await getJson(service.url, '/admin/routes', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(read.body).to.deep.equal(changed.body);
      } finally {
        await service.close();
      }
    });
  });
});
