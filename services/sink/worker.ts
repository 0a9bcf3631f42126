/**
 * The sink worker: one consumer group over every change topic of the prefix (and the heartbeat).
 * Per partition batch, in offset order: decode → transform → coalesce → write (batched under the
 * partition's write lease, or guarded; acknowledged) → dead letters for poison → watermarks noted
 * → the source commits. Partitions run in parallel (SINK_CONCURRENCY), each in order; in-flight
 * memory is bounded by the fetch sizes and the requests in flight per batch. Nothing here assumes
 * the worker is alone in its group: all state that matters (items, fences, copy jobs, watermarks,
 * write leases) is in DynamoDB, written conditionally.
 */
import type { Admin, Kafka } from 'kafkajs';
import { sleep } from '../shared/backoff.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { BatchDecodeLane, type DecodedChange } from './decode/decode-lane.js';
import type { DeadLetter } from './dlq/headers.js';
import type { DeadLetterProducer } from './dlq/producer.js';
import type { SinkMetrics } from './metrics.js';
import { KafkaChangeSource } from './source/kafka-source.js';
import { StallWatch } from './source/stall-watch.js';
import { resolveSinkTopics } from './source/topics.js';
import type { BatchControl, SourceBatch } from './source/types.js';
import type { WireDecoder } from './decode/wire-decoder.js';
import { coalesce } from './transform/coalesce.js';
import type { BatchWriter } from './writer/batch-writer.js';
import type { DynamoCalls } from '../shared/dynamodb/calls.js';
import { WriteRejectedError } from '../shared/dynamodb/errors.js';
import type { WriteLeases } from './writer/lease/write-leases.js';
import type { Watermarks } from './freshness/watermarks.js';
import { appTableOf, isCaughtUp, readPositions } from './source/positions.js';

export interface SinkWorkerDeps {
  kafka: Kafka;
  decoder: WireDecoder;
  calls: DynamoCalls;
  writer: BatchWriter;
  watermarks: Watermarks;
  deadLetters: DeadLetterProducer;
  metrics: SinkMetrics;
  logger: Logger;
  /** Per-partition write leases for BatchWriteItem; undefined: every write is guarded (SINK_BATCH_WRITES=false). */
  leases?: WriteLeases | undefined;
  /** Told about every batch once its effects are durable (before the commit): the latency benchmark's probe. */
  observer?: BatchObserver | undefined;
}

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

export interface SinkWorkerOptions {
  topicPrefix: string;
  groupId: string;
  concurrency: number;
  maxWaitMs: number;
  /** How often the topic list is checked for new change topics. */
  topicRefreshMs: number;
}

/**
 * How long an owned partition with a backlog may go without a batch before the consumer is
 * replaced: well above the longest retry backoff (10 s) and a slow batch, well below an
 * operator's patience.
 */
const STALL_MS = 60_000;

export class SinkWorker {
  private source: KafkaChangeSource | undefined;
  private topics: string[] = [];
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private joined = false;
  private crashed = false;
  private caughtUpCheck: Promise<void> | undefined;
  private readonly stallWatch = new StallWatch(STALL_MS);
  private readonly decodeLane: BatchDecodeLane;

  constructor(private readonly deps: SinkWorkerDeps, private readonly options: SinkWorkerOptions) {
    this.decodeLane = new BatchDecodeLane(deps.decoder);
  }

  get ready(): boolean {
    return this.joined && !this.crashed && !this.stopping.signal.aborted;
  }

  /** Starts consuming as soon as change topics exist; returns at once. */
  start(): void {
    this.loop = this.superviseTopics().catch((err: unknown) => {
      this.deps.logger.error({ err: describeError(err) }, 'sink topic supervisor stopped');
    });
  }

  /** Waits for topics, (re)subscribes when the set grows or the consumer crashed. */
  private async superviseTopics(): Promise<void> {
    const admin = this.deps.kafka.admin();
    let adminConnected = false;
    let waitingLogged = false;
    while (!this.stopping.signal.aborted) {
      try {
        if (!adminConnected) {
          await admin.connect();
          adminConnected = true;
        }
        const topics = await resolveSinkTopics(admin, this.options.topicPrefix);
        if (topics.length === 0) {
          if (!waitingLogged) {
            this.deps.logger.info({ prefix: this.options.topicPrefix }, 'no change topics yet (Debezium creates them with the first event); waiting');
            waitingLogged = true;
          }
        } else {
          if (this.source && this.joined && !this.crashed) await this.checkForStall(admin);
          if (this.crashed || topics.join('\n') !== this.topics.join('\n')) await this.subscribe(topics);
        }
      } catch (err) {
        // UNKNOWN_TOPIC_OR_PARTITION (a topic listed but not ready yet), broker down: try again.
        this.deps.logger.warn({ err: describeError(err) }, 'could not subscribe to the change topics yet; retrying');
        this.crashed = true;
        if (adminConnected) await admin.disconnect().catch(() => undefined);
        adminConnected = false;
      }
      await sleep(this.options.topicRefreshMs, this.stopping.signal);
    }
    if (adminConnected) await admin.disconnect().catch(() => undefined);
  }

  private async subscribe(topics: string[]): Promise<void> {
    if (this.source) {
      this.deps.logger.info({ added: topics.filter((t) => !this.topics.includes(t)) }, 'change topics changed; re-subscribing');
      this.joined = false;
      await this.source.stop();
      this.source = undefined;
    }
    const source = new KafkaChangeSource({
      kafka: this.deps.kafka,
      groupId: this.options.groupId,
      topics,
      logger: this.deps.logger,
      concurrency: this.options.concurrency,
      maxWaitTimeMs: this.options.maxWaitMs,
      fromBeginning: true,
      onRetry: () => this.deps.metrics.batchFailures.inc(),
    });
    const consumer = source.kafkaConsumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      if (this.source !== source) {
        // A replaced consumer that joined anyway would hold partitions it never processes.
        this.deps.logger.warn({ memberId: event.payload.memberId }, 'a replaced consumer rejoined the group; stopping it');
        void source.stop().catch((err: unknown) => this.deps.logger.warn({ err: describeError(err) }, 'could not stop a replaced consumer'));
        return;
      }
      this.stallWatch.assign(event.payload.memberAssignment);
      const assignment = Object.entries(event.payload.memberAssignment);
      this.deps.leases?.keepOnly(new Map(assignment.map(([topic, partitions]) => [topic, new Set(partitions)])));
      this.deps.leases?.prepare(assignment
        .filter(([topic]) => appTableOf(topic, this.options.topicPrefix) !== undefined)
        .flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition }))));
      this.joined = true;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.source !== source) return;
      this.deps.logger.error({ err: describeError(event.payload.error) }, 'consumer crashed; replacing it with a new one');
      this.crashed = true;
    });
    this.crashed = false;
    this.source = source;
    this.topics = topics;
    try {
      await source.run(async (batch, control) => {
        this.stallWatch.batchStarted(batch.topic, batch.partition);
        try {
          await this.handleBatch(batch, control);
        } finally {
          this.stallWatch.batchEnded(batch.topic, batch.partition);
          this.deps.leases?.batchEnded(batch);
        }
      });
    } catch (err) {
      await source.stop().catch(() => undefined);
      this.source = undefined;
      this.topics = [];
      throw err;
    }
    this.deps.logger.info({ topics: topics.length, group: this.options.groupId }, 'consuming change topics');
  }

  /** A consumer that silently stopped fetching owned partitions is replaced (source/stall-watch.ts). */
  private async checkForStall(admin: Admin): Promise<void> {
    const stalled = this.stallWatch.stalled(await readPositions(admin, this.options.groupId, this.topics));
    if (stalled.length === 0) return;
    this.deps.logger.warn({
      partitions: stalled.map((p) => `${p.topic}/${p.partition} at ${p.committed ?? 'none'} of ${p.end}`),
    }, 'the consumer has not fetched partitions it owns and is behind on; re-subscribing');
    this.crashed = true;
  }

  /** Resolves once every effect of the batch is durable (then the source commits its offset). */
  async handleBatch(batch: SourceBatch, control: BatchControl): Promise<void> {
    const { metrics, watermarks } = this.deps;
    const receivedAtMs = Date.now();
    const calls = this.deps.calls.with({ onWait: control.heartbeat, signal: control.signal });
    const decoded = await this.decodeLane.decode(batch.messages);
    const deadLetters = [...decoded.deadLetters];
    metrics.batchSize.observe({ stage: 'messages' }, batch.messages.length);
    try {
      await this.apply(calls, decoded.changes, { batch, stillOwned: control.stillOwned });
    } catch (err) {
      if (!(err instanceof WriteRejectedError)) throw err;
      // Find the event(s) DynamoDB refuses: one at a time, guarded (the guard makes the repeats harmless).
      this.deps.logger.warn({ topic: batch.topic, partition: batch.partition, err: err.message }, 'a write was rejected; isolating the event');
      for (const change of decoded.changes) {
        try {
          await this.apply(calls, [change]);
        } catch (inner) {
          if (!(inner instanceof WriteRejectedError)) throw inner;
          deadLetters.push({ source: change.message, code: 'WRITE_REJECTED', message: inner.message });
        }
      }
    }
    await this.sendDeadLetters(deadLetters);
    this.deps.observer?.batchApplied({
      topic: batch.topic, partition: batch.partition, receivedAtMs, appliedAtMs: Date.now(),
      changes: decoded.changes.map(({ message, event }) => ({
        offset: message.offset, kafkaTimestampMs: message.timestamp, sourceTsMs: event.sourceTsMs, table: event.table,
      })),
    });

    for (const { event } of decoded.changes) {
      metrics.applied.inc({ table: event.table, op: event.op });
      watermarks.note(event.table, event.position.partition, event.sourceTsMs);
    }
    for (const heartbeat of decoded.heartbeats) {
      metrics.applied.inc({ table: '~heartbeat', op: 'heartbeat' });
      watermarks.noteHeartbeat(heartbeat.sourceTsMs);
    }
    if (decoded.heartbeats.length > 0) this.advanceQuietTables(Math.max(...decoded.heartbeats.map((h) => h.sourceTsMs)));
    const last = batch.messages[batch.messages.length - 1];
    if (last) {
      const lag = BigInt(batch.highWatermark) - (BigInt(last.offset) + 1n);
      metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(lag < 0n ? 0n : lag));
    }
  }

  /** See caught-up.ts. One check at a time; a failed check only leaves watermarks where they were. */
  private advanceQuietTables(heartbeatTsMs: number): void {
    if (this.caughtUpCheck !== undefined) return;
    this.caughtUpCheck = (async () => {
      const admin = this.deps.kafka.admin();
      await admin.connect();
      try {
        const appTopics = this.topics.filter((t) => appTableOf(t, this.options.topicPrefix) !== undefined);
        const positions = await readPositions(admin, this.options.groupId, appTopics);
        if (positions.length === 0 || !positions.every(isCaughtUp)) return;
        for (const p of positions) this.deps.watermarks.note(appTableOf(p.topic, this.options.topicPrefix) as string, p.partition, heartbeatTsMs);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    })()
      .catch((err: unknown) => this.deps.logger.warn({ err: describeError(err) }, 'could not check whether the group is caught up'))
      .finally(() => {
        this.caughtUpCheck = undefined;
      });
  }

  /** With the whole batch: blind writes where the partition's lease allows; without (one event at a time): guarded only. */
  private async apply(
    calls: DynamoCalls, changes: readonly DecodedChange[], whole?: { batch: SourceBatch; stillOwned: () => boolean },
  ): Promise<void> {
    if (changes.length === 0) return;
    const intents = coalesce(changes.flatMap((c) => c.intents));
    this.deps.metrics.batchSize.observe({ stage: 'intents' }, intents.length);
    const first = whole?.batch.messages[0];
    const last = whole?.batch.messages[whole.batch.messages.length - 1];
    const blindWritable = intents.some((i) => i.kind === 'put' || i.kind === 'delete');
    const permit = this.deps.leases && whole && first && last && blindWritable
      ? await this.deps.leases.permitFor(calls, whole.batch, BigInt(first.offset), BigInt(last.offset), whole.stillOwned)
      : undefined;
    this.deps.metrics.writePath.inc({ path: permit ? 'batch' : 'guarded' });
    await this.deps.writer.apply(calls, intents, permit);
  }

  private async sendDeadLetters(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    for (const letter of letters) {
      this.deps.logger.warn({
        topic: letter.source.topic, partition: letter.source.partition, offset: letter.source.offset, code: letter.code, reason: letter.message,
      }, 'dead-lettering a message');
    }
    await this.deps.deadLetters.send(letters);
    for (const letter of letters) this.deps.metrics.deadLetters.inc({ code: letter.code });
  }

  /** Stops fetching, lets the in-flight batches finish and commit, leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.joined = false;
    await this.source?.stop();
    await this.loop;
    // Every batch has ended: the next holder of these partitions need not wait out the leases.
    await this.deps.leases?.releaseAll();
  }
}

export type { Admin };
