/** The read API served from PostgreSQL: one parameterized statement per endpoint. */
import type pg from 'pg';
import { detailFromRow, menuItemFromRow, reviewFromRow, summaryFromRow } from './rows.js';
import { getRestaurantQuery } from './sql/get-restaurant.js';
import { listMenuQuery } from './sql/list-menu.js';
import { listRestaurantsQuery } from './sql/list-restaurants.js';
import { listReviewsQuery } from './sql/list-reviews.js';
import type { Category, ListPage, ListQuery, MenuItem, RestaurantDetail, RestaurantReader, Review } from './types.js';

export class PostgresRestaurantReader implements RestaurantReader {
  readonly source = 'postgres' as const;

  constructor(private readonly pool: pg.Pool) {}

  async listRestaurants(query: ListQuery): Promise<ListPage> {
    const { rows } = await this.pool.query(listRestaurantsQuery(query));
    const page = rows.slice(0, query.limit).map(summaryFromRow);
    const last = page[page.length - 1];
    return { items: page, next: rows.length > query.limit && last ? { name: last.name, id: last.id } : undefined };
  }

  async getRestaurant(id: string): Promise<RestaurantDetail | undefined> {
    const { rows } = await this.pool.query(getRestaurantQuery(id));
    const row = rows[0];
    if (!row) return undefined;
    return detailFromRow(row, row.categories as Category[]);
  }

  async listMenu(restaurantId: string): Promise<MenuItem[] | undefined> {
    const { rows } = await this.pool.query(listMenuQuery(restaurantId));
    if (rows.length === 0) return undefined;
    return rows.filter((row) => row.item_id !== null).map(menuItemFromRow);
  }

  async listReviews(restaurantId: string, limit: number): Promise<Review[] | undefined> {
    const { rows } = await this.pool.query(listReviewsQuery(restaurantId, limit));
    if (rows.length === 0) return undefined;
    return rows.filter((row) => row.review_id !== null).map((row) => reviewFromRow(row, row.display_name as string));
  }
}
