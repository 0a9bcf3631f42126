/**
 * Keys of the items the sink keeps about itself (not projected from any row). They live in a
 * few fixed partitions that are small and read rarely (the router caches watermarks).
 */
import type { ItemKey } from './keys.js';

/** The partitions of bookkeeping items; no projected item's pk has one of these values. */
export const BOOKKEEPING_PARTITION = {
  watermark: 'WATERMARK',
  truncateFence: 'TRUNCATE',
  writeLease: 'LEASE',
  copyJob: 'COPY_JOB',
} as const;

/** Freshness per table and Kafka partition; a table is as fresh as its stalest partition. */
export function watermarkKey(table: string, partition: number): ItemKey {
  return { pk: BOOKKEEPING_PARTITION.watermark, sk: `${table}#${partition}` };
}

/** The last Debezium heartbeat the sink applied (the connector's own progress). */
export const HEARTBEAT_WATERMARK_KEY: ItemKey = { pk: BOOKKEEPING_PARTITION.watermark, sk: '~heartbeat' };

/** A truncate fence: changes of the table older than its version are dropped. */
export function truncateFenceKey(table: string): ItemKey {
  return { pk: BOOKKEEPING_PARTITION.truncateFence, sk: table };
}

/** The write lease of one Kafka partition (owner, epoch, expiry, replay horizon). */
export function partitionLeaseKey(topic: string, partition: number): ItemKey {
  return { pk: BOOKKEEPING_PARTITION.writeLease, sk: `${topic}#${partition}` };
}

/** A durable copy-refresh job: which copy, from which source version, and how far it got. */
export function copyJobKey(copy: string, sourceId: string, version: string): ItemKey {
  return { pk: BOOKKEEPING_PARTITION.copyJob, sk: `${copy}#${sourceId}#${version}` };
}
