/**
 * Listing every restaurant in name order without one hot partition: each restaurant's listing
 * entry lives in one of LISTING_SHARDS partitions chosen by a hash of its id; a page queries all
 * shards in parallel (each from the cursor, at most limit + 1 entries) and merges them.
 *
 * The count is part of the data layout: changing it means rewriting every restaurant's gsi2pk
 * (a backfill), so it is a constant here, not a setting.
 */
export const LISTING_SHARDS = 8;

/** FNV-1a (32-bit) of the id's text: stable across processes, languages and releases. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function listingShardOf(restaurantId: string): number {
  return fnv1a32(restaurantId) % LISTING_SHARDS;
}

export function allListingShards(): number[] {
  return Array.from({ length: LISTING_SHARDS }, (_, i) => i);
}
