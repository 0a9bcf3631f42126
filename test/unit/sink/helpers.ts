/** Plain-object builders for sink unit tests (no I/O). */
import type { ChangeEvent, ChangeOp, Row } from '../../../services/model/change-event.js';
import { formatVersion, SNAPSHOT_CLASS, STREAM_CLASS } from '../../../services/model/version.js';

let offset = 0;

/** A streamed change at (commit, lsn); snapshot reads get the snapshot class. */
export function change(
  table: string, op: ChangeOp, images: { before?: Row | null; after?: Row | null }, at: { commit?: number; lsn?: number } = {},
): ChangeEvent {
  const lsn = BigInt(at.lsn ?? 100);
  const version = op === 'r' ? formatVersion(SNAPSHOT_CLASS, 0n, lsn) : formatVersion(STREAM_CLASS, BigInt(at.commit ?? 50), lsn);
  return {
    kind: 'change', table, schema: 'public', op, before: images.before ?? null, after: images.after ?? null, version,
    sourceTsMs: 1_767_225_600_000 + Number(lsn), txId: 7, snapshot: op === 'r',
    position: { topic: `bellyfed.public.${table}`, partition: 0, offset: String(offset++) },
  };
}

export const ids = {
  restaurant: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001',
  restaurant2: '0a6f4a2e-5b1c-4c3d-8e9f-000000000002',
  user: '1b7e5b3f-6c2d-4d4e-9fa0-000000000001',
  user2: '1b7e5b3f-6c2d-4d4e-9fa0-000000000002',
  category: '2c8f6c40-7d3e-4e5f-a0b1-000000000001',
  review: '3d907d51-8e4f-4f60-b1c2-000000000001',
  item: '4ea18e62-9f50-4071-c2d3-000000000001',
  ranking: '5fb29f73-a061-4182-d3e4-000000000001',
};

export const rows = {
  restaurant: (over: Row = {}): Row => ({
    restaurant_id: ids.restaurant, name: 'Café Zürich', description: 'Cosy', city: 'Berlin', address_line: 'Hauptstr. 1',
    postal_code: '10115', country_code: 'DE', latitude: 52.52, longitude: 13.405, phone: null, website: null, price_level: 2,
    opening_hours: { mon: [{ open: '09:00', close: '17:00' }] }, dietary_flags: ['vegan'],
    created_at: '2025-01-02T03:04:05.123456Z', updated_at: '2025-01-02T03:04:05.123456Z', ...over,
  }),
  user: (over: Row = {}): Row => ({
    user_id: ids.user, email: 'a@example.test', display_name: 'Ada', home_city: 'Berlin', preferences: { cuisines: ['thai'] },
    created_at: '2025-01-01T00:00:00.000000Z', updated_at: '2025-01-01T00:00:00.000000Z', ...over,
  }),
  category: (over: Row = {}): Row => ({
    category_id: ids.category, kind: 'cuisine', slug: 'thai', name: 'Thai',
    created_at: '2025-01-01T00:00:00.000000Z', updated_at: '2025-01-01T00:00:00.000000Z', ...over,
  }),
  membership: (over: Row = {}): Row => ({
    restaurant_id: ids.restaurant, category_id: ids.category, created_at: '2025-01-01T00:00:00.000000Z', ...over,
  }),
  menuItem: (over: Row = {}): Row => ({
    item_id: ids.item, restaurant_id: ids.restaurant, section: 'Mains', position: 3, name: 'Pad Thai', description: null,
    price: '12.50', currency: 'EUR', is_available: true, dietary_flags: [],
    created_at: '2025-01-01T00:00:00.000000Z', updated_at: '2025-01-01T00:00:00.000000Z', ...over,
  }),
  review: (over: Row = {}): Row => ({
    review_id: ids.review, restaurant_id: ids.restaurant, user_id: ids.user, rating: 5, title: 'Great', body: 'Loved it',
    visited_on: '2024-12-24', created_at: '2025-01-03T10:00:00.000000Z', updated_at: '2025-01-03T10:00:00.000000Z', ...over,
  }),
  ranking: (over: Row = {}): Row => ({
    user_id: ids.user, ranking_id: ids.ranking, restaurant_id: ids.restaurant, rank_position: 1, notes: null,
    created_at: '2025-01-01T00:00:00.000000Z', updated_at: '2025-01-01T00:00:00.000000Z', ...over,
  }),
  favorite: (over: Row = {}): Row => ({ user_id: ids.user, restaurant_id: ids.restaurant, created_at: '2025-01-01T00:00:00.000000Z', ...over }),
};

/** PostgreSQL's ORDER BY name COLLATE "C", id: bytes of the name, then the uuid. */
export function postgresListingOrder(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8')) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** DynamoDB's order of string keys: UTF-8 bytes. */
export function dynamoOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export { prng } from '../../helpers/prng.js';

export function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
