/**
 * DynamoDB items (already unmarshalled: PostgreSQL column names → values) to the API's shapes.
 * Pure. An item that lacks an attribute the API shows is not an answer to give: it is an item
 * the sink has not completed yet (a copy not pulled in) or a model bug, and either way the
 * request must be served by PostgreSQL — IncompleteItemError says so.
 */
import { BellyfedError } from '../shared/errors.js';
import { summaryFromRow, detailFromRow, menuItemFromRow, reviewFromRow, type Row } from './rows.js';
import type { Category, MenuItem, RestaurantDetail, RestaurantSummary, Review } from './types.js';

export class IncompleteItemError extends BellyfedError {
  constructor(readonly entity: string, readonly missing: string[]) {
    super('DYNAMODB_ITEM_INCOMPLETE', `a ${entity} item lacks ${missing.join(', ')}: not servable from DynamoDB`);
  }
}

const SUMMARY_ATTRIBUTES = [
  'restaurant_id', 'name', 'city', 'address_line', 'postal_code', 'country_code', 'latitude', 'longitude', 'price_level', 'dietary_flags',
];
const DETAIL_ATTRIBUTES = [...SUMMARY_ATTRIBUTES, 'description', 'phone', 'website', 'opening_hours', 'created_at', 'updated_at'];
const CATEGORY_ATTRIBUTES = ['category_id', 'category_kind', 'category_slug', 'category_name'];
const MENU_ATTRIBUTES = ['item_id', 'section', 'position', 'name', 'description', 'price', 'currency', 'is_available', 'dietary_flags'];
const REVIEW_ATTRIBUTES = ['review_id', 'rating', 'title', 'body', 'visited_on', 'created_at', 'user_id', 'reviewer_display_name'];

function requireAttributes(item: Row, entity: string, names: readonly string[]): Row {
  const missing = names.filter((name) => item[name] === undefined);
  if (missing.length > 0) throw new IncompleteItemError(entity, missing);
  return item;
}

/**
 * jsonb keeps object keys sorted by (byte length, bytes) and node-postgres parses its text in
 * that order; a DynamoDB map comes back in no guaranteed order. Re-sorting makes the bodies
 * byte-identical, not merely equal after canonical key order.
 */
export function inJsonbKeyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).map((k) => ({ k, bytes: Buffer.from(k, 'utf8') }));
  keys.sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes));
  const out: Record<string, unknown> = {};
  for (const { k } of keys) out[k] = inJsonbKeyOrder((value as Record<string, unknown>)[k]);
  return out;
}

export function summaryFromItem(item: Row): RestaurantSummary {
  return summaryFromRow(requireAttributes(item, 'listing', SUMMARY_ATTRIBUTES));
}

/** A membership item's category copy, in the key order of PostgreSQL's json_build_object. */
export function categoryFromItem(item: Row): Category {
  requireAttributes(item, 'restaurant_category', CATEGORY_ATTRIBUTES);
  return {
    id: item.category_id as string,
    kind: item.category_kind as string,
    slug: item.category_slug as string,
    name: item.category_name as string,
  };
}

export function detailFromItems(restaurant: Row, memberships: Row[]): RestaurantDetail {
  requireAttributes(restaurant, 'restaurant', DETAIL_ATTRIBUTES);
  return detailFromRow({ ...restaurant, opening_hours: inJsonbKeyOrder(restaurant.opening_hours) }, memberships.map(categoryFromItem));
}

export function menuItemFromItem(item: Row): MenuItem {
  return menuItemFromRow(requireAttributes(item, 'menu_item', MENU_ATTRIBUTES));
}

export function reviewFromItem(item: Row): Review {
  requireAttributes(item, 'review', REVIEW_ATTRIBUTES);
  return reviewFromRow(item, item.reviewer_display_name as string);
}
