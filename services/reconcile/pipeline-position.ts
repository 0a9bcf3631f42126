/**
 * Has the pipeline applied everything committed before a snapshot? Read from the sink's own
 * bookkeeping items (MODEL.md, Freshness watermarks):
 * - every watermark of the tables concerned is past the snapshot's clock (`_ts` is the source
 *   time of the last applied change or, for a drained partition, of a Debezium heartbeat): each
 *   partition has applied a change committed after the snapshot, hence everything before it;
 * - no copy job from a change older than the snapshot is pending (copies fan out after the
 *   batch is committed), and no truncate sweep is pending.
 * No watermark at all means no sink writes this table: nothing can be in flight.
 */
import { BOOKKEEPING_PARTITION } from '../model/bookkeeping-keys.js';
import type { DynamoCalls, Item } from '../shared/dynamodb/calls.js';
import { isAheadOf } from './in-flight.js';
import type { SnapshotPoint } from '../model/checker/read-sides.js';

export type PipelinePosition = 'passed' | 'behind' | 'no-pipeline';

async function partition(calls: DynamoCalls, pk: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: Item | undefined;
  do {
    const page = await calls.query({
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, ConsistentRead: true,
      ...(cursor !== undefined ? { ExclusiveStartKey: cursor } : {}),
    }, `${pk} items`);
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor !== undefined);
  return items;
}

/** Pure: the decision from the bookkeeping items. `tables`: the source tables whose changes matter. */
export function pipelinePosition(
  watermarks: readonly Item[], copyJobs: readonly Item[], fences: readonly Item[], tables: ReadonlySet<string>, point: SnapshotPoint,
): PipelinePosition {
  if (watermarks.length === 0) return 'no-pipeline';
  for (const item of watermarks) {
    const sk = item.sk?.S ?? '';
    const table = sk === '~heartbeat' ? sk : sk.slice(0, sk.lastIndexOf('#'));
    if (table !== '~heartbeat' && !tables.has(table)) continue;
    if (!(Number(item._ts?.N ?? '0') > point.atMs)) return 'behind';
  }
  if (copyJobs.some((job) => !isAheadOf(job.version?.S, point.lsn))) return 'behind';
  if (fences.some((fence) => fence.pending?.BOOL === true)) return 'behind';
  return 'passed';
}

export async function readPipelinePosition(calls: DynamoCalls, tables: ReadonlySet<string>, point: SnapshotPoint): Promise<PipelinePosition> {
  const [watermarks, copyJobs, fences] = await Promise.all([partition(calls, BOOKKEEPING_PARTITION.watermark), partition(calls, BOOKKEEPING_PARTITION.copyJob), partition(calls, BOOKKEEPING_PARTITION.truncateFence)]);
  return pipelinePosition(watermarks, copyJobs, fences, tables, point);
}
