/** The seed: deterministic (same seed, same rows), realistic shapes, refuses to mix with existing data. */
import { expect } from 'chai';
import { loadMigrations, migrate } from '../../../services/db/migrate.js';
import { seedDatabase } from '../../../services/db/seed/seed.js';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { createDatabase, type TestDatabase } from '../../helpers/postgres.js';

const TABLES = ['categories', 'users', 'restaurants', 'restaurant_categories', 'menu_items', 'reviews', 'rankings', 'favorites'];

async function digest(db: TestDatabase): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await db.pool.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM ${table} t`);
    result[table] = rows[0].d;
  }
  return result;
}

describe('db seed', function () {
  const dbs: TestDatabase[] = [];
  async function migrated(): Promise<TestDatabase> {
    const db = await createDatabase();
    dbs.push(db);
    await migrate(db.pool, await loadMigrations());
    return db;
  }

  after(async function () {
    for (const db of dbs) await db.drop();
  });

  it('gives the same rows for the same seed, and different rows for another seed', async function () {
    const [a, b, c] = [await migrated(), await migrated(), await migrated()];
    const summaryA = await seedDatabase(a.pool, { restaurants: 25, seed: 42, reset: false });
    await seedDatabase(b.pool, { restaurants: 25, seed: 42, reset: false });
    await seedDatabase(c.pool, { restaurants: 25, seed: 43, reset: false });
    expect(summaryA.restaurants).to.equal(25);
    expect(summaryA.reviews).to.equal(25 * 50);
    expect(await digest(a)).to.deep.equal(await digest(b));
    expect((await digest(a)).restaurants).to.not.equal((await digest(c)).restaurants);
  });

  it('refuses a database that has restaurants unless --reset, which replaces the data', async function () {
    const db = await migrated();
    await seedDatabase(db.pool, { restaurants: 10, seed: 1, reset: false });
    const refused = await seedDatabase(db.pool, { restaurants: 10, seed: 2, reset: false }).catch((e: unknown) => e);
    expect(isBellyfedError(refused, 'CLI_USAGE')).to.equal(true);
    await seedDatabase(db.pool, { restaurants: 12, seed: 2, reset: true });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM restaurants');
    expect(rows[0].n).to.equal(12);
  });

  it('has skewed reviews, unicode names and long texts', async function () {
    const db = await migrated();
    await seedDatabase(db.pool, { restaurants: 200, seed: 5, reset: false });
    const { rows } = await db.pool.query(`
      SELECT (SELECT max(n) FROM (SELECT count(*) n FROM reviews GROUP BY restaurant_id) x) AS most,
             (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM (SELECT count(*) n FROM reviews GROUP BY restaurant_id) x) AS median,
             (SELECT count(*) FROM restaurants WHERE name ~ '[^\\x01-\\x7e]') AS non_ascii,
             (SELECT count(*) FROM restaurants WHERE length(description) > 4000) AS long_descriptions,
             (SELECT count(DISTINCT city) FROM restaurants) AS cities`);
    const s = rows[0];
    expect(Number(s.most)).to.be.greaterThan(10 * Number(s.median));
    expect(Number(s.non_ascii)).to.be.greaterThan(0);
    expect(Number(s.long_descriptions)).to.be.greaterThan(0);
    expect(Number(s.cities)).to.be.greaterThan(5);
  });
});
