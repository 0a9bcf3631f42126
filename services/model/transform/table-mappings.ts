/**
 * How each PostgreSQL table maps to items: the item key from the primary key, the index keys
 * from other columns, and which copies flow into and out of its items. Columns themselves are
 * not listed: every column is stored under its own name, so a new column flows without a deploy.
 */
import type { Row } from '../change-event.js';
import type { CopyName } from '../copies.js';
import { ENTITY, type Entity } from '../entities.js';
import {
  categoryKey, favoriteKey, membershipKey, membershipOwnIndexKeys, menuItemIndexKeys, menuItemKey, rankingKey,
  restaurantIndexKeys, restaurantKey, reviewIndexKeys, reviewKey, userKey, type IndexKeys, type ItemKey,
} from '../keys.js';

export interface TableMapping {
  table: string;
  entity: Entity;
  primaryKey: readonly string[];
  key(row: Row): ItemKey;
  /** Columns the index keys are computed from (all must be available to recompute them). */
  indexColumns: readonly string[];
  indexKeys(row: Row): IndexKeys;
  /** Copies held by this table's items, and the column naming each copy's source row. */
  copiesIn: readonly { copy: CopyName; sourceIdColumn: string }[];
  /** Copies taken from this table's rows, and the column holding the source id. */
  copiesOut: readonly { copy: CopyName; sourceIdColumn: string }[];
  /** numeric columns: they must arrive as exact text (decimal.handling.mode string or precise). */
  decimalColumns: readonly string[];
}

const noIndexKeys = (): IndexKeys => ({});

export const TABLE_MAPPINGS: Readonly<Record<string, TableMapping>> = {
  users: {
    table: 'users',
    entity: ENTITY.user,
    primaryKey: ['user_id'],
    key: (row) => userKey(row.user_id),
    indexColumns: [],
    indexKeys: noIndexKeys,
    copiesIn: [],
    copiesOut: [{ copy: 'reviewer', sourceIdColumn: 'user_id' }],
    decimalColumns: [],
  },
  restaurants: {
    table: 'restaurants',
    entity: ENTITY.restaurant,
    primaryKey: ['restaurant_id'],
    key: (row) => restaurantKey(row.restaurant_id),
    indexColumns: ['restaurant_id', 'name', 'city'],
    indexKeys: (row) => restaurantIndexKeys({ restaurant_id: row.restaurant_id, name: row.name, city: row.city }),
    copiesIn: [],
    copiesOut: [{ copy: 'restaurant_summary', sourceIdColumn: 'restaurant_id' }],
    decimalColumns: [],
  },
  categories: {
    table: 'categories',
    entity: ENTITY.category,
    primaryKey: ['category_id'],
    key: (row) => categoryKey(row.category_id),
    indexColumns: [],
    indexKeys: noIndexKeys,
    copiesIn: [],
    copiesOut: [{ copy: 'category', sourceIdColumn: 'category_id' }],
    decimalColumns: [],
  },
  restaurant_categories: {
    table: 'restaurant_categories',
    entity: ENTITY.restaurantCategory,
    primaryKey: ['restaurant_id', 'category_id'],
    key: (row) => membershipKey(row.restaurant_id, row.category_id),
    indexColumns: ['restaurant_id', 'category_id'],
    indexKeys: (row) => membershipOwnIndexKeys({ restaurant_id: row.restaurant_id, category_id: row.category_id }),
    copiesIn: [
      { copy: 'restaurant_summary', sourceIdColumn: 'restaurant_id' },
      { copy: 'category', sourceIdColumn: 'category_id' },
    ],
    copiesOut: [],
    decimalColumns: [],
  },
  menu_items: {
    table: 'menu_items',
    entity: ENTITY.menuItem,
    primaryKey: ['item_id'],
    key: (row) => menuItemKey(row.item_id),
    indexColumns: ['item_id', 'restaurant_id', 'position'],
    indexKeys: (row) => menuItemIndexKeys({ item_id: row.item_id, restaurant_id: row.restaurant_id, position: row.position }),
    copiesIn: [],
    copiesOut: [],
    decimalColumns: ['price'],
  },
  reviews: {
    table: 'reviews',
    entity: ENTITY.review,
    primaryKey: ['review_id'],
    key: (row) => reviewKey(row.review_id),
    indexColumns: ['review_id', 'restaurant_id', 'user_id', 'created_at'],
    indexKeys: (row) => reviewIndexKeys({
      review_id: row.review_id, restaurant_id: row.restaurant_id, user_id: row.user_id, created_at: row.created_at,
    }),
    copiesIn: [{ copy: 'reviewer', sourceIdColumn: 'user_id' }],
    copiesOut: [],
    decimalColumns: [],
  },
  rankings: {
    table: 'rankings',
    entity: ENTITY.ranking,
    primaryKey: ['user_id', 'ranking_id'],
    key: (row) => rankingKey(row.user_id, row.ranking_id),
    indexColumns: [],
    indexKeys: noIndexKeys,
    copiesIn: [],
    copiesOut: [],
    decimalColumns: [],
  },
  favorites: {
    table: 'favorites',
    entity: ENTITY.favorite,
    primaryKey: ['user_id', 'restaurant_id'],
    key: (row) => favoriteKey(row.user_id, row.restaurant_id),
    indexColumns: [],
    indexKeys: noIndexKeys,
    copiesIn: [],
    copiesOut: [],
    decimalColumns: [],
  },
};
