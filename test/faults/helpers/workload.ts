/**
 * A continuous mixed workload against the source database while a drill breaks something:
 * inserts, updates that move keys (a restaurant renamed or moved to another city, a menu item moved
 * to another restaurant, a review's time shifted), renames that fan out (a reviewer's display
 * name), and deletes (cascading ones too). Random choices come from a seeded generator, so a
 * failing drill can be replayed with the seed it prints. Plain SQL only: the reconciler alone
 * decides what DynamoDB must hold afterwards.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { prng } from '../../helpers/prng.js';

type Operation = (pool: pg.Pool, pick: () => number) => Promise<void>;

const CITIES = ['Lisboa', 'Porto', 'Köln', 'São Paulo', '東京', 'Zürich'];

async function randomId(pool: pg.Pool, table: string, column: string): Promise<string | undefined> {
  // TABLESAMPLE would skip small tables; ORDER BY random() is fine for a drill-sized database.
  const { rows } = await pool.query<Record<string, string>>(`SELECT ${column} FROM ${table} ORDER BY random() LIMIT 1`);
  return rows[0]?.[column];
}

const OPERATIONS: ReadonlyArray<readonly [weight: number, name: string, run: Operation]> = [
  [3, 'insert restaurant', async (pool, pick) => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO restaurants (restaurant_id, name, city, address_line, country_code, price_level, dietary_flags)
       VALUES ($1, $2, $3, 'Rua 1', 'PT', $4, '{vegan}')`,
      [id, `Drill ${id.slice(0, 8)} Ñandú`, CITIES[Math.floor(pick() * CITIES.length)], 1 + Math.floor(pick() * 4)],
    );
    await pool.query(
      `INSERT INTO restaurant_categories (restaurant_id, category_id)
       SELECT $1, category_id FROM categories ORDER BY random() LIMIT 1 ON CONFLICT DO NOTHING`,
      [id],
    );
  }],
  [4, 'rename or move restaurant', async (pool, pick) => {
    const id = await randomId(pool, 'restaurants', 'restaurant_id');
    if (!id) return;
    await pool.query('UPDATE restaurants SET name = $2, city = $3 WHERE restaurant_id = $1', [id, `Renamed ${Math.floor(pick() * 1e6)} ❤`, CITIES[Math.floor(pick() * CITIES.length)]]);
  }],
  [4, 'update restaurant details', async (pool, pick) => {
    const id = await randomId(pool, 'restaurants', 'restaurant_id');
    if (id) await pool.query('UPDATE restaurants SET price_level = $2, description = $3 WHERE restaurant_id = $1', [id, 1 + Math.floor(pick() * 4), `take ${pick()}`]);
  }],
  [5, 'insert menu item', async (pool, pick) => {
    const restaurant = await randomId(pool, 'restaurants', 'restaurant_id');
    if (!restaurant) return;
    await pool.query(
      `INSERT INTO menu_items (item_id, restaurant_id, section, position, name, price, currency)
       VALUES ($1, $2, 'Mains', $3, 'Bacalhau à Brás', $4, 'EUR')`,
      [randomUUID(), restaurant, Math.floor(pick() * 1000), (pick() * 100).toFixed(2)],
    );
  }],
  [4, 'move menu item or change its price', async (pool, pick) => {
    const item = await randomId(pool, 'menu_items', 'item_id');
    const restaurant = await randomId(pool, 'restaurants', 'restaurant_id');
    if (!item || !restaurant) return;
    if (pick() < 0.5) await pool.query('UPDATE menu_items SET restaurant_id = $2, position = position + 1 WHERE item_id = $1', [item, restaurant]);
    else await pool.query('UPDATE menu_items SET price = $2, is_available = NOT is_available WHERE item_id = $1', [item, (pick() * 100).toFixed(2)]);
  }],
  [2, 'delete menu item', async (pool) => {
    const item = await randomId(pool, 'menu_items', 'item_id');
    if (item) await pool.query('DELETE FROM menu_items WHERE item_id = $1', [item]);
  }],
  [5, 'insert review', async (pool, pick) => {
    const restaurant = await randomId(pool, 'restaurants', 'restaurant_id');
    const user = await randomId(pool, 'users', 'user_id');
    if (!restaurant || !user) return;
    await pool.query(
      'INSERT INTO reviews (review_id, restaurant_id, user_id, rating, title, body) VALUES ($1, $2, $3, $4, $5, $6)',
      [randomUUID(), restaurant, user, 1 + Math.floor(pick() * 5), 'Drill 🍽', `body ${pick()}`],
    );
  }],
  [4, 'shift review time or rating', async (pool, pick) => {
    const review = await randomId(pool, 'reviews', 'review_id');
    if (!review) return;
    if (pick() < 0.5) await pool.query("UPDATE reviews SET created_at = created_at - interval '1 hour 1 microsecond' WHERE review_id = $1", [review]);
    else await pool.query('UPDATE reviews SET rating = $2 WHERE review_id = $1', [review, 1 + Math.floor(pick() * 5)]);
  }],
  [2, 'delete review', async (pool) => {
    const review = await randomId(pool, 'reviews', 'review_id');
    if (review) await pool.query('DELETE FROM reviews WHERE review_id = $1', [review]);
  }],
  [1, 'rename reviewer (fan-out)', async (pool, pick) => {
    const user = await randomId(pool, 'reviews', 'user_id');
    if (user) await pool.query('UPDATE users SET display_name = $2 WHERE user_id = $1', [user, `Reviewer ${Math.floor(pick() * 1e6)} ✓`]);
  }],
  [2, 'favorite or unfavorite', async (pool, pick) => {
    const user = await randomId(pool, 'users', 'user_id');
    const restaurant = await randomId(pool, 'restaurants', 'restaurant_id');
    if (!user || !restaurant) return;
    if (pick() < 0.6) await pool.query('INSERT INTO favorites (user_id, restaurant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [user, restaurant]);
    else await pool.query('DELETE FROM favorites WHERE user_id = $1', [user]);
  }],
  [2, 'rank a restaurant', async (pool, pick) => {
    const user = await randomId(pool, 'users', 'user_id');
    const restaurant = await randomId(pool, 'restaurants', 'restaurant_id');
    if (!user || !restaurant) return;
    await pool.query(
      'INSERT INTO rankings (user_id, ranking_id, restaurant_id, rank_position) VALUES ($1, $2, $3, $4)',
      [user, randomUUID(), restaurant, 1 + Math.floor(pick() * 10)],
    );
  }],
  [1, 'delete restaurant (cascades)', async (pool) => {
    // Only the workload's own restaurants: the seed stays large enough for the other operations.
    const { rows } = await pool.query<{ restaurant_id: string }>("SELECT restaurant_id FROM restaurants WHERE name LIKE 'Drill %' ORDER BY random() LIMIT 1");
    if (rows[0]) await pool.query('DELETE FROM restaurants WHERE restaurant_id = $1', [rows[0].restaurant_id]);
  }],
];

const TOTAL_WEIGHT = OPERATIONS.reduce((sum, [weight]) => sum + weight, 0);

function chooseOperation(pick: () => number): readonly [number, string, Operation] {
  let ticket = pick() * TOTAL_WEIGHT;
  for (const entry of OPERATIONS) {
    ticket -= entry[0];
    if (ticket < 0) return entry;
  }
  return OPERATIONS[OPERATIONS.length - 1]!;
}

export interface WorkloadSummary {
  readonly seed: number;
  readonly operations: number;
  readonly byOperation: Readonly<Record<string, number>>;
}

export interface RunningWorkload {
  /** Operations completed so far. */
  readonly count: () => number;
  /** Stops issuing operations, waits for the ones in flight, and rethrows the first failure. */
  stop(): Promise<WorkloadSummary>;
}

/**
 * Runs operations in `lanes` concurrent loops, at most `perSecond` in total (a pace, not a wait:
 * the sink must be able to keep up between faults), until stop().
 */
export function startWorkload(pool: pg.Pool, options: { seed: number; perSecond?: number; lanes?: number }): RunningWorkload {
  const pick = prng(options.seed);
  const lanes = options.lanes ?? 2;
  const intervalMs = (1000 * lanes) / (options.perSecond ?? 40);
  const byOperation: Record<string, number> = {};
  let operations = 0;
  let stopping = false;
  let failure: unknown;

  const lane = async () => {
    while (!stopping && failure === undefined) {
      const started = Date.now();
      const [, name, run] = chooseOperation(pick);
      try {
        await run(pool, pick);
        operations += 1;
        byOperation[name] = (byOperation[name] ?? 0) + 1;
      } catch (err) {
        // Two lanes may pick the same row: a deadlock or vanished row is the database working, not a failure.
        const code = (err as { code?: string }).code;
        if (code !== '40P01' && code !== '23503' && code !== '23505') failure = err;
      }
      const rest = intervalMs - (Date.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  };
  const running = Promise.all(Array.from({ length: lanes }, lane));
  return {
    count: () => operations,
    async stop() {
      stopping = true;
      await running;
      if (failure !== undefined) throw failure;
      return { seed: options.seed, operations, byOperation: { ...byOperation } };
    },
  };
}
