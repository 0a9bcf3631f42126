/**
 * End-to-end freshness per captured table, from the watermark items the sink writes
 * (WATERMARK / <table>#<partition>, `_ts` = source commit time of the last applied change).
 * The partitions come from the change topics, so the keys are known and one BatchGetItem reads
 * them all; a table is as fresh as its stalest partition, and unknown while none has an item.
 */
import { BatchGetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { watermarkKey } from '../../model/bookkeeping-keys.js';
import { META } from '../../model/attributes.js';
import type { PartitionWatermark, TableWatermark } from '../types.js';

/** BatchGetItem reads at most 100 keys per request. */
const BATCH_GET_LIMIT = 100;
/** UnprocessedKeys (throttling) are retried a few times within the sample, then reported unknown. */
const MAX_ROUNDS = 3;

export interface WatermarkOptions {
  readonly dynamodb: DynamoDBClient;
  readonly table: string;
  /** Captured table → partitions of its change topic ([] when the topic does not exist yet). */
  readonly partitions: ReadonlyMap<string, readonly number[]>;
  readonly nowMs: number;
}

export async function readWatermarks(options: WatermarkOptions): Promise<TableWatermark[]> {
  const keys = [...options.partitions].flatMap(([table, partitions]) => partitions.map((p) => watermarkKey(table, p)));
  const found = new Map<string, number>();
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending: Array<Record<string, AttributeValue>> = keys
      .slice(i, i + BATCH_GET_LIMIT)
      .map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } }));
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round += 1) {
      const response = await options.dynamodb.send(new BatchGetItemCommand({
        RequestItems: {
          [options.table]: {
            Keys: pending,
            ProjectionExpression: '#sk, #ts',
            ExpressionAttributeNames: { '#sk': 'sk', '#ts': META.sourceTs },
          },
        },
      }));
      for (const item of response.Responses?.[options.table] ?? []) {
        const ts = item[META.sourceTs]?.N;
        if (item.sk?.S !== undefined && ts !== undefined) found.set(item.sk.S, Number(ts));
      }
      pending = response.UnprocessedKeys?.[options.table]?.Keys ?? [];
    }
  }
  return [...options.partitions].map(([table, partitions]) =>
    tableWatermark(table, partitions.map((p) => ({ partition: p, sourceTsMs: found.get(watermarkKey(table, p).sk) ?? null })), options.nowMs),
  );
}

/** The stalest partition decides; partitions without an item yet do not make a table unknown if others have one. */
export function tableWatermark(table: string, partitions: readonly PartitionWatermark[], nowMs: number): TableWatermark {
  const known = partitions.map((p) => p.sourceTsMs).filter((ts): ts is number => ts !== null);
  const ageSeconds = known.length === 0 ? null : Math.max(0, (nowMs - Math.min(...known)) / 1000);
  return { table, ageSeconds, partitions };
}
