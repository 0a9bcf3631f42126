/**
 * The changes `bench sink` makes in its source database, one SQL statement per function. The mix
 * is what the app produces in steady state: new reviews (items holding a copy: UpdateItem plus a
 * copy pull), edited reviews (UpdateItem) and menu price changes (plain conditional PutItem).
 * Updates pick rows spread over the table (md5 order per round), so successive rounds rarely hit
 * the same rows inside one Kafka batch and coalescing does not flatter the sink.
 */
import type pg from 'pg';

/** `count` new reviews by existing users on existing restaurants, one transaction. */
export async function insertReviews(pool: pg.Pool, count: number, round: number): Promise<number> {
  const { rowCount } = await pool.query(
    `WITH r AS (SELECT array_agg(restaurant_id ORDER BY restaurant_id) AS a FROM restaurants),
          u AS (SELECT array_agg(user_id ORDER BY user_id) AS a FROM users)
     INSERT INTO reviews (review_id, restaurant_id, user_id, rating, title, body, visited_on)
     SELECT gen_random_uuid(), r.a[1 + (g * 7919) % cardinality(r.a)], u.a[1 + (g * 104729) % cardinality(u.a)],
            1 + g % 5, 'bench ' || $3::bigint || '.' || g, 'A benchmark review, round ' || $3::bigint || '.', current_date
     FROM generate_series($1::bigint, $1::bigint + $2::int - 1) AS g, r, u`,
    [round * 100_000, count, round],
  );
  return rowCount ?? 0;
}

/** `count` existing reviews get a new rating and title, one transaction. */
export async function updateReviews(pool: pg.Pool, count: number, round: number): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE reviews SET rating = 1 + (rating % 5), title = 'edited ' || $2::int, updated_at = now()
     WHERE review_id IN (SELECT review_id FROM reviews ORDER BY md5(review_id::text || $2::text) LIMIT $1)`,
    [count, round],
  );
  return rowCount ?? 0;
}

/** `count` menu items change price, one transaction. */
export async function updateMenuPrices(pool: pg.Pool, count: number, round: number): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE menu_items SET price = price + 0.01, updated_at = now()
     WHERE item_id IN (SELECT item_id FROM menu_items ORDER BY md5(item_id::text || $2::text) LIMIT $1)`,
    [count, round],
  );
  return rowCount ?? 0;
}

const MIX: ReadonlyArray<[number, typeof insertReviews]> = [[0.4, insertReviews], [0.3, updateReviews], [0.3, updateMenuPrices]];

/** Makes `total` changes as fast as PostgreSQL takes them, in transactions of `perTransaction` rows. */
export async function makeChanges(pool: pg.Pool, total: number, perTransaction = 100, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  for (let round = 1; done < total; round++) {
    for (const [share, statement] of MIX) {
      let left = Math.min(Math.round(share * 1000), total - done);
      while (left > 0) {
        const n = await statement(pool, Math.min(perTransaction, left), round * 100 + Math.ceil(left / perTransaction));
        if (n === 0) throw new Error(`${statement.name} changed no row: is the source database seeded?`);
        done += n;
        left -= n;
      }
      if (done >= total) break;
    }
    onProgress?.(done);
  }
  return done;
}

/**
 * A steady `ratePerSecond` for `seconds`, generated inside PostgreSQL (a DO block with COMMIT per
 * tick), so the schedule does not depend on this process's event loop, which the sink under
 * measurement shares: every 10 ms one transaction of rate/100 changes, in the same mix, on a fixed
 * schedule (a late tick is caught up, not dropped). Updates walk the existing rows in order
 * (index lookups), inserts pick restaurants and users from arrays read once.
 */
export async function steadyChanges(pool: pg.Pool, ratePerSecond: number, seconds: number): Promise<{ changes: number; rate: number }> {
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((ratePerSecond * tickMs) / 1000));
  const ticks = Math.max(1, Math.round((seconds * 1000) / tickMs));
  if (!Number.isSafeInteger(perTick) || !Number.isSafeInteger(ticks)) throw new RangeError('rate and seconds must give whole numbers');
  const started = performance.now();
  // A DO block takes no parameters: the two numbers are validated integers.
  await pool.query(`DO $$
    DECLARE
      t0 timestamptz := clock_timestamp();
      ra uuid[]; ua uuid[]; rv uuid[]; mi uuid[];
      k int := 0;
    BEGIN
      SELECT array_agg(restaurant_id ORDER BY restaurant_id) INTO ra FROM restaurants;
      SELECT array_agg(user_id ORDER BY user_id) INTO ua FROM users;
      SELECT array_agg(review_id ORDER BY review_id) INTO rv FROM reviews;
      SELECT array_agg(item_id ORDER BY item_id) INTO mi FROM menu_items;
      FOR i IN 0..${ticks - 1} LOOP
        PERFORM pg_sleep(GREATEST(0, extract(epoch FROM (t0 + i * interval '${tickMs} milliseconds') - clock_timestamp())));
        IF i % 10 < 4 THEN
          INSERT INTO reviews (review_id, restaurant_id, user_id, rating, title, body, visited_on)
          SELECT gen_random_uuid(), ra[1 + (i * 31 + g) % cardinality(ra)], ua[1 + (i * 17 + g * 7) % cardinality(ua)],
                 1 + g % 5, 'steady ' || i || '.' || g, 'A steady-rate review.', current_date
          FROM generate_series(1, ${perTick}) AS g;
        ELSIF i % 10 < 7 THEN
          UPDATE reviews SET rating = 1 + (rating % 5), title = 'steady ' || i, updated_at = now()
          WHERE review_id IN (SELECT rv[1 + (k + g) % cardinality(rv)] FROM generate_series(0, ${perTick - 1}) AS g);
        ELSE
          UPDATE menu_items SET price = price + 0.01, updated_at = now()
          WHERE item_id IN (SELECT mi[1 + (k + g) % cardinality(mi)] FROM generate_series(0, ${perTick - 1}) AS g);
        END IF;
        k := k + ${perTick};
        COMMIT;
      END LOOP;
    END $$`);
  const elapsed = (performance.now() - started) / 1000;
  const changes = ticks * perTick;
  return { changes, rate: changes / elapsed };
}
