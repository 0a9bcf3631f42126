/** The item types of the table, one per PostgreSQL table (plus the model's own bookkeeping items). */
export const ENTITY = {
  user: 'user',
  restaurant: 'restaurant',
  category: 'category',
  restaurantCategory: 'restaurant_category',
  menuItem: 'menu_item',
  review: 'review',
  ranking: 'ranking',
  favorite: 'favorite',
} as const;

export type Entity = (typeof ENTITY)[keyof typeof ENTITY];

/** The PostgreSQL table each entity is projected from. */
export const TABLE_OF_ENTITY: Record<Entity, string> = {
  user: 'users',
  restaurant: 'restaurants',
  category: 'categories',
  restaurant_category: 'restaurant_categories',
  menu_item: 'menu_items',
  review: 'reviews',
  ranking: 'rankings',
  favorite: 'favorites',
};
