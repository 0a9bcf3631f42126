/** One restaurant with its categories (ordered by kind, then slug), in one round trip. */
import { SUMMARY_COLUMNS, type SqlQuery } from './list-restaurants.js';

export function getRestaurantQuery(id: string): SqlQuery {
  return {
    name: 'get_restaurant',
    text: `SELECT ${SUMMARY_COLUMNS}, r.description, r.phone, r.website, r.opening_hours, r.created_at, r.updated_at,
  COALESCE((SELECT json_agg(json_build_object('id', c.category_id, 'kind', c.kind, 'slug', c.slug, 'name', c.name)
                            ORDER BY c.kind COLLATE "C", c.slug COLLATE "C")
            FROM restaurant_categories rc JOIN categories c ON c.category_id = rc.category_id
            WHERE rc.restaurant_id = r.restaurant_id), '[]'::json) AS categories
FROM restaurants r
WHERE r.restaurant_id = $1`,
    values: [id],
  };
}
