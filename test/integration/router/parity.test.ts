/**
 * Parity: the DynamoDB route answers exactly what the PostgreSQL route answers. A random table
 * is built from a seeded database through the sink's transform; then a large sample of requests
 * (every filter combination, whole result sets paged through, every restaurant's detail, menu
 * and reviews, absent restaurants) is sent to a service routed to PostgreSQL and one routed to
 * DynamoDB, and the bodies, statuses and Link headers must be identical. Then PostgreSQL is
 * changed (inserts, updates, deletes, renames, key moves), the same changes reach DynamoDB as
 * streamed events, and everything is compared again.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect } from 'chai';
import type { RunningQueryService } from '../../../services/query/index.js';
import { canonicalJson } from '../../../services/query/router/canonical-json.js';
import { getJson } from '../../helpers/query-service.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { createTestTable, sharedEndpoint, testDynamoClient, type TestTable } from './helpers/dynamodb.js';
import { Projection, writeWatermarks } from './helpers/projection.js';
import { startRoutedService } from './helpers/services.js';

const ABSENT = '00000000-0000-4000-8000-000000000000';

describe('read-router parity: DynamoDB answers what PostgreSQL answers', function () {
  this.timeout(300_000);
  let db: TestDatabase;
  let client: DynamoDBClient;
  let table: TestTable;
  let projection: Projection;
  let postgres: RunningQueryService;
  let dynamodb: RunningQueryService;

  before(async function () {
    db = await cloneSeeded();
    client = testDynamoClient();
    table = await createTestTable(client);
    projection = new Projection(db.pool, client, table.name);
    await projection.snapshot();
    await writeWatermarks(client, table.name, Date.now());
    const common = { databaseUrl: db.url, endpoint: sharedEndpoint(), table: table.name };
    // The gate is tested elsewhere: here the projection must count as fresh for the whole run.
    const env = { FRESHNESS_BOUND_MS: '3600000', DYNAMODB_TIMEOUT_MS: '30000' };
    postgres = await startRoutedService({ ...common, mode: 'postgres', env });
    dynamodb = await startRoutedService({ ...common, mode: 'dynamodb', env });
  });

  after(async function () {
    await postgres?.close();
    await dynamodb?.close();
    await table?.drop();
    client?.destroy();
    await db?.drop();
  });

  let compared = 0;

  /** One request to both; returns PostgreSQL's response. */
  async function compare(path: string): Promise<{ status: number; body: unknown; link: string | null }> {
    const [p, d] = await Promise.all([getJson(postgres.url, path), getJson(dynamodb.url, path)]);
    expect(p.headers.get('x-data-source'), path).to.equal('postgres');
    expect(d.headers.get('x-data-source'), `${path}: ${d.headers.get('x-fallback-reason')}`).to.equal('dynamodb');
    expect(d.headers.get('x-fallback-reason'), path).to.equal(null);
    expect(d.status, `${path}: ${d.text.slice(0, 300)}`).to.equal(p.status);
    expect(d.headers.get('link'), `${path} Link`).to.equal(p.headers.get('link'));
    expect(canonicalJson(d.body), path).to.equal(canonicalJson(p.body));
    // Stronger than the contract (canonical order): the very same bytes.
    expect(d.text, `${path} bytes`).to.equal(p.text);
    compared++;
    return { status: p.status, body: p.body, link: p.headers.get('link') };
  }

  /** Follows PostgreSQL's Link headers (each page compared on both stores) to the end. */
  async function comparePages(firstPath: string): Promise<string[]> {
    const ids: string[] = [];
    let path: string | undefined = firstPath;
    for (let pages = 0; path !== undefined; pages++) {
      if (pages > 500) throw new Error(`too many pages from ${firstPath}`);
      const page = await compare(path);
      expect(page.status, path).to.equal(200);
      ids.push(...(page.body as { id: string }[]).map((r) => r.id));
      path = page.link ? /^<([^>]+)>; rel="next"$/.exec(page.link)?.[1] : undefined;
    }
    return ids;
  }

  async function facts() {
    const { rows: cities } = await db.pool.query<{ city: string }>('SELECT DISTINCT city FROM restaurants ORDER BY 1');
    const { rows: cuisines } = await db.pool.query<{ slug: string }>(`SELECT slug FROM categories WHERE kind = 'cuisine' ORDER BY 1`);
    const { rows: restaurants } = await db.pool.query<{ id: string; reviews: number; items: number; name: string }>(
      `SELECT r.restaurant_id AS id, r.name,
         (SELECT count(*) FROM reviews v WHERE v.restaurant_id = r.restaurant_id) AS reviews,
         (SELECT count(*) FROM menu_items m WHERE m.restaurant_id = r.restaurant_id) AS items
       FROM restaurants r`,
    );
    return { cities: cities.map((c) => c.city), cuisines: cuisines.map((c) => c.slug), restaurants };
  }

  async function compareEverything(): Promise<void> {
    const { cities, cuisines, restaurants } = await facts();
    const all = await comparePages('/restaurants?limit=100');
    expect(all).to.have.length(restaurants.length);
    for (const limit of [1, 7, 20]) expect(await comparePages(`/restaurants?limit=${limit}`)).to.deep.equal(all);
    await compare('/restaurants');
    for (const city of [...cities, 'Atlantis']) await comparePages(`/restaurants?city=${encodeURIComponent(city)}&limit=3`);
    for (const cuisine of [...cuisines, 'no-such-cuisine']) {
      await comparePages(`/restaurants?cuisine=${cuisine}&limit=4`);
      for (const city of [...cities, 'Atlantis']) await comparePages(`/restaurants?city=${encodeURIComponent(city)}&cuisine=${cuisine}&limit=2`);
    }
    for (const { id } of restaurants) {
      await compare(`/restaurants/${id}`);
      await compare(`/restaurants/${id}/menu`);
      await compare(`/restaurants/${id}/reviews`);
    }
    for (const path of [`/restaurants/${ABSENT}`, `/restaurants/${ABSENT}/menu`, `/restaurants/${ABSENT}/reviews`]) {
      expect((await compare(path)).status).to.equal(404);
    }
  }

  it('answers a large sample of requests identically on a freshly built projection', async function () {
    const { restaurants } = await facts();
    // The sample must hold the hard cases, or this test proves less than it says.
    expect(restaurants.some((r) => r.reviews > 50), 'a restaurant past the 50-review cut').to.equal(true);
    expect(restaurants.some((r) => /[^\x00-\x7f]/.test(r.name)), 'a unicode name').to.equal(true);
    await compareEverything();
    expect(compared).to.be.greaterThan(400);
  });

  it('answers identically after inserts, updates, deletes, renames and key moves reach DynamoDB as streamed changes', async function () {
    const { rows: [target] } = await db.pool.query<{ restaurant_id: string }>(
      `SELECT restaurant_id FROM restaurants r WHERE EXISTS (SELECT 1 FROM menu_items m WHERE m.restaurant_id = r.restaurant_id)
         AND EXISTS (SELECT 1 FROM restaurant_categories rc WHERE rc.restaurant_id = r.restaurant_id) ORDER BY name LIMIT 1`,
    );
    const { rows: [busy] } = await db.pool.query<{ restaurant_id: string }>(
      `SELECT restaurant_id FROM reviews GROUP BY restaurant_id HAVING count(*) > 55 LIMIT 1`,
    );
    const { rows: [doomed] } = await db.pool.query<{ restaurant_id: string }>(
      `SELECT restaurant_id FROM restaurants WHERE restaurant_id NOT IN ($1, $2) ORDER BY restaurant_id DESC LIMIT 1`,
      [target?.restaurant_id, busy?.restaurant_id],
    );
    expect(target && busy && doomed, 'restaurants to change').to.not.equal(undefined);
    const newId = '7f0e0a1c-0000-4000-8000-00000000beef';
    await db.pool.query(`
      INSERT INTO restaurants (restaurant_id, name, city, address_line, country_code, price_level, opening_hours, dietary_flags)
      VALUES ('${newId}', 'Ωmega 東京 🍜 Ab', 'Zürich', 'Bahnhofstr. 1', 'CH', 3, '{"sun":[],"mon":[{"open":"09:00","close":"17:00"}]}', '{vegan}');
      INSERT INTO restaurant_categories (restaurant_id, category_id)
        SELECT '${newId}', category_id FROM categories WHERE kind = 'cuisine' ORDER BY slug LIMIT 2;
      -- rename (listing order moves) and city change (the by-city key moves)
      UPDATE restaurants SET name = 'Zzz ' || name, city = 'Zürich' WHERE restaurant_id = '${target?.restaurant_id}';
      -- a menu item moves to another restaurant and position; another changes price
      UPDATE menu_items SET restaurant_id = '${busy?.restaurant_id}', position = 0, price = 1.50
        WHERE item_id = (SELECT item_id FROM menu_items WHERE restaurant_id = '${target?.restaurant_id}' ORDER BY position LIMIT 1);
      UPDATE menu_items SET price = price + 0.10, description = NULL WHERE restaurant_id = '${busy?.restaurant_id}' AND position > 0;
      -- the newest review moves back in time (out of the 50), an old one becomes the newest
      UPDATE reviews SET created_at = '2001-01-01T00:00:00.000001Z' WHERE review_id =
        (SELECT review_id FROM reviews WHERE restaurant_id = '${busy?.restaurant_id}' ORDER BY created_at DESC, review_id DESC LIMIT 1);
      UPDATE reviews SET created_at = now(), rating = 1, title = NULL WHERE review_id =
        (SELECT review_id FROM reviews WHERE restaurant_id = '${busy?.restaurant_id}' ORDER BY created_at, review_id LIMIT 1);
      DELETE FROM reviews WHERE review_id IN
        (SELECT review_id FROM reviews WHERE restaurant_id = '${busy?.restaurant_id}' ORDER BY created_at DESC LIMIT 3 OFFSET 5);
      -- a reviewer renames (a copy on many reviews), a category renames and changes slug (cuisine keys move)
      UPDATE users SET display_name = 'Renamé ' || display_name WHERE user_id =
        (SELECT user_id FROM reviews WHERE restaurant_id = '${busy?.restaurant_id}' ORDER BY created_at DESC LIMIT 1);
      UPDATE categories SET name = name || ' (new)', slug = slug || '-new'
        WHERE category_id = (SELECT category_id FROM categories WHERE kind = 'cuisine' ORDER BY slug LIMIT 1);
      -- a restaurant and everything that hangs off it goes
      DELETE FROM restaurants WHERE restaurant_id = '${doomed?.restaurant_id}';
    `);
    const { events } = await projection.sync();
    expect(events).to.be.greaterThan(10);
    const before = compared;
    await compareEverything();
    expect(compared - before).to.be.greaterThan(400);
    // The new restaurant has no menu and no reviews: both stores say [] (not 404).
    expect((await compare(`/restaurants/${newId}/menu`)).body).to.deep.equal([]);
    expect((await compare(`/restaurants/${newId}/reviews`)).body).to.deep.equal([]);
    expect((await compare(`/restaurants/${doomed?.restaurant_id}`)).status).to.equal(404);
  });

  it('accepts the other store\'s cursor, and refuses a cursor no store can encode with 400 INVALID_CURSOR on both', async function () {
    const first = await compare('/restaurants?limit=5');
    const next = /^<([^>]+)>; rel="next"$/.exec(first.link ?? '')?.[1] as string;
    // The same cursor text on both services gives the same page (compare() checks the bodies).
    await compare(next);
    const cursor = Buffer.from(JSON.stringify({ v: 1, n: 'Ab\u0001c', i: ABSENT })).toString('base64url');
    for (const service of [postgres, dynamodb]) {
      const response = await getJson(service.url, `/restaurants?cursor=${cursor}`);
      expect(response.status).to.equal(400);
      expect((response.body as { error: { code: string } }).error.code).to.equal('INVALID_CURSOR');
    }
  });
});
