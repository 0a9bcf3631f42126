/** A restaurant's menu. The restaurant row is always returned (item columns null when the menu is empty) so absence means 404. */
import type { SqlQuery } from './list-restaurants.js';

export function listMenuQuery(restaurantId: string): SqlQuery {
  return {
    name: 'list_menu',
    text: `SELECT m.item_id, m.section, m.position, m.name, m.description, m.price, m.currency, m.is_available, m.dietary_flags
FROM restaurants r
LEFT JOIN menu_items m ON m.restaurant_id = r.restaurant_id
WHERE r.restaurant_id = $1
ORDER BY m.position, m.item_id`,
    values: [restaurantId],
  };
}
