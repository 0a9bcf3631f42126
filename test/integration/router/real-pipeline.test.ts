/**
 * The read-router on the real pipeline: PostgreSQL → Debezium → Kafka → the sink → DynamoDB.
 * With the sink caught up, every endpoint served from DynamoDB equals PostgreSQL's answer; with
 * the sink stopped and a change made, routes fall back with `stale` once the bound passes; with
 * the sink running again, DynamoDB serves again by itself and shows the change.
 */
import { expect } from 'chai';
import { canonicalJson } from '../../../services/query/router/canonical-json.js';
import type { RunningQueryService } from '../../../services/query/index.js';
import { startSink, type RunningSink } from '../../../services/sink/index.js';
import { quietLogger } from '../../helpers/postgres.js';
import { getJson, startTestQueryService } from '../../helpers/query-service.js';
import { createTestTable, sinkConfig, useSeededSource, waitUntilExact } from '../../helpers/sink.js';
import { waitFor } from '../../helpers/wait.js';
import { startRoutedService } from './helpers/services.js';

const FAST = { topicRefreshMs: 500, copySettleMs: 1000, fenceRefreshMs: 500, watermarkFlushMs: 200 };
// The seeded source sends a heartbeat every second: a 4 s bound is stale only when the sink stops.
const ROUTER_ENV = { FRESHNESS_BOUND_MS: '4000', WATERMARK_CACHE_MS: '100', DYNAMODB_TIMEOUT_MS: '30000' };

describe('read-router on the real pipeline', function () {
  this.timeout(300_000);
  let postgres: RunningQueryService;
  let routed: RunningQueryService;
  let sink: RunningSink | undefined;
  // Registered before the suite's own hooks: the sink stops before its table and source go.
  after(async () => {
    await sink?.close().catch(() => undefined);
  });
  const suite = useSeededSource(25);

  async function answers(path: string): Promise<{ pg: string; dd: string; source: string | null; reason: string | null }> {
    const [p, d] = await Promise.all([getJson(postgres.url, path), getJson(routed.url, path)]);
    expect(p.status, path).to.equal(d.status);
    return { pg: canonicalJson(p.body), dd: canonicalJson(d.body), source: d.headers.get('x-data-source'), reason: d.headers.get('x-fallback-reason') };
  }

  it('serves every endpoint from DynamoDB equal to PostgreSQL, falls back when the sink stops, and recovers', async () => {
    const config = sinkConfig(suite.source);
    suite.cleanups.push(await createTestTable(suite.dynamo, config.dynamodb.table));
    sink = await startSink(config, quietLogger, { tuning: FAST });
    await waitUntilExact(suite.source, suite.dynamo, config.dynamodb.table);

    postgres = await startTestQueryService({ DATABASE_URL: suite.source.db.url });
    suite.cleanups.push(() => postgres.close());
    routed = await startRoutedService({
      databaseUrl: suite.source.db.url, endpoint: config.dynamodb.endpoint as string, table: config.dynamodb.table, mode: 'dynamodb', env: ROUTER_ENV,
    });
    suite.cleanups.push(() => routed.close());

    const { rows } = await suite.source.db.pool.query<{ restaurant_id: string; city: string }>('SELECT restaurant_id, city FROM restaurants ORDER BY restaurant_id');
    const paths = ['/restaurants?limit=100', '/restaurants?limit=3', `/restaurants?city=${encodeURIComponent(rows[0]!.city)}`, '/restaurants?cuisine=japanese'];
    for (const { restaurant_id: id } of rows) paths.push(`/restaurants/${id}`, `/restaurants/${id}/menu`, `/restaurants/${id}/reviews`);
    // Watermarks follow the heartbeats once the sink has committed everything.
    await waitFor(async () => (await answers(paths[0]!)).source === 'dynamodb' || undefined, 'the route to serve from DynamoDB', { timeoutMs: 30_000 });
    for (const path of paths) {
      const a = await answers(path);
      expect(a.source, `${path} (${a.reason})`).to.equal('dynamodb');
      expect(a.dd, path).to.equal(a.pg);
    }

    // The sink stops; a change is made; once the bound passes, the route says stale and serves PostgreSQL.
    await sink.close();
    sink = undefined;
    const renamed = rows[0]!.restaurant_id;
    await suite.source.db.pool.query(`UPDATE restaurants SET name = 'Renamed While The Sink Was Down' WHERE restaurant_id = $1`, [renamed]);
    const stale = await waitFor(async () => {
      const a = await answers(`/restaurants/${renamed}`);
      return a.reason === 'stale' ? a : undefined;
    }, 'the route to fall back with stale', { timeoutMs: 30_000, intervalMs: 200 });
    expect(stale.source).to.equal('postgres');
    expect(stale.dd, 'the fallback answer is PostgreSQL’s, with the change').to.equal(stale.pg);
    expect(stale.dd).to.contain('Renamed While The Sink Was Down');

    // The sink runs again: it catches up, and DynamoDB serves again by itself, with the change.
    sink = await startSink(config, quietLogger, { tuning: FAST });
    const back = await waitFor(async () => {
      const a = await answers(`/restaurants/${renamed}`);
      return a.source === 'dynamodb' ? a : undefined;
    }, 'DynamoDB to serve again', { timeoutMs: 60_000, intervalMs: 200 });
    expect(back.dd).to.equal(back.pg);
  });
});
