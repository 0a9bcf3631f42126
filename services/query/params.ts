/** Validation of what a client sends: every rule gives a 400 with a code and a message naming the parameter. */
import { BellyfedError } from '../shared/errors.js';
import { decodeCursor } from './cursor.js';
import type { ListQuery } from './types.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const MAX_CITY_LENGTH = 200;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Control characters never occur in stored names (a CHECK constraint), and NUL cannot reach PostgreSQL.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export type RawQuery = Record<string, unknown>;

function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new BellyfedError('INVALID_PARAMETER', `query parameter '${name}' must be given at most once`);
  }
  return value;
}

function rejectUnknown(query: RawQuery, allowed: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((k) => `'${k.slice(0, 64)}'`).join(', ');
    throw new BellyfedError(
      'UNKNOWN_PARAMETER',
      `unknown query parameter ${shown}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
    );
  }
}

export function parseListQuery(query: RawQuery): ListQuery {
  rejectUnknown(query, ['city', 'cuisine', 'limit', 'cursor']);
  const city = single(query, 'city');
  if (city !== undefined && (city.length === 0 || city.length > MAX_CITY_LENGTH || CONTROL_CHARACTERS.test(city))) {
    throw new BellyfedError('INVALID_PARAMETER', `query parameter 'city' must be 1 to ${MAX_CITY_LENGTH} characters without control characters`);
  }
  const cuisine = single(query, 'cuisine');
  if (cuisine !== undefined && (cuisine.length > 64 || !SLUG.test(cuisine))) {
    throw new BellyfedError('INVALID_PARAMETER', "query parameter 'cuisine' must be a cuisine slug such as 'japanese' or 'middle-eastern'");
  }
  const limitText = single(query, 'limit');
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      throw new BellyfedError('INVALID_PARAMETER', `query parameter 'limit' must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    limit = Number(limitText);
  }
  const cursor = single(query, 'cursor');
  return { city, cuisine, limit, after: cursor === undefined ? undefined : decodeCursor(cursor) };
}

/** Endpoints without query parameters refuse any. */
export function parseNoQuery(query: RawQuery): void {
  rejectUnknown(query, []);
}

export function parseRestaurantId(raw: string): string {
  if (!UUID.test(raw)) {
    throw new BellyfedError('INVALID_PARAMETER', "path parameter 'id' must be a UUID such as 3f2b8c1e-7d4a-4b6e-9c0d-1a2b3c4d5e6f");
  }
  return raw.toLowerCase();
}
