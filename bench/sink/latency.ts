/**
 * The latency phase: a steady rate of changes into the source database with the real sink running
 * in this process (startSink, with a BatchObserver), caught up beforehand. For every change:
 *   t_commit  source.ts_ms of its Debezium event (PostgreSQL's commit time),
 *   t_kafka   the Kafka record's timestamp (CreateTime: Connect's producer handed it over),
 *   t_consume the sink's batch handler received the batch holding it,
 *   t_applied DynamoDB had acknowledged every write of that batch (the item is visible).
 * capture = t_kafka − t_commit, kafka = t_consume − t_kafka, sink = t_applied − t_consume,
 * end to end = t_applied − t_commit. One clock: everything runs on this machine.
 */
import type pg from 'pg';
import { loadConfig } from '../../services/shared/config.js';
import type { Logger } from '../../services/shared/logger.js';
import { startSink, type AppliedBatch } from '../../services/sink/index.js';
import { allCaughtUp, groupPositions, withAdmin } from './kafka-admin.js';
import { waitUntil } from './wait.js';
import { steadyChanges } from './workload.js';

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface LatencyResult {
  /** The rate asked for, and the rate PostgreSQL took the changes at. */
  targetRate: number;
  changes: number;
  rate: number;
  observed: number;
  capture: Percentiles;
  kafka: Percentiles;
  sink: Percentiles;
  endToEnd: Percentiles;
  /** Changes per applied batch (mean): how much the sink batches at this rate. */
  meanBatch: number;
  /** The sink's DynamoDB requests during the phase: count and mean latency (ms, retries included) per operation. */
  requests: Record<string, { count: number; meanMs: number }>;
}

type RequestTotals = Record<string, { count: number; sum: number }>;

async function requestTotals(registry: { getSingleMetricAsString(name: string): Promise<string> }): Promise<RequestTotals> {
  const text = await registry.getSingleMetricAsString('sink_dynamodb_request_seconds');
  const out: RequestTotals = {};
  for (const m of text.matchAll(/^sink_dynamodb_request_seconds_(sum|count)\{operation="([^"]+)"\} ([\d.e+-]+)/gm)) {
    const entry = (out[m[2]!] ??= { count: 0, sum: 0 });
    entry[m[1] as 'sum' | 'count'] = Number(m[3]);
  }
  return out;
}

function requestsBetween(before: RequestTotals, after: RequestTotals): LatencyResult['requests'] {
  const out: LatencyResult['requests'] = {};
  for (const [op, a] of Object.entries(after)) {
    const count = a.count - (before[op]?.count ?? 0);
    if (count > 0) out[op] = { count, meanMs: ((a.sum - (before[op]?.sum ?? 0)) / count) * 1000 };
  }
  return out;
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export async function measureLatency(
  pool: pg.Pool, env: NodeJS.ProcessEnv, logger: Logger,
  options: { prefix: string; groupId: string; rates: readonly number[]; seconds: number; log: (line: string) => void },
): Promise<LatencyResult[]> {
  const config = loadConfig(env);
  let batches: AppliedBatch[] = [];
  let from = Infinity;
  const sink = await startSink(config, logger, {
    observer: { batchApplied: (batch) => (batch.changes.some((c) => c.sourceTsMs >= from) ? batches.push(batch) : undefined) },
  });
  // Caught up: every partition committed to its end, and no copy job left (the preload's snapshot
  // pushes fan out over every review; that backlog is not the steady state being measured).
  const caughtUp = async () => {
    await withAdmin(config, (admin) =>
      waitUntil(async () => allCaughtUp(await groupPositions(admin, options.prefix, options.groupId)), 'the sink to be caught up', 900_000, 100));
    const passes = sink.maintenance.passes;
    await waitUntil(() => sink.maintenance.passes > passes && sink.maintenance.pendingJobs === 0, 'the copy jobs to be done', 900_000, 100);
  };
  try {
    await waitUntil(() => sink.supervisor.ready, 'the in-process sink to join its group', 60_000, 20);
    const results: LatencyResult[] = [];
    for (const targetRate of options.rates) {
      await caughtUp();
      batches = [];
      const totalsBefore = await requestTotals(sink.metrics.registry);
      from = Date.now();
      options.log(`latency: ${targetRate} changes/s for ${options.seconds} s…`);
      const { changes, rate } = await steadyChanges(pool, targetRate, options.seconds);
      await caughtUp();
      const phaseFrom = from;
      from = Infinity;
      const requests = requestsBetween(totalsBefore, await requestTotals(sink.metrics.registry));
      results.push({ ...summarize(batches, phaseFrom, { targetRate, changes, rate }), requests });
    }
    return results;
  } finally {
    await sink.close();
  }
}

/** Per change of the phase (committed at or after `from`), the four durations of the header comment. */
function summarize(batches: readonly AppliedBatch[], from: number, load: { targetRate: number; changes: number; rate: number }): Omit<LatencyResult, 'requests'> {
  const capture: number[] = [];
  const kafka: number[] = [];
  const sinkTimes: number[] = [];
  const endToEnd: number[] = [];
  let counted = 0;
  for (const batch of batches) {
    for (const change of batch.changes) {
      if (change.sourceTsMs < from) continue;
      counted++;
      capture.push(change.kafkaTimestampMs - change.sourceTsMs);
      kafka.push(batch.receivedAtMs - change.kafkaTimestampMs);
      sinkTimes.push(batch.appliedAtMs - batch.receivedAtMs);
      endToEnd.push(batch.appliedAtMs - change.sourceTsMs);
    }
  }
  return {
    ...load, observed: counted,
    capture: percentiles(capture), kafka: percentiles(kafka), sink: percentiles(sinkTimes), endToEnd: percentiles(endToEnd),
    meanBatch: counted / Math.max(1, batches.length),
  };
}
