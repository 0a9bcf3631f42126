/** The read API served from PostgreSQL: one parameterized statement per endpoint. */
import type pg from 'pg';
import { formatTimestamp } from './present.js';
import { getRestaurantQuery } from './sql/get-restaurant.js';
import { listMenuQuery } from './sql/list-menu.js';
import { listRestaurantsQuery } from './sql/list-restaurants.js';
import { listReviewsQuery } from './sql/list-reviews.js';
import type {
  Category, ListPage, ListQuery, MenuItem, RestaurantDetail, RestaurantReader, RestaurantSummary, Review,
} from './types.js';

type DbRow = Record<string, unknown>;

function toSummary(row: DbRow): RestaurantSummary {
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

export class PostgresRestaurantReader implements RestaurantReader {
  readonly source = 'postgres' as const;

  constructor(private readonly pool: pg.Pool) {}

  async listRestaurants(query: ListQuery): Promise<ListPage> {
    const { rows } = await this.pool.query(listRestaurantsQuery(query));
    const page = rows.slice(0, query.limit).map(toSummary);
    const last = page[page.length - 1];
    return { items: page, next: rows.length > query.limit && last ? { name: last.name, id: last.id } : undefined };
  }

  async getRestaurant(id: string): Promise<RestaurantDetail | undefined> {
    const { rows } = await this.pool.query(getRestaurantQuery(id));
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...toSummary(row),
      description: row.description,
      phone: row.phone,
      website: row.website,
      openingHours: row.opening_hours,
      categories: row.categories as Category[],
      createdAt: formatTimestamp(row.created_at),
      updatedAt: formatTimestamp(row.updated_at),
    };
  }

  async listMenu(restaurantId: string): Promise<MenuItem[] | undefined> {
    const { rows } = await this.pool.query(listMenuQuery(restaurantId));
    if (rows.length === 0) return undefined;
    return rows
      .filter((row) => row.item_id !== null)
      .map((row) => ({
        id: row.item_id,
        section: row.section,
        position: row.position,
        name: row.name,
        description: row.description,
        price: row.price,
        currency: row.currency,
        isAvailable: row.is_available,
        dietaryFlags: row.dietary_flags,
      }));
  }

  async listReviews(restaurantId: string, limit: number): Promise<Review[] | undefined> {
    const { rows } = await this.pool.query(listReviewsQuery(restaurantId, limit));
    if (rows.length === 0) return undefined;
    return rows
      .filter((row) => row.review_id !== null)
      .map((row) => ({
        id: row.review_id,
        rating: row.rating,
        title: row.title,
        body: row.body,
        visitedOn: row.visited_on,
        createdAt: formatTimestamp(row.created_at),
        reviewer: { id: row.user_id, displayName: row.display_name },
      }));
  }
}
