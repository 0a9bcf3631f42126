/**
 * Prometheus metrics of the sink worker, on its own registry (no global state between
 * instances). It is also the writer's WriterStats, so the writer knows nothing of Prometheus.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WriteFailure } from '../shared/dynamodb/classify.js';
import type { WriterStats } from '../shared/dynamodb/stats.js';

export class SinkMetrics implements WriterStats {
  readonly registry = new Registry();
  readonly applied: Counter<'table' | 'op'>;
  readonly batchSize: Histogram<'stage'>;
  readonly writeLatency: Histogram<'operation'>;
  readonly retries: Counter<'reason'>;
  readonly throttles: Counter;
  readonly alreadyNewerCount: Counter<'operation'>;
  readonly deadLetters: Counter<'code'>;
  readonly lag: Gauge<'topic' | 'partition'>;
  readonly batchFailures: Counter;
  readonly writePath: Counter<'path'>;

  constructor(watermarkAges: () => Map<string, number>, pendingJobs: () => number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.applied = new Counter({ name: 'sink_events_applied_total', help: 'Change events applied to DynamoDB, by table and op (c, u, d, r, t; heartbeat).', labelNames: ['table', 'op'] as const, registers });
    this.batchSize = new Histogram({
      name: 'sink_batch_size', help: 'Messages per partition batch (stage=messages) and writes after coalescing (stage=intents).',
      labelNames: ['stage'] as const, buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500], registers,
    });
    this.writeLatency = new Histogram({
      name: 'sink_dynamodb_request_seconds', help: 'DynamoDB request latency by operation, retries included.',
      labelNames: ['operation'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], registers,
    });
    this.retries = new Counter({ name: 'sink_dynamodb_retries_total', help: 'DynamoDB requests sent again, by reason (throttled, transient).', labelNames: ['reason'] as const, registers });
    this.throttles = new Counter({ name: 'sink_dynamodb_throttles_total', help: 'DynamoDB throttling answers (and unprocessed items/keys).', registers });
    this.alreadyNewerCount = new Counter({
      name: 'sink_already_newer_total', help: 'Guarded writes whose condition failed: a newer state was already stored (counted as applied).',
      labelNames: ['operation'] as const, registers,
    });
    this.deadLetters = new Counter({ name: 'sink_dead_letters_total', help: 'Messages sent to the dead-letter topic, by error code.', labelNames: ['code'] as const, registers });
    this.batchFailures = new Counter({ name: 'sink_batch_failures_total', help: 'Batch attempts that failed and were retried in place.', registers });
    this.writePath = new Counter({
      name: 'sink_batches_by_write_path_total',
      help: 'Partition batches written as BatchWriteItem under the write lease (path=batch) or as guarded single-item writes (path=guarded: replay zone, SINK_BATCH_WRITES=false).',
      labelNames: ['path'] as const, registers,
    });
    this.lag = new Gauge({ name: 'sink_partition_lag', help: 'Messages behind the partition end after the last committed batch.', labelNames: ['topic', 'partition'] as const, registers });
    new Gauge({
      name: 'sink_watermark_age_seconds', help: 'Now minus the source commit time of the last change applied, per table (~heartbeat: last heartbeat).',
      labelNames: ['table'] as const, registers,
      collect() {
        const now = Date.now();
        for (const [table, ts] of watermarkAges()) this.set({ table }, Math.max(0, (now - ts) / 1000));
      },
    });
    new Gauge({
      name: 'sink_pending_jobs', help: 'Copy-refresh jobs and truncate sweeps not finished yet.', registers,
      collect() {
        this.set(pendingJobs());
      },
    });
  }

  request(operation: string, seconds: number): void {
    this.writeLatency.observe({ operation }, seconds);
  }

  retry(failure: WriteFailure): void {
    this.retries.inc({ reason: failure });
    if (failure === 'throttled') this.throttles.inc();
  }

  alreadyNewer(operation: string): void {
    this.alreadyNewerCount.inc({ operation });
  }
}
