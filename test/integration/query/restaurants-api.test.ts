/**
 * The read API against the real PostgreSQL: each endpoint's answer equals what independent SQL
 * (with the ordering done here, in JS, by UTF-8 bytes) says it must be.
 */
import { expect } from 'chai';
import { apiClient, allPages } from '../../helpers/api-client.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { startTestQueryService } from '../../helpers/query-service.js';
import type { RunningQueryService } from '../../../services/query/index.js';

interface Row {
  restaurant_id: string;
  name: string;
  city: string;
}

function byteOrder(a: Row, b: Row): number {
  return Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8')) || (a.restaurant_id < b.restaurant_id ? -1 : a.restaurant_id > b.restaurant_id ? 1 : 0);
}

const ids = (pages: unknown[][]) => pages.flat().map((r) => (r as { id: string }).id);

describe('read API on PostgreSQL', function () {
  let db: TestDatabase;
  let service: RunningQueryService;
  let api: ReturnType<typeof apiClient>;
  let restaurants: Row[];

  before(async function () {
    db = await cloneSeeded();
    service = await startTestQueryService({ DATABASE_URL: db.url });
    api = apiClient(service.url);
    restaurants = (await db.pool.query<Row>('SELECT restaurant_id, name, city FROM restaurants')).rows.sort(byteOrder);
  });

  after(async function () {
    await service?.close();
    await db?.drop();
  });

  async function cuisineMembers(slug: string): Promise<Set<string>> {
    const { rows } = await db.pool.query<{ restaurant_id: string }>(
      `SELECT rc.restaurant_id FROM restaurant_categories rc JOIN categories c USING (category_id) WHERE c.kind = 'cuisine' AND c.slug = $1`,
      [slug],
    );
    return new Set(rows.map((r) => r.restaurant_id));
  }

  describe('GET /restaurants', function () {
    it('pages through every restaurant in byte order of name, then id, without skipping or repeating', async function () {
      for (const limit of [1, 7, 20, 100]) {
        const pages = await allPages(api, `/restaurants?limit=${limit}`);
        expect(ids(pages), `limit ${limit}`).to.deep.equal(restaurants.map((r) => r.restaurant_id));
        expect(pages.slice(0, -1).every((p) => p.length === limit), 'every page but the last is full').to.equal(true);
      }
    });

    it('defaults to 20 per page and sends a Link to the next page', async function () {
      const first = await api('/restaurants');
      expect(first.body).to.have.length(20);
      expect(first.headers.get('x-data-source')).to.equal('postgres');
      expect(first.headers.get('link')).to.match(/^<\/restaurants\?limit=20&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    });

    it('filters by city, by cuisine, and by both, each equal to independent SQL', async function () {
      const cities = [...new Set(restaurants.map((r) => r.city))];
      const { rows: cuisines } = await db.pool.query<{ slug: string }>(`SELECT slug FROM categories WHERE kind = 'cuisine'`);
      expect(cities.length).to.be.greaterThan(2);
      for (const city of [...cities, 'Atlantis']) {
        const pages = await allPages(api, `/restaurants?city=${encodeURIComponent(city)}&limit=5`);
        expect(ids(pages), city).to.deep.equal(restaurants.filter((r) => r.city === city).map((r) => r.restaurant_id));
      }
      let combinationsWithResults = 0;
      for (const { slug } of cuisines) {
        const members = await cuisineMembers(slug);
        const pages = await allPages(api, `/restaurants?cuisine=${slug}&limit=4`);
        expect(ids(pages), slug).to.deep.equal(restaurants.filter((r) => members.has(r.restaurant_id)).map((r) => r.restaurant_id));
        for (const city of cities.slice(0, 3)) {
          const both = await allPages(api, `/restaurants?cuisine=${slug}&city=${encodeURIComponent(city)}&limit=3`);
          const expected = restaurants.filter((r) => members.has(r.restaurant_id) && r.city === city).map((r) => r.restaurant_id);
          expect(ids(both), `${slug} in ${city}`).to.deep.equal(expected);
          if (expected.length > 0) combinationsWithResults += 1;
        }
      }
      expect(combinationsWithResults, 'some city+cuisine combinations have results').to.be.greaterThan(3);
    });

    it('an unknown cuisine or city gives an empty array, not an error', async function () {
      for (const path of ['/restaurants?cuisine=martian', '/restaurants?city=Nowhere']) {
        const response = await api(path);
        expect(response.status).to.equal(200);
        expect(response.body).to.deep.equal([]);
        expect(response.headers.get('link')).to.equal(null);
      }
    });

    it('keyset pages stay consistent when a restaurant is added between two pages', async function () {
      const first = await api('/restaurants?limit=10');
      const next = /^<([^>]+)>/.exec(first.headers.get('link') ?? '')?.[1] as string;
      const lastSeen = (first.body as { name: string }[])[9] as { name: string };
      // A name sorting before every name already seen: keyset pagination must not shift the next page.
      await db.pool.query(
        `INSERT INTO restaurants (restaurant_id, name, city, address_line, country_code, price_level)
         VALUES ('00000000-0000-4000-8000-000000000001', ' A first', 'Paris', '1 Rue', 'FR', 2)`,
      );
      try {
        const second = await api(next);
        const expected = restaurants.map((r) => r.restaurant_id).slice(10, 20);
        expect(ids([second.body as unknown[]])).to.deep.equal(expected);
        expect((second.body as { name: string }[])[0]?.name).to.not.equal(lastSeen.name);
      } finally {
        await db.pool.query(`DELETE FROM restaurants WHERE restaurant_id = '00000000-0000-4000-8000-000000000001'`);
      }
    });
  });

  describe('GET /restaurants/{id}', function () {
    it('returns the restaurant with its categories, equal to independent SQL', async function () {
      for (const { restaurant_id: id } of restaurants.filter((_, i) => i % 6 === 0)) {
        const { rows } = await db.pool.query(
          `SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created,
                  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated
           FROM restaurants WHERE restaurant_id = $1`,
          [id],
        );
        const r = rows[0];
        const { rows: categories } = await db.pool.query(
          `SELECT c.category_id AS id, c.kind, c.slug, c.name FROM restaurant_categories rc JOIN categories c USING (category_id)
           WHERE rc.restaurant_id = $1`,
          [id],
        );
        categories.sort((a, b) => (a.kind + '\u0000' + a.slug < b.kind + '\u0000' + b.slug ? -1 : 1));
        const response = await api(`/restaurants/${id}`);
        expect(response.status).to.equal(200);
        expect(response.headers.get('x-data-source')).to.equal('postgres');
        expect(response.body).to.deep.equal({
          id,
          name: r.name,
          city: r.city,
          address: { line: r.address_line, postalCode: r.postal_code, countryCode: r.country_code },
          location: r.latitude === null ? null : { latitude: r.latitude, longitude: r.longitude },
          priceLevel: r.price_level,
          dietaryFlags: r.dietary_flags,
          description: r.description,
          phone: r.phone,
          website: r.website,
          openingHours: r.opening_hours,
          categories,
          createdAt: r.created,
          updatedAt: r.updated,
        });
      }
    });

    it('accepts an upper-case UUID for the same restaurant', async function () {
      const id = restaurants[0]?.restaurant_id as string;
      const response = await api(`/restaurants/${id.toUpperCase()}`);
      expect(response.status).to.equal(200);
      expect((response.body as { id: string }).id).to.equal(id);
    });

    it('404 with a JSON error for an absent restaurant', async function () {
      const response = await api('/restaurants/00000000-0000-4000-8000-00000000dead');
      expect(response.status).to.equal(404);
      expect(response.body).to.deep.equal({
        error: { code: 'NOT_FOUND', message: 'restaurant 00000000-0000-4000-8000-00000000dead does not exist' },
      });
    });
  });

  describe('GET /restaurants/{id}/menu', function () {
    it('lists the items by position, with exact decimal prices, equal to independent SQL', async function () {
      for (const { restaurant_id: id } of restaurants.filter((_, i) => i % 5 === 0)) {
        const { rows } = await db.pool.query(
          `SELECT item_id AS id, section, position, name, description, price::text AS price, currency,
                  is_available AS "isAvailable", dietary_flags AS "dietaryFlags"
           FROM menu_items WHERE restaurant_id = $1 ORDER BY position, item_id`,
          [id],
        );
        const response = await api(`/restaurants/${id}/menu`);
        expect(response.status).to.equal(200);
        expect(response.body).to.deep.equal(rows);
      }
    });

    it('gives [] for a restaurant without a menu and 404 for an absent one', async function () {
      const { rows } = await db.pool.query(
        `SELECT restaurant_id FROM restaurants r WHERE NOT EXISTS (SELECT 1 FROM menu_items m WHERE m.restaurant_id = r.restaurant_id) LIMIT 1`,
      );
      const withoutMenu = rows[0]?.restaurant_id ?? (await db.pool.query(`DELETE FROM menu_items WHERE restaurant_id = $1 RETURNING restaurant_id`, [restaurants[1]?.restaurant_id])).rows[0]?.restaurant_id;
      expect((await api(`/restaurants/${withoutMenu}/menu`)).body).to.deep.equal([]);
      expect((await api('/restaurants/00000000-0000-4000-8000-00000000dead/menu')).status).to.equal(404);
    });
  });

  describe('GET /restaurants/{id}/reviews', function () {
    it('returns the latest 50, newest first, each with its reviewer, equal to independent SQL', async function () {
      const { rows: counts } = await db.pool.query<{ restaurant_id: string; n: number }>(
        `SELECT r.restaurant_id, count(v.review_id)::int AS n FROM restaurants r LEFT JOIN reviews v USING (restaurant_id)
         GROUP BY 1 ORDER BY 2 DESC`,
      );
      const busiest = counts[0] as { restaurant_id: string; n: number };
      expect(busiest.n, 'the seed gives some restaurant more than 50 reviews').to.be.greaterThan(50);
      const quiet = counts.find((c) => c.n === 0);
      expect(quiet, 'the seed leaves some restaurant without reviews').to.not.equal(undefined);
      for (const { restaurant_id: id, n } of [busiest, ...counts.filter((_, i) => i % 9 === 4)]) {
        const { rows } = await db.pool.query(
          `SELECT v.review_id AS id, v.rating, v.title, v.body, to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn",
                  to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
                  json_build_object('id', u.user_id, 'displayName', u.display_name) AS reviewer
           FROM reviews v JOIN users u USING (user_id) WHERE v.restaurant_id = $1`,
          [id],
        );
        rows.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
        const response = await api(`/restaurants/${id}/reviews`);
        expect(response.status).to.equal(200);
        expect(response.body).to.have.length(Math.min(50, n));
        expect(response.body).to.deep.equal(rows.slice(0, 50));
      }
      expect((await api(`/restaurants/${quiet?.restaurant_id}/reviews`)).body).to.deep.equal([]);
    });

    it('shows a reviewer rename on the next read', async function () {
      const { rows } = await db.pool.query(`SELECT restaurant_id, user_id FROM reviews ORDER BY created_at DESC LIMIT 1`);
      const { restaurant_id: id, user_id: userId } = rows[0];
      await db.pool.query(`UPDATE users SET display_name = 'Zoë Renamed 名前' WHERE user_id = $1`, [userId]);
      const response = await api(`/restaurants/${id}/reviews`);
      const mine = (response.body as { reviewer: { id: string; displayName: string } }[]).filter((r) => r.reviewer.id === userId);
      expect(mine.length).to.be.greaterThan(0);
      expect(mine.every((r) => r.reviewer.displayName === 'Zoë Renamed 名前')).to.equal(true);
    });
  });
});
