/**
 * A reader connection that stalls (the network stops forwarding, PostgreSQL never sees the
 * query, so its statement timeout cannot fire) ends in a clean 503 within the service's bound,
 * not a request held forever; when the network heals, the service answers again.
 */
import { expect } from 'chai';
import type { RunningQueryService } from '../../../services/query/index.js';
import { queryTimeoutFor } from '../../../services/shared/database.js';
import { TcpProxy } from '../../faults/helpers/tcp-proxy.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { getJson, startTestQueryService } from '../../helpers/query-service.js';

const STATEMENT_TIMEOUT_MS = 300;

describe('query service: a stalled reader connection', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let proxy: TcpProxy;
  let service: RunningQueryService;

  before(async function () {
    db = await cloneSeeded();
    proxy = await TcpProxy.inFrontOf(db.url);
    service = await startTestQueryService({
      DATABASE_URL: db.url,
      DATABASE_READ_URL: proxy.rewriteUrl(db.url),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DATABASE_POOL_SIZE: '1',
    });
  });

  after(async function () {
    // The proxy first: were a query still stalled, cutting its connection lets the pool close.
    await proxy?.stop();
    await service?.close();
    await db?.drop();
  });

  it('answers 503 DATABASE_UNAVAILABLE on the stalled connection, then 200 after healing', async function () {
    // The pool's one connection is open and idle: the next query goes out on it.
    expect((await getJson(service.url, '/restaurants?limit=1')).status).to.equal(200);
    expect(proxy.connections).to.equal(1);
    await proxy.hang();
    // Without a client-side query timeout this request never ends; the abort marks such a hang.
    const stalled = await getJson(service.url, '/restaurants?limit=1', { signal: AbortSignal.timeout(10 * queryTimeoutFor(STATEMENT_TIMEOUT_MS)) });
    expect(stalled.status, stalled.text).to.equal(503);
    expect(stalled.body).to.deep.equal({ error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable; retry shortly' } });
    expect(stalled.headers.get('retry-after')).to.equal('1');
    await proxy.heal();
    expect((await getJson(service.url, '/restaurants?limit=1')).status).to.equal(200);
  });
});
