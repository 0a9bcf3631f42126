/** The latest reviews of a restaurant with each reviewer, newest first (ties broken by id, descending). */
import type { SqlQuery } from './list-restaurants.js';

export function listReviewsQuery(restaurantId: string, limit: number): SqlQuery {
  return {
    name: 'list_reviews',
    text: `SELECT v.review_id, v.rating, v.title, v.body, v.visited_on, v.created_at, u.user_id, u.display_name
FROM restaurants r
LEFT JOIN LATERAL (
  SELECT review_id, user_id, rating, title, body, visited_on, created_at FROM reviews
  WHERE restaurant_id = r.restaurant_id
  ORDER BY created_at DESC, review_id DESC
  LIMIT $2
) v ON true
LEFT JOIN users u ON u.user_id = v.user_id
WHERE r.restaurant_id = $1
ORDER BY v.created_at DESC, v.review_id DESC`,
    values: [restaurantId, limit],
  };
}
