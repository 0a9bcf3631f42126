/**
 * `bellyfed db seed`: fills an empty database with deterministic, realistic data in one
 * transaction (all or nothing), table by table with COPY.
 */
import type pg from 'pg';
import { BellyfedError } from '../../shared/errors.js';
import {
  categoryRows, createContext, favoriteRows, menuItemRows, planSeed, rankingRows, restaurantCategoryRows,
  restaurantRows, reviewRows, userRows, type Row, type SeedContext, type SeedTable,
} from './generate.js';
import { copyRows } from './load.js';

export interface SeedOptions {
  restaurants: number;
  seed: number;
  /** Empty the app's tables first; otherwise a non-empty database is refused. */
  reset: boolean;
  onProgress?: (table: SeedTable, rows: number, done: boolean) => void;
}

export type SeedSummary = Record<SeedTable, number>;

// Parents before children, so foreign keys hold at every step.
const LOAD_ORDER: ReadonlyArray<[SeedTable, (ctx: SeedContext) => Iterable<Row>]> = [
  ['categories', categoryRows],
  ['users', userRows],
  ['restaurants', restaurantRows],
  ['restaurant_categories', restaurantCategoryRows],
  ['menu_items', menuItemRows],
  ['reviews', reviewRows],
  ['rankings', rankingRows],
  ['favorites', favoriteRows],
];

export async function hasRestaurants(db: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await db.query('SELECT EXISTS (SELECT 1 FROM restaurants) AS present');
  return rows[0]?.present === true;
}

export async function seedDatabase(pool: pg.Pool, options: SeedOptions): Promise<SeedSummary> {
  const ctx = createContext(planSeed(options.restaurants, options.seed));
  const summary = Object.fromEntries(LOAD_ORDER.map(([t]) => [t, 0])) as SeedSummary;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (options.reset) {
      await client.query(`TRUNCATE ${LOAD_ORDER.map(([t]) => t).join(', ')}`);
    } else {
      if (await hasRestaurants(client)) {
        throw new BellyfedError('CLI_USAGE', 'the database already has restaurants; pass --reset to replace all app data');
      }
    }
    for (const [table, generate] of LOAD_ORDER) {
      await copyRows(client, table, generate(ctx), (n) => {
        summary[table] += n;
        options.onProgress?.(table, summary[table], false);
      });
      options.onProgress?.(table, summary[table], true);
    }
    await client.query('ANALYZE');
    await client.query('COMMIT');
    return summary;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
