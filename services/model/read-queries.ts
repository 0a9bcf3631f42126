/**
 * The Queries that serve the read API from DynamoDB (one per endpoint; the unfiltered listing
 * is one Query per listing shard, sent in parallel and merged). Pure: the query service's
 * DynamoDB reader sends them and shapes the items with the same column names PostgreSQL has.
 */
import { GSI } from './attributes.js';
import { COLLECTION, PARTITION } from './keys.js';
import type { KeyQuery, SortKeyRange } from './key-conditions.js';
import { allListingShards } from './listing-shards.js';
import { cityNameIdSortKey, justAfter, keyText, nameIdSortKey, SEPARATOR, SEPARATOR_END } from './sort-key.js';

const collection = (restaurantId: string, range: SortKeyRange, forward: boolean, limit?: number): KeyQuery => ({
  indexName: GSI.collection.name,
  pkAttribute: GSI.collection.pk,
  skAttribute: GSI.collection.sk,
  partition: PARTITION.restaurant(restaurantId),
  range,
  forward,
  limit,
});

/** GET /restaurants/{id}: the restaurant, then its categories in (kind, slug) order. Absent restaurant item → 404. */
export function restaurantDetailQuery(restaurantId: string): KeyQuery {
  return collection(restaurantId, { kind: 'between', from: COLLECTION.restaurant, to: COLLECTION.categoryEnd }, true);
}

/** GET /restaurants/{id}/menu: the restaurant, its categories (skipped), its menu in (position, id) order. */
export function restaurantMenuQuery(restaurantId: string): KeyQuery {
  return collection(restaurantId, { kind: 'between', from: COLLECTION.restaurant, to: COLLECTION.menuEnd }, true);
}

/**
 * GET /restaurants/{id}/reviews: backwards from the restaurant item, so the first item is the
 * restaurant (absent → 404) and the next `limit` are the newest reviews, (created_at, id) DESC.
 */
export function restaurantReviewsQuery(restaurantId: string, limit: number): KeyQuery {
  return collection(restaurantId, { kind: 'between', from: COLLECTION.reviewPrefix, to: COLLECTION.restaurant }, false, limit + 1);
}

export interface ListingRequest {
  city: string | undefined;
  cuisine: string | undefined;
  /** Fetch this many (the API's limit + 1: the extra one only says there is a next page). */
  fetch: number;
  after: { name: string; id: string } | undefined;
}

export interface ListingPlan {
  queries: KeyQuery[];
  /** More than one query: merge their items by sort key (bytes) and keep the first `fetch`. */
  merge: boolean;
}

const byName = (partition: string, range: SortKeyRange, limit: number): KeyQuery => ({
  indexName: GSI.byName.name, pkAttribute: GSI.byName.pk, skAttribute: GSI.byName.sk, partition, range, forward: true, limit,
});
const byCity = (partition: string, range: SortKeyRange, limit: number): KeyQuery => ({
  indexName: GSI.byCity.name, pkAttribute: GSI.byCity.pk, skAttribute: GSI.byCity.sk, partition, range, forward: true, limit,
});

/**
 * GET /restaurants: the same rows, in the same order, as the PostgreSQL listing query. The
 * cursor position (name, id) becomes "sort key >= the smallest key above (name, id)". A cursor
 * name with control characters cannot be encoded: keyText throws RangeError (reject the cursor).
 */
export function listingPlan(request: ListingRequest): ListingPlan {
  const after = request.after === undefined ? undefined : justAfter(nameIdSortKey(request.after.name, request.after.id));
  const nameRange: SortKeyRange = after === undefined ? { kind: 'all' } : { kind: 'from', from: after };
  const { city, cuisine, fetch } = request;

  if (city !== undefined && cuisine !== undefined) {
    // One cuisine's memberships sort by (city, name, id): this city's are one contiguous range.
    const cityPrefix = `${keyText(city, 'city')}${SEPARATOR}`;
    const from = request.after === undefined ? cityPrefix : justAfter(cityNameIdSortKey(city, request.after.name, request.after.id));
    return { queries: [byCity(PARTITION.cuisine(cuisine), { kind: 'between', from, to: `${city}${SEPARATOR_END}` }, fetch)], merge: false };
  }
  if (city !== undefined) return { queries: [byCity(PARTITION.city(keyText(city, 'city')), nameRange, fetch)], merge: false };
  if (cuisine !== undefined) return { queries: [byName(PARTITION.cuisine(cuisine), nameRange, fetch)], merge: false };
  return { queries: allListingShards().map((shard) => byName(PARTITION.listingShard(shard), nameRange, fetch)), merge: true };
}
