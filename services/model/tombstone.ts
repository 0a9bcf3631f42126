/**
 * A deleted row leaves a tombstone at its item's key: the key, the entity type, the version of
 * the delete and `_deleted`, nothing else — no GSI key, so it is in no index and no endpoint
 * (they all read GSIs or a GetItem that treats a tombstone as absent) ever sees it. Its version
 * makes every older write of the row fail the guard, so a replay resurrects nothing.
 * DynamoDB's TTL removes it once no replay can be older than the delete: the Kafka topics'
 * retention plus a margin.
 */
import type { SinkValue } from './change-event.js';
import { KEY, META } from './attributes.js';
import type { Entity } from './entities.js';
import type { ItemKey } from './keys.js';

/** Kafka retention (7 days) plus one day: a tombstone outlives every event it must block. */
export const TOMBSTONE_LIFETIME_SECONDS = 8 * 24 * 3600;

export function tombstoneItem(key: ItemKey, entity: Entity, version: string, sourceTsMs: number): Record<string, SinkValue> {
  return {
    [KEY.pk]: key.pk,
    [KEY.sk]: key.sk,
    [META.type]: entity,
    [META.version]: version,
    [META.sourceTs]: sourceTsMs,
    [META.deleted]: true,
    // Counted from the source time, not the clock: the same event always builds the same item.
    [META.expiresAt]: Math.floor(sourceTsMs / 1000) + TOMBSTONE_LIFETIME_SECONDS,
  };
}

export function isTombstone(item: Record<string, unknown>): boolean {
  return item[META.deleted] === true;
}
