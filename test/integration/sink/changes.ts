/**
 * The change stream the sink tests replay against PostgreSQL: inserts, updates including every
 * kind of key move and copy fan-out, deletes, a hot row, and a truncate. Each step is plain SQL
 * on the seeded data, so the checker alone decides what DynamoDB must hold afterwards.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

async function one<T>(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await pool.query(sql, params);
  if (rows.length === 0) throw new Error(`no row for: ${sql}`);
  return rows[0] as T;
}

export async function applyMixedChanges(pool: pg.Pool): Promise<void> {
  // Inserts: a restaurant with a cuisine, a menu item and a review by an existing user.
  const restaurantId = randomUUID();
  await pool.query(
    `INSERT INTO restaurants (restaurant_id, name, city, address_line, country_code, price_level, opening_hours, dietary_flags)
     VALUES ($1, 'Zé da Esquina', 'Porto', 'Rua das Flores 7', 'PT', 2, '{"mon":[{"open":"12:00","close":"15:00"}]}', '{vegan,"gluten free"}')`,
    [restaurantId],
  );
  const cuisine = await one<{ category_id: string }>(pool, "SELECT category_id FROM categories WHERE kind = 'cuisine' ORDER BY slug LIMIT 1");
  await pool.query('INSERT INTO restaurant_categories (restaurant_id, category_id) VALUES ($1, $2)', [restaurantId, cuisine.category_id]);
  await pool.query(
    `INSERT INTO menu_items (item_id, restaurant_id, section, position, name, price, currency) VALUES ($1, $2, 'Mains', 1, 'Francesinha', 12.50, 'EUR')`,
    [randomUUID(), restaurantId],
  );
  const user = await one<{ user_id: string }>(pool, 'SELECT user_id FROM users ORDER BY user_id LIMIT 1');
  await pool.query(
    `INSERT INTO reviews (review_id, restaurant_id, user_id, rating, title, body, visited_on) VALUES ($1, $2, $3, 5, 'Óptimo', 'Muito bom 👍', '2024-02-29')`,
    [randomUUID(), restaurantId, user.user_id],
  );

  // Key moves: a review's time, a menu item's restaurant, a restaurant's city and name.
  const review = await one<{ review_id: string }>(pool, 'SELECT review_id FROM reviews ORDER BY review_id LIMIT 1');
  await pool.query("UPDATE reviews SET created_at = created_at - interval '3 days 1 microsecond' WHERE review_id = $1", [review.review_id]);
  const item = await one<{ item_id: string; restaurant_id: string }>(pool, 'SELECT item_id, restaurant_id FROM menu_items ORDER BY item_id LIMIT 1');
  const other = await one<{ restaurant_id: string }>(pool, 'SELECT restaurant_id FROM restaurants WHERE restaurant_id <> $1 ORDER BY restaurant_id LIMIT 1', [item.restaurant_id]);
  await pool.query('UPDATE menu_items SET restaurant_id = $2, position = position + 100, price = 7.05 WHERE item_id = $1', [item.item_id, other.restaurant_id]);
  const moved = await one<{ restaurant_id: string }>(pool, `SELECT restaurant_id FROM restaurants r WHERE EXISTS (SELECT 1 FROM restaurant_categories rc WHERE rc.restaurant_id = r.restaurant_id) ORDER BY restaurant_id DESC LIMIT 1`);
  await pool.query("UPDATE restaurants SET city = 'Coimbra', name = name || ' (novo)' WHERE restaurant_id = $1", [moved.restaurant_id]);

  // Fan-out: a reviewer renames themselves; a category is renamed and stops being a cuisine.
  const reviewer = await one<{ user_id: string }>(pool, 'SELECT user_id FROM reviews GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1');
  await pool.query("UPDATE users SET display_name = 'Renamed Reviewer' WHERE user_id = $1", [reviewer.user_id]);
  const category = await one<{ category_id: string }>(pool, `SELECT category_id FROM categories c WHERE kind = 'cuisine' AND EXISTS (SELECT 1 FROM restaurant_categories rc WHERE rc.category_id = c.category_id) ORDER BY slug DESC LIMIT 1`);
  await pool.query("UPDATE categories SET name = name || ' Food', kind = 'feature' WHERE category_id = $1", [category.category_id]);
  // A review changes reviewer: its copy must follow the new user.
  const switched = await one<{ review_id: string }>(pool, 'SELECT review_id FROM reviews WHERE user_id <> $1 ORDER BY review_id DESC LIMIT 1', [reviewer.user_id]);
  await pool.query('UPDATE reviews SET user_id = $2 WHERE review_id = $1', [switched.review_id, reviewer.user_id]);

  // A hot row: many updates in a row (coalescing keeps only the last per batch).
  const hot = await one<{ restaurant_id: string }>(pool, 'SELECT restaurant_id FROM restaurants ORDER BY restaurant_id LIMIT 1 OFFSET 2');
  for (let i = 1; i <= 20; i++) await pool.query('UPDATE restaurants SET price_level = $2, description = $3 WHERE restaurant_id = $1', [hot.restaurant_id, (i % 4) + 1, `take ${i}`]);

  // Several changes in one transaction, one of them undone by the next.
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const id = randomUUID();
    await client.query(`INSERT INTO restaurants (restaurant_id, name, city, address_line, country_code, price_level) VALUES ($1, 'Ephemeral', 'Braga', 'x', 'PT', 1)`, [id]);
    await client.query('DELETE FROM restaurants WHERE restaurant_id = $1', [id]);
    await client.query("UPDATE menu_items SET is_available = NOT is_available, dietary_flags = '{}' WHERE item_id IN (SELECT item_id FROM menu_items ORDER BY item_id LIMIT 5)");
    await client.query('COMMIT');
  } finally {
    client.release();
  }

  // Deletes: a review, then a whole restaurant (its dependents cascade).
  const doomedReview = await one<{ review_id: string }>(pool, 'SELECT review_id FROM reviews ORDER BY review_id DESC LIMIT 1');
  await pool.query('DELETE FROM reviews WHERE review_id = $1', [doomedReview.review_id]);
  const doomed = await one<{ restaurant_id: string }>(pool, 'SELECT restaurant_id FROM restaurants ORDER BY restaurant_id DESC LIMIT 1 OFFSET 3');
  await pool.query('DELETE FROM restaurants WHERE restaurant_id = $1', [doomed.restaurant_id]);

  // A truncate, then new rows in the truncated table (they must survive the sweep).
  await pool.query('TRUNCATE favorites');
  await pool.query(
    'INSERT INTO favorites (user_id, restaurant_id) SELECT u.user_id, $1 FROM users u ORDER BY u.user_id LIMIT 3',
    [restaurantId],
  );
}

/** Many small transactions: the stream a crash or an outage interrupts. */
export async function applyManyUpdates(pool: pg.Pool, rounds: number, tag: string): Promise<void> {
  const { rows } = await pool.query<{ restaurant_id: string }>('SELECT restaurant_id FROM restaurants ORDER BY restaurant_id');
  const { rows: reviews } = await pool.query<{ review_id: string }>('SELECT review_id FROM reviews ORDER BY review_id LIMIT 200');
  for (let i = 0; i < rounds; i++) {
    const restaurant = rows[i % rows.length]!;
    await pool.query('UPDATE restaurants SET description = $2 WHERE restaurant_id = $1', [restaurant.restaurant_id, `${tag} ${i}`]);
    const review = reviews[i % reviews.length];
    if (review) await pool.query('UPDATE reviews SET rating = $2, title = $3 WHERE review_id = $1', [review.review_id, (i % 5) + 1, `${tag} ${i}`]);
  }
}
