/** What a client sends can never produce a 500 or leak internals: every bad request is a 4xx JSON error. */
import { expect } from 'chai';
import { apiClient } from '../../helpers/api-client.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { startTestQueryService } from '../../helpers/query-service.js';
import type { RunningQueryService } from '../../../services/query/index.js';

const INTERNALS = /stack|at [A-Za-z]+ \(|node_modules|SELECT|syntax error|pg_|postgres(ql)?:\/\//i;

describe('read API: bad and hostile input', function () {
  let db: TestDatabase;
  let service: RunningQueryService;
  let api: ReturnType<typeof apiClient>;
  let someId: string;

  before(async function () {
    db = await cloneSeeded();
    service = await startTestQueryService({ DATABASE_URL: db.url });
    api = apiClient(service.url);
    someId = (await db.pool.query('SELECT restaurant_id FROM restaurants LIMIT 1')).rows[0].restaurant_id;
  });

  after(async function () {
    await service?.close();
    await db?.drop();
  });

  const cases: Array<[string, number, string]> = [
    ['/restaurants?town=Paris', 400, 'UNKNOWN_PARAMETER'],
    ['/restaurants?city=Paris&city=Tokyo', 400, 'INVALID_PARAMETER'],
    ['/restaurants?limit=0', 400, 'INVALID_PARAMETER'],
    ['/restaurants?limit=101', 400, 'INVALID_PARAMETER'],
    ['/restaurants?limit=-1', 400, 'INVALID_PARAMETER'],
    ['/restaurants?limit=1e2', 400, 'INVALID_PARAMETER'],
    ['/restaurants?limit=99999999999999999999999999', 400, 'INVALID_PARAMETER'],
    ['/restaurants?limit=', 400, 'INVALID_PARAMETER'],
    ['/restaurants?cursor=garbage!', 400, 'INVALID_CURSOR'],
    ['/restaurants?cursor=eyJ2IjoyfQ', 400, 'INVALID_CURSOR'],
    [`/restaurants?cursor=${Buffer.from('{"v":1,"n":"x","i":"1; DROP TABLE restaurants"}').toString('base64url')}`, 400, 'INVALID_CURSOR'],
    [`/restaurants?cursor=${'A'.repeat(5000)}`, 400, 'INVALID_CURSOR'],
    ['/restaurants?cuisine=Japanese', 400, 'INVALID_PARAMETER'],
    ["/restaurants?cuisine=x'%20OR%201=1--", 400, 'INVALID_PARAMETER'],
    ['/restaurants?city=%00', 400, 'INVALID_PARAMETER'],
    [`/restaurants?city=${'x'.repeat(10_000)}`, 400, 'INVALID_PARAMETER'],
    ['/restaurants?city=', 400, 'INVALID_PARAMETER'],
    ['/restaurants?city[a]=b', 400, 'UNKNOWN_PARAMETER'],
    ['/restaurants/not-a-uuid', 400, 'INVALID_PARAMETER'],
    ["/restaurants/1'%20OR%20'1'='1", 400, 'INVALID_PARAMETER'],
    ['/restaurants/99999999999999999999', 400, 'INVALID_PARAMETER'],
    ['/restaurants/%E0%A4%A', 400, 'BAD_REQUEST'],
    ['/restaurants/00000000-0000-4000-8000-000000000000?x=1', 400, 'UNKNOWN_PARAMETER'],
    ['/restaurants/00000000-0000-4000-8000-000000000000/menu?limit=5', 400, 'UNKNOWN_PARAMETER'],
    ['/restaurants/00000000-0000-4000-8000-000000000000/reviews?cursor=a', 400, 'UNKNOWN_PARAMETER'],
    ['/restaurants/00000000-0000-4000-8000-000000000000/photos', 404, 'NOT_FOUND'],
    ['/nope', 404, 'NOT_FOUND'],
    ['/restaurants/00000000-0000-4000-8000-000000000000', 404, 'NOT_FOUND'],
  ];

  for (const [path, status, code] of cases) {
    it(`${path.length > 80 ? `${path.slice(0, 80)}…` : path} → ${status} ${code}`, async function () {
      const response = await api(path);
      expect(response.status, response.text).to.equal(status);
      expect((response.body as { error: { code: string } }).error.code).to.equal(code);
      expect(Object.keys(response.body as object)).to.deep.equal(['error']);
      expect(response.text).to.not.match(INTERNALS);
    });
  }

  it('a city with quotes, unicode and SQL in it is data, not SQL', async function () {
    for (const city of ["O'Brien\"; DROP TABLE restaurants; --", 'Zürich 🍣', '\\', '%', '_']) {
      const response = await api(`/restaurants?city=${encodeURIComponent(city)}`);
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal([]);
    }
    expect((await db.pool.query('SELECT count(*)::int AS n FROM restaurants')).rows[0].n).to.be.greaterThan(0);
  });

  it('other methods on known paths give 405 with Allow', async function () {
    const response = await api(`/restaurants/${someId}`, { method: 'DELETE' });
    expect(response.status).to.equal(405);
    expect(response.headers.get('allow')).to.equal('GET, HEAD');
    expect((response.body as { error: { code: string } }).error.code).to.equal('METHOD_NOT_ALLOWED');
  });

  it('a request body or odd headers change nothing', async function () {
    const response = await api('/restaurants?limit=1', {
      method: 'GET',
      headers: { 'content-type': 'application/json', 'x-request-id': '<script>' },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sane X-Request-Id', async function () {
    const response = await api('/restaurants?limit=1', { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers.get('x-request-id')).to.equal('abc-123');
  });
});
