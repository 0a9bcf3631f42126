/**
 * ChangeEventSource on a kafkajs consumer group: the only place the sink touches kafkajs's
 * consumer. Offsets are committed by hand, per partition, only after the handler resolved for the
 * whole batch. A handler failure that can pass is retried in place with the sink-batch backoff
 * (the partition waits, others go on); a bug (services/shared/errors/classify.ts) is never
 * retried: the source reports it as fatal and fetches no more. A revoked partition abandons its
 * batch uncommitted, and its next owner starts from the last committed offset. Assignment,
 * crashes and batch activity are reported to the listener.
 */
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { backoffDelayMs, sleep, type BackoffPolicy } from '../../shared/backoff.js';
import { describeError, isProgrammerError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { RETRY_POLICIES } from '../../shared/retry-policies.js';
import type { BatchHandler, ChangeEventSource, RawMessage, SourceBatch, SourceListener } from './types.js';

export interface KafkaSourceOptions {
  kafka: Kafka;
  groupId: string;
  /** Topics to consume: names or patterns (new matching topics join at the next metadata refresh). */
  topics: Array<string | RegExp>;
  logger: Logger;
  /** How many partitions are processed at once (each in order). */
  concurrency: number;
  /** Longest the broker waits to fill a fetch; low for latency. */
  maxWaitTimeMs: number;
  retryBackoff?: BackoffPolicy;
  /** Read from the beginning when the group has no committed offset (true for a CDC sink: a snapshot must not be skipped). */
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
  listener: SourceListener;
}

function headersOf(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (Buffer.isBuffer(v)) out[k] = v.toString('utf8');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export class KafkaChangeSource implements ChangeEventSource {
  private readonly consumer: Consumer;
  private readonly stopping = new AbortController();

  constructor(private readonly options: KafkaSourceOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: options.maxWaitTimeMs,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
      // maxBytes bounds what one fetch pulls into memory, whatever the backlog. Per partition it
      // may take half of that: a backlog then comes in batches of ~5,000 events, and the more
      // changes of one item a batch holds, the fewer writes coalescing leaves (docs/SINK.md,
      // "Throughput").
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 8 * 1024 * 1024,
      // kafkajs restarts a crashed consumer from a timer that a concurrent disconnect() does not
      // always clear: the "stopped" consumer rejoined the group, kept its partitions and never
      // processed them (fault drill 3, broker restart). The owner replaces a crashed consumer
      // with a new one instead (CRASH has restart=false), so there is one place that restarts.
      retry: { restartOnFailure: async () => false },
    });
  }

  private listen(): void {
    const { listener } = this.options;
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => listener.assigned(event.payload.memberAssignment));
    this.consumer.on(this.consumer.events.CRASH, (event) => listener.crashed(event.payload.error));
  }

  async run(handler: BatchHandler): Promise<void> {
    this.listen();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency,
      eachBatch: (payload) => this.processBatch(payload, handler),
    });
  }

  private async processBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const sourceBatch: SourceBatch = {
      topic: batch.topic,
      partition: batch.partition,
      highWatermark: batch.highWatermark,
      messages: batch.messages.map(
        (m): RawMessage => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key ?? null,
          value: m.value ?? null,
          timestamp: Number(m.timestamp),
          headers: headersOf(m.headers as Record<string, unknown>),
        }),
      ),
    };
    const stillOwned = () => payload.isRunning() && !payload.isStale() && !this.stopping.signal.aborted;
    const control = { stillOwned, heartbeat: () => payload.heartbeat(), signal: this.stopping.signal };
    const { listener } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (!stillOwned()) return; // revoked or stopping: uncommitted, the next owner replays it
      listener.batchStarted(sourceBatch);
      try {
        await handler(sourceBatch, control);
        break;
      } catch (err) {
        if (isProgrammerError(err)) {
          // A bug: retrying hides it and dead-lettering loses data. Nothing is committed.
          this.stopping.abort();
          listener.fatal(sourceBatch, err);
          return;
        }
        listener.batchFailed(sourceBatch, err, attempt);
        this.options.logger.warn(
          { topic: batch.topic, partition: batch.partition, firstOffset: batch.firstOffset(), attempt, err: describeError(err) },
          'batch failed; retrying the same batch after a backoff',
        );
        const delay = backoffDelayMs(attempt, this.options.retryBackoff ?? RETRY_POLICIES.sinkBatch);
        const until = Date.now() + delay;
        while (Date.now() < until && stillOwned()) {
          await sleep(Math.min(1000, until - Date.now()), this.stopping.signal);
          await payload.heartbeat().catch(() => undefined);
        }
      } finally {
        listener.batchEnded(sourceBatch);
      }
    }
    if (!stillOwned() && !this.stopping.signal.aborted) return;
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
    await payload.heartbeat();
  }

  async stop(): Promise<void> {
    // kafkajs's disconnect waits for running eachBatch calls to finish; the abort only cuts
    // backoff sleeps short. A batch whose handler completed is committed before leaving.
    this.stopping.abort();
    await this.consumer.disconnect();
  }
}
