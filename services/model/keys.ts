/**
 * Key builders, one per item type: the only place that knows how keys are spelled. The sink's
 * transform and the query service's DynamoDB reader both use them, so they cannot drift.
 *
 * Base-table keys are the row's identity (its primary key) and never change; every key that
 * depends on other columns (a review's restaurant and time, a restaurant's name and city) is a
 * GSI key, so when such a column changes DynamoDB moves the index entry itself, atomically,
 * and no orphan can be left behind.
 */
import { GSI } from './attributes.js';
import { listingShardOf } from './listing-shards.js';
import {
  assertKeySize, cityNameIdSortKey, keyNonNegativeInteger, keyText, keyTimestamp, keyUuid, nameIdSortKey,
} from './sort-key.js';

export interface ItemKey {
  pk: string;
  sk: string;
}

/** GSI key attributes to set (string) or to remove (null: the item leaves that index). */
export type IndexKeys = Partial<Record<string, string | null>>;

/**
 * A restaurant's collection (gsi1) keeps its parts in this order, so that each endpoint is one
 * Query reading the restaurant itself plus the part it needs:
 *   1REVIEW#…  <  2RESTAURANT  <  3CATEGORY#…  <  4MENU#…
 * reviews: descending from 2RESTAURANT (the restaurant first, then the newest reviews);
 * detail: 2RESTAURANT … 3CATEGORY$; menu: 2RESTAURANT … 4MENU$ (also reads the few categories).
 */
export const COLLECTION = {
  reviewPrefix: '1REVIEW#',
  restaurant: '2RESTAURANT',
  categoryPrefix: '3CATEGORY#',
  /** Above every 3CATEGORY#… key ('$' follows '#'). */
  categoryEnd: '3CATEGORY$',
  menuPrefix: '4MENU#',
  menuEnd: '4MENU$',
} as const;

export const PARTITION = {
  restaurant: (id: string) => `RESTAURANT#${id}`,
  user: (id: string) => `USER#${id}`,
  category: (id: string) => `CATEGORY#${id}`,
  review: (id: string) => `REVIEW#${id}`,
  menuItem: (id: string) => `MENU_ITEM#${id}`,
  listingShard: (shard: number) => `RESTAURANTS#${shard}`,
  city: (city: string) => `CITY#${city}`,
  cuisine: (slug: string) => `CUISINE#${slug}`,
} as const;

// ---- users and what hangs off a user (one Query on the base table: profile, rankings, favorites)

export function userKey(userId: unknown): ItemKey {
  return { pk: PARTITION.user(keyUuid(userId, 'user_id')), sk: 'USER' };
}

export function rankingKey(userId: unknown, rankingId: unknown): ItemKey {
  return { pk: PARTITION.user(keyUuid(userId, 'user_id')), sk: `RANKING#${keyUuid(rankingId, 'ranking_id')}` };
}

export function favoriteKey(userId: unknown, restaurantId: unknown): ItemKey {
  return { pk: PARTITION.user(keyUuid(userId, 'user_id')), sk: `FAVORITE#${keyUuid(restaurantId, 'restaurant_id')}` };
}

// ---- categories

export function categoryKey(categoryId: unknown): ItemKey {
  return { pk: PARTITION.category(keyUuid(categoryId, 'category_id')), sk: 'CATEGORY' };
}

// ---- restaurants

export function restaurantKey(restaurantId: unknown): ItemKey {
  return { pk: PARTITION.restaurant(keyUuid(restaurantId, 'restaurant_id')), sk: 'RESTAURANT' };
}

export interface RestaurantKeyColumns {
  restaurant_id: unknown;
  name: unknown;
  city: unknown;
}

export function restaurantIndexKeys(row: RestaurantKeyColumns): IndexKeys {
  const id = keyUuid(row.restaurant_id, 'restaurant_id');
  const byName = assertKeySize(nameIdSortKey(row.name, id), 'sort', 'listing');
  return {
    [GSI.collection.pk]: PARTITION.restaurant(id),
    [GSI.collection.sk]: COLLECTION.restaurant,
    [GSI.byName.pk]: PARTITION.listingShard(listingShardOf(id)),
    [GSI.byName.sk]: byName,
    [GSI.byCity.pk]: assertKeySize(PARTITION.city(keyText(row.city, 'city')), 'partition', 'city'),
    [GSI.byCity.sk]: byName,
  };
}

// ---- restaurant_categories: one "membership" item in the restaurant's partition

export function membershipKey(restaurantId: unknown, categoryId: unknown): ItemKey {
  return {
    pk: PARTITION.restaurant(keyUuid(restaurantId, 'restaurant_id')),
    sk: `CATEGORY#${keyUuid(categoryId, 'category_id')}`,
  };
}

/** The keys a membership takes from its own row. */
export function membershipOwnIndexKeys(row: { restaurant_id: unknown; category_id: unknown }): IndexKeys {
  const restaurantId = keyUuid(row.restaurant_id, 'restaurant_id');
  const categoryId = keyUuid(row.category_id, 'category_id');
  return {
    [GSI.collection.pk]: PARTITION.restaurant(restaurantId),
    [GSI.copyTargets.pk]: PARTITION.category(categoryId),
    [GSI.copyTargets.sk]: `RESTAURANT#${restaurantId}`,
  };
}

/**
 * The keys a membership takes from its category's copy. Only cuisines are listed by cuisine;
 * a category that stops being a cuisine leaves those indexes (null = remove).
 */
export function membershipCategoryIndexKeys(category: { category_id: unknown; kind: unknown; slug: unknown }): IndexKeys {
  const id = keyUuid(category.category_id, 'category_id');
  const kind = keyText(category.kind, 'kind');
  const slug = keyText(category.slug, 'slug');
  const cuisine = kind === 'cuisine' ? PARTITION.cuisine(slug) : null;
  return {
    [GSI.collection.sk]: assertKeySize(`${COLLECTION.categoryPrefix}${kind}#${slug}#${id}`, 'sort', 'category'),
    [GSI.byName.pk]: cuisine,
    [GSI.byCity.pk]: cuisine,
  };
}

/** The keys a membership takes from its restaurant's copy: where it sorts in cuisine listings. */
export function membershipRestaurantIndexKeys(restaurant: RestaurantKeyColumns): IndexKeys {
  const id = keyUuid(restaurant.restaurant_id, 'restaurant_id');
  return {
    [GSI.byName.sk]: assertKeySize(nameIdSortKey(restaurant.name, id), 'sort', 'listing'),
    [GSI.byCity.sk]: assertKeySize(cityNameIdSortKey(restaurant.city, restaurant.name, id), 'sort', 'listing'),
  };
}

// ---- menu items

export function menuItemKey(itemId: unknown): ItemKey {
  return { pk: PARTITION.menuItem(keyUuid(itemId, 'item_id')), sk: 'MENU_ITEM' };
}

/** Menu order is (position, item_id): position zero-padded, then the id. */
export function menuItemIndexKeys(row: { item_id: unknown; restaurant_id: unknown; position: unknown }): IndexKeys {
  const id = keyUuid(row.item_id, 'item_id');
  return {
    [GSI.collection.pk]: PARTITION.restaurant(keyUuid(row.restaurant_id, 'restaurant_id')),
    [GSI.collection.sk]: `${COLLECTION.menuPrefix}${keyNonNegativeInteger(row.position, 'position')}#${id}`,
  };
}

// ---- reviews

export function reviewKey(reviewId: unknown): ItemKey {
  return { pk: PARTITION.review(keyUuid(reviewId, 'review_id')), sk: 'REVIEW' };
}

/**
 * Newest first is (created_at DESC, review_id DESC): the ascending key created_at#review_id read
 * backwards (ScanIndexForward=false). The same key under the user finds a reviewer's reviews.
 */
export function reviewIndexKeys(row: { review_id: unknown; restaurant_id: unknown; user_id: unknown; created_at: unknown }): IndexKeys {
  const id = keyUuid(row.review_id, 'review_id');
  const at = keyTimestamp(row.created_at, 'created_at');
  return {
    [GSI.collection.pk]: PARTITION.restaurant(keyUuid(row.restaurant_id, 'restaurant_id')),
    [GSI.collection.sk]: `${COLLECTION.reviewPrefix}${at}#${id}`,
    [GSI.copyTargets.pk]: PARTITION.user(keyUuid(row.user_id, 'user_id')),
    [GSI.copyTargets.sk]: `REVIEW#${at}#${id}`,
  };
}

/** One string per item key, for maps and sets. */
export function itemKeyString(key: ItemKey): string {
  return `${key.pk}\u0000${key.sk}`;
}
