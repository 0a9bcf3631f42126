/**
 * How fresh the DynamoDB projection is, from the watermark items the sink writes
 * (WATERMARK / <table>#<partition>, `_ts` = source commit time of the last applied change; idle
 * partitions advance with Debezium heartbeats). A table is as fresh as its stalest partition; an
 * endpoint as fresh as the stalest table it reads. A table without any watermark item counts as
 * infinitely stale: "no evidence of freshness" must not serve from DynamoDB.
 *
 * The items are read with one Query (`pk = WATERMARK`) at most once per `cacheMs`, shared by all
 * requests (single flight), so the gate costs no DynamoDB read per request.
 */
import { BOOKKEEPING_PARTITION } from '../../model/bookkeeping-keys.js';
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { META } from '../../model/attributes.js';
import { fromItem } from '../../model/marshall.js';
import type { Endpoint } from '../../shared/config/route-spec.js';

export const WATERMARK_PARTITION = BOOKKEEPING_PARTITION.watermark;

/** The PostgreSQL tables each endpoint's items are built from (MODEL.md, "Freshness watermarks"). */
export const TABLES_READ: Record<Endpoint, readonly string[]> = {
  'restaurants.list': ['restaurants', 'restaurant_categories', 'categories'],
  'restaurants.get': ['restaurants', 'restaurant_categories', 'categories'],
  'restaurants.menu': ['menu_items', 'restaurants'],
  'restaurants.reviews': ['reviews', 'users', 'restaurants'],
};

/** Table → oldest watermark (ms) over its partitions. */
export type Watermarks = ReadonlyMap<string, number>;

/** Watermark items (sk `<table>#<partition>`, `~heartbeat` skipped) to the oldest per table. */
export function oldestPerTable(items: readonly Record<string, unknown>[]): Map<string, number> {
  const oldest = new Map<string, number>();
  for (const item of items) {
    const sk = item.sk;
    const ts = item[META.sourceTs];
    if (typeof sk !== 'string' || typeof ts !== 'number') continue;
    const match = /^([^#~][^#]*)#\d+$/.exec(sk);
    if (!match) continue;
    const table = match[1] as string;
    oldest.set(table, Math.min(oldest.get(table) ?? Infinity, ts));
  }
  return oldest;
}

/** Age in ms of what an endpoint would read; Infinity when a table has no watermark. */
export function endpointLagMs(watermarks: Watermarks, endpoint: Endpoint, nowMs: number): number {
  let oldest = Infinity;
  for (const table of TABLES_READ[endpoint]) oldest = Math.min(oldest, watermarks.get(table) ?? -Infinity);
  return nowMs - oldest;
}

export interface WatermarkCacheOptions {
  client: DynamoDBClient;
  tableName: string;
  cacheMs: number;
  now?: () => number;
}

type Cached = { at: number; result: { ok: true; watermarks: Watermarks } | { ok: false; error: unknown } };

export class WatermarkCache {
  private cached: Cached | undefined;
  private inFlight: Promise<Cached> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: WatermarkCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The watermarks, read at most once per cacheMs. A failed read is remembered for the interval
   * too (a dead DynamoDB is not asked again per request) and rethrown to every caller in it.
   * `signal` only stops this caller waiting; the shared read goes on for the others.
   */
  async get(signal?: AbortSignal): Promise<Watermarks> {
    const cached = this.cached;
    const entry = cached !== undefined && this.now() - cached.at < this.options.cacheMs ? cached : await this.refresh(signal);
    if (!entry.result.ok) throw entry.result.error;
    return entry.result.watermarks;
  }

  private refresh(signal: AbortSignal | undefined): Promise<Cached> {
    this.inFlight ??= this.read().then((entry) => {
      this.cached = entry;
      this.inFlight = undefined;
      return entry;
    });
    if (signal === undefined) return this.inFlight;
    return new Promise<Cached>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      void this.inFlight?.then((entry) => {
        signal.removeEventListener('abort', onAbort);
        resolve(entry);
      });
    });
  }

  private async read(): Promise<Cached> {
    try {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
      // A bounded read of its own: the shared refresh must not hang on one caller's deadline.
      const signal = AbortSignal.timeout(Math.max(1000, this.options.cacheMs * 4));
      do {
        const page = await this.options.client.send(new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': { S: WATERMARK_PARTITION } },
          ExclusiveStartKey: startKey,
        }), { abortSignal: signal });
        for (const item of page.Items ?? []) items.push(fromItem(item));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return { at: this.now(), result: { ok: true, watermarks: oldestPerTable(items) } };
    } catch (error) {
      return { at: this.now(), result: { ok: false, error } };
    }
  }
}
