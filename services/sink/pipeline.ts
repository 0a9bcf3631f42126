/**
 * The change-event path of the sink, one partition batch at a time, in offset order:
 *
 *   source ─▶ decode ─▶ transform ─▶ write ─▶ (dead letters) ─▶ commit
 *
 * The source (source/kafka-source.ts) hands a batch to handle(); handle() resolves once every
 * effect of the batch is durable — DynamoDB acknowledged the writes, the dead letters are in their
 * topic — and only then does the source commit the batch's offsets. Nothing in the path returns
 * into the supervisor. Beside the path, freshness tracking notes what was applied, and the
 * observer (the latency benchmark) hears about each applied batch.
 */
import type { DynamoCalls } from '../shared/dynamodb/calls.js';
import type { Logger } from '../shared/logger.js';
import { decodeBatch, SerialLane } from './decode/decode-lane.js';
import type { WireDecoder } from './decode/wire-decoder.js';
import type { DeadLetter } from './dlq/headers.js';
import type { DeadLetterProducer } from './dlq/producer.js';
import type { FreshnessTracker } from './freshness/freshness.js';
import type { SinkMetrics } from './metrics.js';
import type { BatchControl, SourceBatch } from './source/types.js';
import { transformBatch } from './transform/transform-batch.js';
import type { WriteLeases } from './writer/lease/write-leases.js';
import type { WriteStage } from './writer/write-stage.js';

/** One partition batch, once applied: when it reached the handler, when DynamoDB had acknowledged all of it. */
export interface AppliedBatch {
  topic: string;
  partition: number;
  receivedAtMs: number;
  appliedAtMs: number;
  changes: Array<{ offset: string; kafkaTimestampMs: number; sourceTsMs: number; table: string }>;
}

export interface BatchObserver {
  batchApplied(batch: AppliedBatch): void;
}

export interface PipelineStages {
  decoder: WireDecoder;
  write: WriteStage;
  deadLetters: DeadLetterProducer;
  freshness: FreshnessTracker;
  calls: DynamoCalls;
  metrics: SinkMetrics;
  logger: Logger;
  /** Told when a partition's batch is done (whatever happened), so its write lease may be released. */
  leases?: WriteLeases | undefined;
  observer?: BatchObserver | undefined;
}

export class ChangePipeline {
  /** Decode and transform are CPU work: one batch at a time (decode/decode-lane.ts). */
  private readonly lane = new SerialLane();

  constructor(private readonly stages: PipelineStages) {}

  /** The source's batch handler: resolves once every effect of the batch is durable. */
  readonly handle = async (batch: SourceBatch, control: BatchControl): Promise<void> => {
    try {
      await this.process(batch, control);
    } finally {
      this.stages.leases?.batchEnded(batch);
    }
  };

  private async process(batch: SourceBatch, control: BatchControl): Promise<void> {
    const { decoder, metrics } = this.stages;
    const receivedAtMs = Date.now();
    const calls = this.stages.calls.with({ onWait: control.heartbeat, signal: control.signal });
    metrics.batchSize.observe({ stage: 'messages' }, batch.messages.length);

    const { decoded, transformed } = await this.lane.run(async () => {
      const decodedBatch = await decodeBatch(decoder, batch.messages);
      return { decoded: decodedBatch, transformed: await transformBatch(decodedBatch.changes) };
    });
    const refused = await this.stages.write.write(calls, transformed.changes, batch, control.stillOwned);
    await this.sendDeadLetters([...decoded.deadLetters, ...transformed.deadLetters, ...refused]);

    this.stages.observer?.batchApplied({
      topic: batch.topic, partition: batch.partition, receivedAtMs, appliedAtMs: Date.now(),
      changes: transformed.changes.map(({ message, event }) => ({
        offset: message.offset, kafkaTimestampMs: message.timestamp, sourceTsMs: event.sourceTsMs, table: event.table,
      })),
    });
    for (const { event } of transformed.changes) metrics.applied.inc({ table: event.table, op: event.op });
    for (let i = 0; i < decoded.heartbeats.length; i++) metrics.applied.inc({ table: '~heartbeat', op: 'heartbeat' });
    this.stages.freshness.applied(transformed.changes, decoded.heartbeats);
    const last = batch.messages[batch.messages.length - 1];
    if (last) {
      const lag = BigInt(batch.highWatermark) - (BigInt(last.offset) + 1n);
      metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(lag < 0n ? 0n : lag));
    }
  }

  private async sendDeadLetters(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    for (const letter of letters) {
      this.stages.logger.warn({
        topic: letter.source.topic, partition: letter.source.partition, offset: letter.source.offset, code: letter.code, reason: letter.message,
      }, 'dead-lettering a message');
    }
    await this.stages.deadLetters.send(letters);
    for (const letter of letters) this.stages.metrics.deadLetters.inc({ code: letter.code });
  }
}
