/** Health, readiness, metrics, the OpenAPI document, the reader endpoint and graceful shutdown. */
import { expect } from 'chai';
import pg from 'pg';
import { cloneSeeded, serverUrl, type TestDatabase } from '../../helpers/postgres.js';
import { getJson, startTestQueryService } from '../../helpers/query-service.js';
import { waitFor } from '../../helpers/wait.js';
import type { RunningQueryService } from '../../../services/query/index.js';

describe('query service operations', function () {
  let db: TestDatabase;

  before(async function () {
    db = await cloneSeeded();
  });

  after(async function () {
    await db?.drop();
  });

  describe('with a reachable database', function () {
    let service: RunningQueryService;

    before(async function () {
      service = await startTestQueryService({ DATABASE_URL: db.url });
    });

    after(async function () {
      await service?.close();
    });

    it('/healthz and /readyz answer 200', async function () {
      expect((await getJson(service.url, '/healthz')).body).to.deep.equal({ status: 'ok' });
      expect((await getJson(service.url, '/readyz')).body).to.deep.equal({ status: 'ready' });
    });

    it('/metrics has request durations by route and status, and pool usage', async function () {
      await getJson(service.url, '/restaurants?limit=1');
      await getJson(service.url, '/restaurants/not-a-uuid');
      const text = await (await fetch(`${service.url}/metrics`)).text();
      expect(text).to.match(/http_request_duration_seconds_count\{method="GET",route="\/restaurants",status="200"\} [1-9]/);
      expect(text).to.match(/http_request_duration_seconds_count\{method="GET",route="\/restaurants\/:id",status="400"\} [1-9]/);
      expect(text).to.match(/db_pool_connections\{pool="read",state="total"\} [1-9]/);
      expect(text).to.match(/analytics_events_total\{outcome="dropped"\} [1-9]/);
    });

    it('/openapi.json is an OpenAPI 3.1 document of the four endpoints', async function () {
      const { body } = await getJson(service.url, '/openapi.json');
      const doc = body as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).to.equal('3.1.0');
      expect(Object.keys(doc.paths).sort()).to.deep.equal([
        '/restaurants', '/restaurants/{id}', '/restaurants/{id}/menu', '/restaurants/{id}/reviews',
      ]);
    });
  });

  it('reads from DATABASE_READ_URL when it is set', async function () {
    // The writer URL names a database that does not exist: only the reader can answer.
    const service = await startTestQueryService({ DATABASE_URL: serverUrl('no_such_database_xyz'), DATABASE_READ_URL: db.url });
    try {
      const response = await getJson(service.url, '/restaurants?limit=3');
      expect(response.status).to.equal(200);
      expect(response.body).to.have.length(3);
    } finally {
      await service.close();
    }
  });

  it('answers 503 DATABASE_UNAVAILABLE (no internals) and /readyz 503 when the database is unreachable', async function () {
    const service = await startTestQueryService({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' });
    try {
      const response = await getJson(service.url, '/restaurants');
      expect(response.status).to.equal(503);
      expect(response.body).to.deep.equal({ error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable; retry shortly' } });
      expect((await getJson(service.url, '/readyz')).status).to.equal(503);
    } finally {
      await service.close();
    }
  });

  it('graceful shutdown finishes an in-flight request before closing', async function () {
    const service = await startTestQueryService({ DATABASE_URL: db.url });
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    try {
      // Hold a lock so the request is provably in flight (waiting in PostgreSQL) when shutdown starts.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE restaurants IN ACCESS EXCLUSIVE MODE');
      const inFlight = getJson(service.url, '/restaurants?limit=2');
      await waitFor(async () => {
        const { rows } = await db.pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'bellyfed-query' AND wait_event_type = 'Lock'`,
        );
        return rows.length > 0;
      }, 'the request to wait on the lock');
      const closed = service.close();
      let closedEarly = false;
      void closed.then(() => (closedEarly = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(closedEarly, 'close waits for the in-flight request').to.equal(false);
      await locker.query('COMMIT');
      const response = await inFlight;
      expect(response.status).to.equal(200);
      expect(response.body).to.have.length(2);
      await closed;
      const refused = await fetch(`${service.url}/healthz`).then(() => 'answered', () => 'refused');
      expect(refused).to.equal('refused');
    } finally {
      await locker.end();
    }
  });
});
