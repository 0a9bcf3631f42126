/**
 * Fallback and the circuit breaker on real failures: DynamoDB refusing connections (a closed
 * port, a killed dynalite), and hanging (a frozen dynalite). Every client request succeeds with
 * PostgreSQL's body; the reasons go error/timeout → circuit-open; after a restart DynamoDB
 * serves again by itself (a half-open probe closes the circuit).
 */
import { expect } from 'chai';
import type { RunningQueryService } from '../../../services/query/index.js';
import { getJson } from '../../helpers/query-service.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { waitFor } from '../../helpers/wait.js';
import { PrivateDynalite } from '../../helpers/private-dynalite.js';
import { startProjectedDynalite } from './helpers/projection.js';
import { metricValue, startRoutedService } from './helpers/services.js';

// A deadline wide enough that a healthy dynalite on a loaded machine meets it, short enough
// that three timeouts against a frozen one stay well inside a test's time.
const ROUTER_ENV = {
  DYNAMODB_TIMEOUT_MS: '1000',
  CIRCUIT_FAILURE_THRESHOLD: '3',
  CIRCUIT_OPEN_MS: '1000',
  WATERMARK_CACHE_MS: '0',
  FRESHNESS_BOUND_MS: '3600000',
};

describe('read-router fallback and circuit breaker', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let postgres: RunningQueryService;
  let paths: string[];
  const expectedBodies = new Map<string, string>();

  before(async function () {
    db = await cloneSeeded();
    postgres = await startTestQueryServiceOnPostgres();
    const { rows: [r] } = await db.pool.query<{ restaurant_id: string }>('SELECT restaurant_id FROM restaurants ORDER BY name LIMIT 1');
    const id = r?.restaurant_id as string;
    paths = ['/restaurants?limit=5', `/restaurants/${id}`, `/restaurants/${id}/menu`, `/restaurants/${id}/reviews`];
    for (const path of paths) expectedBodies.set(path, (await getJson(postgres.url, path)).text);
  });

  after(async function () {
    await postgres?.close();
    await db?.drop();
  });

  async function startTestQueryServiceOnPostgres(): Promise<RunningQueryService> {
    return startRoutedService({ databaseUrl: db.url, endpoint: 'http://127.0.0.1:9', table: 'unused', mode: 'postgres' });
  }

  /** Every path once; every response must be a 200 with PostgreSQL's body. Returns source/reason per request. */
  async function round(service: RunningQueryService): Promise<string[]> {
    const out: string[] = [];
    for (const path of paths) {
      const response = await getJson(service.url, path);
      expect(response.status, `${path}: ${response.text.slice(0, 200)}`).to.equal(200);
      expect(response.text, path).to.equal(expectedBodies.get(path));
      out.push(`${response.headers.get('x-data-source')}/${response.headers.get('x-fallback-reason') ?? '-'}`);
    }
    return out;
  }

  it('serves from PostgreSQL when DynamoDB refuses connections: error, then circuit-open', async function () {
    // Port 9 (discard) on loopback: nothing listens there.
    const service = await startRoutedService({ databaseUrl: db.url, endpoint: 'http://127.0.0.1:9', table: 'nowhere', mode: 'dynamodb', env: ROUTER_ENV });
    try {
      const seen = [...(await round(service)), ...(await round(service))];
      expect(seen.slice(0, 3)).to.deep.equal(Array(3).fill('postgres/error'));
      expect(seen.slice(3)).to.deep.equal(Array(5).fill('postgres/circuit-open'));
      expect(await metricValue(service.url, 'read_dynamodb_circuit_state', { state: 'open' })).to.equal(1);
      expect(await metricValue(service.url, 'read_requests_total', { source: 'postgres' })).to.equal(8);
    } finally {
      await service.close();
    }
  });

  describe('with a private dynalite that is frozen, killed and restarted', function () {
    let dynalite: PrivateDynalite;
    let service: RunningQueryService;

    before(async function () {
      const projected = await startProjectedDynalite(db.pool, Date.now());
      dynalite = projected.dynalite;
      const table = projected.table;
      service = await startRoutedService({ databaseUrl: db.url, endpoint: dynalite.endpoint, table: table.name, mode: 'dynamodb', env: ROUTER_ENV });
    });

    after(async function () {
      await service?.close();
      await dynalite?.destroy();
    });

    it('serves from DynamoDB while it is healthy', async function () {
      expect(await round(service)).to.deep.equal(Array(4).fill('dynamodb/-'));
      expect(await metricValue(service.url, 'read_fallbacks_total', {})).to.equal(0);
    });

    it('times out on a hung DynamoDB within the deadline, then opens the circuit', async function () {
      dynalite.freeze();
      try {
        // 'timeout' (not a hang, not an error) proves the deadline cut each request short.
        const seen = await round(service);
        expect(seen.slice(0, 3)).to.deep.equal(Array(3).fill('postgres/timeout'));
        expect(seen[3]).to.equal('postgres/circuit-open');
      } finally {
        dynalite.thaw();
      }
      // Thawed: the circuit's probe succeeds and DynamoDB serves again by itself.
      await waitFor(async () => (await round(service)).every((s) => s === 'dynamodb/-'), 'DynamoDB to serve again after thawing');
    });

    it('falls back while dynalite is down and returns to DynamoDB after it restarts, without a failed request', async function () {
      await dynalite.stop();
      const down = [...(await round(service)), ...(await round(service))];
      expect(down.every((s) => s === 'postgres/error' || s === 'postgres/circuit-open'), down.join()).to.equal(true);
      expect(down).to.include('postgres/circuit-open');
      // Still down after the open period: the half-open probe fails and the circuit opens again.
      const probed = await waitFor(async () => {
        const seen = await round(service);
        return seen.includes('postgres/error') ? seen : undefined;
      }, 'a half-open probe after the open period');
      const probeAt = probed.indexOf('postgres/error');
      expect(probed.slice(probeAt + 1)).to.deep.equal(Array(probed.length - probeAt - 1).fill('postgres/circuit-open'));
      await dynalite.restart();
      await waitFor(async () => (await round(service)).every((s) => s === 'dynamodb/-'), 'DynamoDB to serve again after the restart');
      expect(await metricValue(service.url, 'read_dynamodb_circuit_state', { state: 'closed' })).to.equal(1);
      expect(await metricValue(service.url, 'read_fallbacks_total', { reason: 'circuit-open' })).to.be.greaterThan(0);
    });
  });
});
