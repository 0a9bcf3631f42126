/**
 * Freshness: the source time of the last applied change per (table, Kafka partition), and of the
 * last heartbeat. Noted only after the batch's writes were acknowledged; written at most about
 * once per interval per item (throttled), each write conditional so a watermark only moves forward.
 */
import { HEARTBEAT_WATERMARK_KEY, watermarkKey } from '../../model/bookkeeping-keys.js';
import type { ItemKey } from '../../model/keys.js';
import { watermarkCondition } from '../../model/guards.js';
import { META } from '../../model/attributes.js';
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';

export const HEARTBEAT_TABLE_LABEL = '~heartbeat';

export class Watermarks {
  private readonly pending = new Map<string, { key: ItemKey; table: string; ts: number }>();
  /** Latest noted source time per table (any partition this worker applied). */
  readonly latestByTable = new Map<string, number>();

  note(table: string, partition: number, sourceTsMs: number): void {
    const key = table === HEARTBEAT_TABLE_LABEL ? HEARTBEAT_WATERMARK_KEY : watermarkKey(table, partition);
    const id = `${key.pk}\u0000${key.sk}`;
    const current = this.pending.get(id);
    if (current === undefined || current.ts < sourceTsMs) this.pending.set(id, { key, table, ts: sourceTsMs });
    if ((this.latestByTable.get(table) ?? -Infinity) < sourceTsMs) this.latestByTable.set(table, sourceTsMs);
  }

  noteHeartbeat(sourceTsMs: number): void {
    this.note(HEARTBEAT_TABLE_LABEL, 0, sourceTsMs);
  }

  /** Writes what was noted since the last flush (the caller runs this on a timer and at shutdown). */
  async flush(calls: DynamoCalls): Promise<void> {
    const batch = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, { key, table, ts }] of batch) {
      try {
        await calls.update({
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: 'SET #ts = :ts, #tbl = :tbl, #at = :at',
          ...mergeNames(watermarkCondition(ts), { '#tbl': 'table', '#at': 'written_at' }, { ':tbl': { S: table }, ':at': { N: String(Date.now()) } }),
        }, `watermark ${key.sk}`);
      } catch (err) {
        // Keep it for the next flush unless a newer one was noted meanwhile.
        if (!this.pending.has(id)) this.pending.set(id, { key, table, ts });
        throw err;
      }
    }
  }
}

function mergeNames(
  condition: ReturnType<typeof watermarkCondition>, names: Record<string, string>, values: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>,
) {
  return {
    ConditionExpression: condition.ConditionExpression,
    ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, ...names, '#ts': META.sourceTs },
    ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...values },
  };
}
