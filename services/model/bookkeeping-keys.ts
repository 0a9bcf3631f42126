/**
 * Keys of the items the sink keeps about itself (not projected from any row). They live in a
 * few fixed partitions that are small and read rarely (the router caches watermarks).
 */
import type { ItemKey } from './keys.js';

/** Freshness per table and Kafka partition; a table is as fresh as its stalest partition. */
export function watermarkKey(table: string, partition: number): ItemKey {
  return { pk: 'WATERMARK', sk: `${table}#${partition}` };
}

/** The last Debezium heartbeat the sink applied (the connector's own progress). */
export const HEARTBEAT_WATERMARK_KEY: ItemKey = { pk: 'WATERMARK', sk: '~heartbeat' };

/** A truncate fence: changes of the table older than its version are dropped. */
export function truncateFenceKey(table: string): ItemKey {
  return { pk: 'TRUNCATE', sk: table };
}

/** The write lease of one Kafka partition (owner, epoch, expiry, replay horizon). */
export function partitionLeaseKey(topic: string, partition: number): ItemKey {
  return { pk: 'LEASE', sk: `${topic}#${partition}` };
}

/** A durable copy-refresh job: which copy, from which source version, and how far it got. */
export function copyJobKey(copy: string, sourceId: string, version: string): ItemKey {
  return { pk: 'COPY_JOB', sk: `${copy}#${sourceId}#${version}` };
}
