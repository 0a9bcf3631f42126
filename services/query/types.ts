/** The read API's JSON shapes: the contract both stores (PostgreSQL now, DynamoDB later) must produce. */

export interface Address {
  line: string;
  postalCode: string | null;
  countryCode: string;
}

export interface RestaurantSummary {
  id: string;
  name: string;
  city: string;
  address: Address;
  location: { latitude: number; longitude: number } | null;
  priceLevel: number;
  dietaryFlags: string[];
}

export interface Category {
  id: string;
  kind: string;
  slug: string;
  name: string;
}

export interface RestaurantDetail extends RestaurantSummary {
  description: string | null;
  phone: string | null;
  website: string | null;
  openingHours: unknown;
  categories: Category[];
  createdAt: string;
  updatedAt: string;
}

export interface MenuItem {
  id: string;
  section: string;
  position: number;
  name: string;
  description: string | null;
  /** Exact decimal as a string ("12.50"): money never goes through a float. */
  price: string;
  currency: string;
  isAvailable: boolean;
  dietaryFlags: string[];
}

export interface Review {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  visitedOn: string | null;
  createdAt: string;
  reviewer: { id: string; displayName: string };
}

/** A position in the listing order (name in byte order, then id): valid on every store. */
export interface ListPosition {
  name: string;
  id: string;
}

export interface ListQuery {
  city: string | undefined;
  cuisine: string | undefined;
  limit: number;
  after: ListPosition | undefined;
}

export interface ListPage {
  items: RestaurantSummary[];
  next: ListPosition | undefined;
}

export type DataSource = 'postgres' | 'dynamodb';

/**
 * What a store must answer; the read-router picks an implementation per endpoint. `signal`
 * aborts a read the router no longer waits for (DynamoDB past its deadline); PostgreSQL's
 * statements are bounded by the server-side statement timeout instead.
 */
export interface RestaurantReader {
  readonly source: DataSource;
  listRestaurants(query: ListQuery, signal?: AbortSignal): Promise<ListPage>;
  getRestaurant(id: string, signal?: AbortSignal): Promise<RestaurantDetail | undefined>;
  /** undefined when the restaurant does not exist. */
  listMenu(restaurantId: string, signal?: AbortSignal): Promise<MenuItem[] | undefined>;
  /** The latest `limit` reviews, newest first; undefined when the restaurant does not exist. */
  listReviews(restaurantId: string, limit: number, signal?: AbortSignal): Promise<Review[] | undefined>;
}

export const REVIEWS_PAGE_SIZE = 50;
