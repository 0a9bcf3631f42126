/**
 * The write stage of one partition batch: its changes' intents coalesced, then written — as
 * BatchWriteItem under the partition's write lease where the lease allows, guarded otherwise —
 * and acknowledged by DynamoDB. When DynamoDB refuses a write for good, the batch is written
 * again one change at a time, guarded (the guard makes the repeats harmless), and only the
 * change(s) refused become dead letters.
 */
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { WriteRejectedError } from '../../shared/dynamodb/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { DeadLetter } from '../dlq/headers.js';
import type { SinkMetrics } from '../metrics.js';
import type { SourceBatch } from '../source/types.js';
import { coalesce } from '../transform/coalesce.js';
import type { TransformedChange } from '../transform/transform-batch.js';
import type { BatchWriter } from './batch-writer.js';
import type { WriteLeases } from './lease/write-leases.js';

export class WriteStage {
  constructor(
    private readonly writer: BatchWriter,
    /** Per-partition write leases for BatchWriteItem; undefined: every write is guarded (SINK_BATCH_WRITES=false). */
    private readonly leases: WriteLeases | undefined,
    private readonly metrics: SinkMetrics,
    private readonly logger: Logger,
  ) {}

  /** Resolves once DynamoDB acknowledged every write of the batch; returns the dead letters of refused changes. */
  async write(calls: DynamoCalls, changes: readonly TransformedChange[], batch: SourceBatch, stillOwned: () => boolean): Promise<DeadLetter[]> {
    try {
      await this.apply(calls, changes, { batch, stillOwned });
      return [];
    } catch (err) {
      if (!(err instanceof WriteRejectedError)) throw err;
      this.logger.warn({ topic: batch.topic, partition: batch.partition, err: err.message }, 'a write was rejected; isolating the event');
      const refused: DeadLetter[] = [];
      for (const change of changes) {
        try {
          await this.apply(calls, [change]);
        } catch (inner) {
          if (!(inner instanceof WriteRejectedError)) throw inner;
          refused.push({ source: change.message, code: 'WRITE_REJECTED', message: inner.message });
        }
      }
      return refused;
    }
  }

  /** With the whole batch: blind writes where the partition's lease allows; without (one change at a time): guarded only. */
  private async apply(
    calls: DynamoCalls, changes: readonly TransformedChange[], whole?: { batch: SourceBatch; stillOwned: () => boolean },
  ): Promise<void> {
    if (changes.length === 0) return;
    const intents = coalesce(changes.flatMap((c) => c.intents));
    this.metrics.batchSize.observe({ stage: 'intents' }, intents.length);
    const first = whole?.batch.messages[0];
    const last = whole?.batch.messages[whole.batch.messages.length - 1];
    const blindWritable = intents.some((i) => i.kind === 'put' || i.kind === 'delete');
    const permit = this.leases && whole && first && last && blindWritable
      ? await this.leases.permitFor(calls, whole.batch, BigInt(first.offset), BigInt(last.offset), whole.stillOwned)
      : undefined;
    this.metrics.writePath.inc({ path: permit ? 'batch' : 'guarded' });
    await this.writer.apply(calls, intents, permit);
  }
}
