/**
 * The app tables the source connector captures. The publication SQL, the connector's
 * table.include.list and this list must agree; a unit test holds them together.
 */
export const CAPTURED_TABLES = [
  'users',
  'restaurants',
  'categories',
  'restaurant_categories',
  'menu_items',
  'reviews',
  'rankings',
  'favorites',
] as const;

export type CapturedTable = (typeof CAPTURED_TABLES)[number];

export const HEARTBEAT_TABLE = 'public.debezium_heartbeat';
export const SIGNAL_TABLE = 'public.debezium_signal';
export const CDC_ROLE = 'bellyfed_cdc';
