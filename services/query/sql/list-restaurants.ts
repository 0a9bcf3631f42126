/** The listing query: optional city and cuisine filters, keyset pagination in (name byte order, id). */
import type { ListQuery } from '../types.js';

export interface SqlQuery {
  name: string;
  text: string;
  values: unknown[];
}

export const SUMMARY_COLUMNS = `r.restaurant_id, r.name, r.city, r.address_line, r.postal_code, r.country_code,
  r.latitude, r.longitude, r.price_level, r.dietary_flags`;

/** Fetches limit + 1 rows: the extra row only tells whether there is a next page. */
export function listRestaurantsQuery(query: ListQuery): SqlQuery {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.city !== undefined) where.push(`r.city = ${param(query.city)}`);
  if (query.cuisine !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM restaurant_categories rc JOIN categories c ON c.category_id = rc.category_id
    WHERE rc.restaurant_id = r.restaurant_id AND c.kind = 'cuisine' AND c.slug = ${param(query.cuisine)})`);
  }
  if (query.after !== undefined) {
    where.push(`(r.name COLLATE "C", r.restaurant_id) > (${param(query.after.name)}::text COLLATE "C", ${param(query.after.id)}::uuid)`);
  }
  const limit = param(query.limit + 1);
  // A named statement per shape lets PostgreSQL reuse the plan; there are eight shapes at most.
  const shape = `${query.city !== undefined ? 'c' : ''}${query.cuisine !== undefined ? 'k' : ''}${query.after !== undefined ? 'a' : ''}`;
  return {
    name: `list_restaurants_${shape || 'all'}`,
    text: `SELECT ${SUMMARY_COLUMNS}
FROM restaurants r
${where.length > 0 ? `WHERE ${where.join('\n  AND ')}` : ''}
ORDER BY r.name COLLATE "C", r.restaurant_id
LIMIT ${limit}`,
    values,
  };
}
