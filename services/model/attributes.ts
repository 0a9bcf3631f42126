/**
 * Attribute names the model owns. Row columns are stored under their PostgreSQL names (so a
 * column added in PostgreSQL appears without a deploy); everything the model adds is either a
 * generic key attribute or starts with '_', which no column of ours does (checked on write).
 */
export const KEY = { pk: 'pk', sk: 'sk' } as const;

export const GSI = {
  /** A restaurant's collection: its reviews, itself, its categories, its menu. */
  collection: { name: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk' },
  /** Restaurants by name: all (sharded) and by cuisine. */
  byName: { name: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk' },
  /** Restaurants by city (and cuisine within a city). */
  byCity: { name: 'gsi3', pk: 'gsi3pk', sk: 'gsi3sk' },
  /** Copy targets by their source: reviews by user, memberships by category. */
  copyTargets: { name: 'gsi4', pk: 'gsi4pk', sk: 'gsi4sk' },
} as const;

export type GsiName = keyof typeof GSI;

export const META = {
  /** Entity type: 'restaurant', 'review', … */
  type: '_type',
  /** Version of the row state (model/version.ts): the LSN guard. */
  version: '_v',
  /** Source commit time (ms) of that state, for freshness and debugging. */
  sourceTs: '_ts',
  /** Present (true) on tombstones only. */
  deleted: '_deleted',
  /** Epoch seconds after which DynamoDB's TTL may remove a tombstone. */
  expiresAt: '_ttl',
} as const;

/** Every attribute name a row column must not take. */
export const RESERVED_ATTRIBUTES: ReadonlySet<string> = new Set<string>([
  KEY.pk, KEY.sk, ...Object.values(GSI).flatMap((g) => [g.pk, g.sk]),
]);

export function isReservedAttribute(name: string): boolean {
  return RESERVED_ATTRIBUTES.has(name) || name.startsWith('_');
}

/** Every GSI key attribute: a tombstone has none of them, so it is in no index. */
export const ALL_GSI_KEY_ATTRIBUTES: readonly string[] = Object.values(GSI).flatMap((g) => [g.pk, g.sk]);
