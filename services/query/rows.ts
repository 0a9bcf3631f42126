/**
 * Rows (PostgreSQL column names → values) to the API's JSON shapes. Both readers use these:
 * a DynamoDB item stores each column under its PostgreSQL name, so sharing the mapping is what
 * makes the two stores' bodies identical field for field and in the same key order.
 */
import { formatTimestamp } from './present.js';
import type { Category, MenuItem, RestaurantDetail, RestaurantSummary, Review } from './types.js';

export type Row = Record<string, unknown>;

export function summaryFromRow(row: Row): RestaurantSummary {
  const latitude = row.latitude as number | null;
  const longitude = row.longitude as number | null;
  return {
    id: row.restaurant_id as string,
    name: row.name as string,
    city: row.city as string,
    address: {
      line: row.address_line as string,
      postalCode: row.postal_code as string | null,
      countryCode: row.country_code as string,
    },
    location: latitude === null || longitude === null ? null : { latitude, longitude },
    priceLevel: row.price_level as number,
    dietaryFlags: row.dietary_flags as string[],
  };
}

export function detailFromRow(row: Row, categories: Category[]): RestaurantDetail {
  return {
    ...summaryFromRow(row),
    description: row.description as string | null,
    phone: row.phone as string | null,
    website: row.website as string | null,
    openingHours: row.opening_hours,
    categories,
    createdAt: formatTimestamp(row.created_at as string),
    updatedAt: formatTimestamp(row.updated_at as string),
  };
}

export function menuItemFromRow(row: Row): MenuItem {
  return {
    id: row.item_id as string,
    section: row.section as string,
    position: row.position as number,
    name: row.name as string,
    description: row.description as string | null,
    price: row.price as string,
    currency: row.currency as string,
    isAvailable: row.is_available as boolean,
    dietaryFlags: row.dietary_flags as string[],
  };
}

export function reviewFromRow(row: Row, reviewerDisplayName: string): Review {
  return {
    id: row.review_id as string,
    rating: row.rating as number,
    title: row.title as string | null,
    body: row.body as string,
    visitedOn: row.visited_on as string | null,
    createdAt: formatTimestamp(row.created_at as string),
    reviewer: { id: row.user_id as string, displayName: reviewerDisplayName },
  };
}
