/**
 * Every attribute copied from one row onto another row's item, described once: which source
 * columns, where the copies live, how to find them from the source, and what to write on them.
 * The transform asks for refreshes (push) and fills (pull); the writer executes them with these
 * definitions; the reconciler can check them. A copy's own version attribute (`_cv_<copy>`)
 * records which version of the source it shows, so refreshes are idempotent and ordered.
 */
import type { SinkValue } from './change-event.js';
import { GSI } from './attributes.js';
import { ENTITY, type Entity } from './entities.js';
import {
  categoryKey, membershipCategoryIndexKeys, membershipRestaurantIndexKeys, PARTITION, restaurantKey, userKey,
  type IndexKeys, type ItemKey,
} from './keys.js';

export type CopyName = 'reviewer' | 'restaurant_summary' | 'category';

/** How to find the items that hold a copy: one key-range Query, paged (bounded work per page). */
export interface CopyTargets {
  /** undefined: the base table (strongly consistent reads possible). */
  indexName: string | undefined;
  pkAttribute: string;
  skAttribute: string;
  partition: string;
  skPrefix: string;
}

export interface CopyWrite {
  set: Record<string, SinkValue>;
  remove: string[];
}

export interface CopyDefinition {
  name: CopyName;
  sourceEntity: Entity;
  targetEntity: Entity;
  /** The source columns the copy shows (the change of any of them triggers a refresh). */
  sourceColumns: readonly string[];
  versionAttribute: string;
  /** The target's column naming its source: a copy only lands on items of that very source. */
  targetSourceIdAttribute: string;
  /** Everything the copy writes on a target that the row itself does not (reset when the source id changes). */
  copiedAttributes: readonly string[];
  sourceKey(sourceId: string): ItemKey;
  targets(sourceId: string): CopyTargets;
  /** What to write on a target, from the source's column values. */
  write(source: Record<string, SinkValue>): CopyWrite;
}

function indexWrite(keys: IndexKeys, set: Record<string, SinkValue>): CopyWrite {
  const remove: string[] = [];
  for (const [name, value] of Object.entries(keys)) {
    if (value === null || value === undefined) remove.push(name);
    else set[name] = value;
  }
  return { set, remove };
}

/** The columns of a restaurant that the listing shows (RestaurantSummary in services/query/types.ts). */
export const RESTAURANT_SUMMARY_COLUMNS = [
  'restaurant_id', 'name', 'city', 'address_line', 'postal_code', 'country_code', 'latitude', 'longitude',
  'price_level', 'dietary_flags',
] as const;

export const COPIES: Record<CopyName, CopyDefinition> = {
  // A review shows its reviewer's display name.
  reviewer: {
    name: 'reviewer',
    sourceEntity: ENTITY.user,
    targetEntity: ENTITY.review,
    sourceColumns: ['display_name'],
    versionAttribute: '_cv_reviewer',
    targetSourceIdAttribute: 'user_id',
    copiedAttributes: ['reviewer_display_name', '_cv_reviewer'],
    sourceKey: (userId) => userKey(userId),
    targets: (userId) => ({
      indexName: GSI.copyTargets.name, pkAttribute: GSI.copyTargets.pk, skAttribute: GSI.copyTargets.sk,
      partition: PARTITION.user(userId), skPrefix: 'REVIEW#',
    }),
    write: (user) => ({ set: { reviewer_display_name: user.display_name ?? null }, remove: [] }),
  },
  // A cuisine listing entry (membership) shows the restaurant's summary and sorts by its name.
  restaurant_summary: {
    name: 'restaurant_summary',
    sourceEntity: ENTITY.restaurant,
    targetEntity: ENTITY.restaurantCategory,
    sourceColumns: RESTAURANT_SUMMARY_COLUMNS,
    versionAttribute: '_cv_restaurant',
    targetSourceIdAttribute: 'restaurant_id',
    // restaurant_id is the membership's own column; gsi2pk/gsi3pk come from the category copy.
    copiedAttributes: ['name', 'city', 'address_line', 'postal_code', 'country_code', 'latitude', 'longitude', 'price_level', 'dietary_flags', 'gsi2sk', 'gsi3sk', '_cv_restaurant'],
    sourceKey: (restaurantId) => restaurantKey(restaurantId),
    // Memberships live in the restaurant's own partition: a consistent base-table Query.
    targets: (restaurantId) => ({
      indexName: undefined, pkAttribute: 'pk', skAttribute: 'sk', partition: PARTITION.restaurant(restaurantId), skPrefix: 'CATEGORY#',
    }),
    write: (restaurant) => {
      const set: Record<string, SinkValue> = {};
      for (const column of RESTAURANT_SUMMARY_COLUMNS) set[column] = restaurant[column] ?? null;
      return indexWrite(membershipRestaurantIndexKeys({
        restaurant_id: restaurant.restaurant_id, name: restaurant.name, city: restaurant.city,
      }), set);
    },
  },
  // A restaurant's detail lists its categories, and cuisine listings are keyed by the slug.
  category: {
    name: 'category',
    sourceEntity: ENTITY.category,
    targetEntity: ENTITY.restaurantCategory,
    sourceColumns: ['category_id', 'kind', 'slug', 'name'],
    versionAttribute: '_cv_category',
    targetSourceIdAttribute: 'category_id',
    copiedAttributes: ['category_kind', 'category_slug', 'category_name', 'gsi1sk', 'gsi2pk', 'gsi3pk', '_cv_category'],
    sourceKey: (categoryId) => categoryKey(categoryId),
    targets: (categoryId) => ({
      indexName: GSI.copyTargets.name, pkAttribute: GSI.copyTargets.pk, skAttribute: GSI.copyTargets.sk,
      partition: PARTITION.category(categoryId), skPrefix: 'RESTAURANT#',
    }),
    write: (category) => indexWrite(membershipCategoryIndexKeys({
      category_id: category.category_id, kind: category.kind, slug: category.slug,
    }), { category_kind: category.kind ?? null, category_slug: category.slug ?? null, category_name: category.name ?? null }),
  },
};

export function copiesInto(target: Entity): CopyDefinition[] {
  return Object.values(COPIES).filter((c) => c.targetEntity === target);
}

export function copiesFrom(source: Entity): CopyDefinition[] {
  return Object.values(COPIES).filter((c) => c.sourceEntity === source);
}
