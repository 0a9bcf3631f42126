/** The figures of `bench sink` as terminal/markdown tables. */
import type { LatencyResult, Percentiles } from './latency.js';
import type { ContenderResult, SinkBenchResult, SinkTrial } from './types.js';

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const cpu = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1));

function rateOf(c: ContenderResult): number {
  return c.events / c.seconds;
}

export function ratioOf(trial: SinkTrial): number {
  return rateOf(trial.sink) / rateOf(trial.ceiling);
}

/** The trial with the median sink / ceiling ratio; with an even count the lower of the middle two (never flattering). */
export function medianTrial(trials: readonly SinkTrial[]): SinkTrial {
  const sorted = [...trials].sort((a, b) => ratioOf(a) - ratioOf(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new RangeError('bench sink measured no trial');
  return median;
}

function contenderRow(c: ContenderResult, ceilingRate: number, label = ''): string {
  return `| ${c.name}${label} | ${c.events} | ${c.seconds.toFixed(1)} | ${rateOf(c).toFixed(0)} | ${(rateOf(c) / ceilingRate).toFixed(2)} | ${c.requests === undefined ? '—' : (c.requests / c.events).toFixed(2)} | ${mb(c.peakRssBytes)}${c.inBench ? ' (bench process)' : ''} | ${cpu(c.cpu.contender)} / ${cpu(c.cpu.dynamodb)} / ${cpu(c.cpu.kafka)} / ${cpu(c.cpu.connect)} |`;
}

/** Each trial's pair (ratios to its own ceiling), then the naive sink (ratio to the median trial's ceiling). */
function contenderTable(result: SinkBenchResult): string {
  const header = '| contender | events | seconds | events/s | ratio to ceiling | DynamoDB requests per event | peak RSS (MB) | CPU s: contender / dynalite / Kafka / Connect |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|';
  const several = result.trials.length > 1;
  const rows = result.trials.flatMap((t, i) => {
    const label = several ? `, trial ${i + 1}` : '';
    return [contenderRow(t.ceiling, rateOf(t.ceiling), label), contenderRow(t.sink, rateOf(t.ceiling), label)];
  });
  rows.push(contenderRow(result.naive, rateOf(medianTrial(result.trials).ceiling)));
  return [header, rule, ...rows].join('\n');
}

/** The sink's requests by operation, e.g. "PutItem 1200, UpdateItem 900". */
function sinkRequests(sink: ContenderResult): string | undefined {
  const byOperation = sink.requestsByOperation;
  if (!byOperation) return undefined;
  return Object.entries(byOperation).sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(', ');
}

const ms = (p: Percentiles) => `${p.p50.toFixed(0)} / ${p.p99.toFixed(0)} / ${p.max.toFixed(0)}`;

function latencyTable(phases: readonly LatencyResult[]): string {
  const header = '| rate asked / reached (changes/s) | capture: commit → Kafka record | Kafka: record → sink handler | sink: handler → DynamoDB acknowledged | end to end: commit → item visible | changes per applied batch |';
  const rule = '|---|---:|---:|---:|---:|---:|';
  const rows = phases.map((l) =>
    `| ${l.targetRate} / ${l.rate.toFixed(0)} | ${ms(l.capture)} | ${ms(l.kafka)} | ${ms(l.sink)} | ${ms(l.endToEnd)} | ${l.meanBatch.toFixed(1)} |`);
  return [header, rule, ...rows].join('\n');
}

/** The sink's DynamoDB requests per latency phase: what one applied change costs, and how long a request takes. */
function latencyRequests(phases: readonly LatencyResult[]): string {
  return phases.map((l) => `at ${l.targetRate}/s: ${Object.entries(l.requests).sort((a, b) => b[1].count - a[1].count)
    .map(([op, r]) => `${op} ${r.count} (mean ${r.meanMs.toFixed(0)} ms)`).join(', ')}`).join('; ');
}

export interface SinkRunFacts {
  started: Date;
  seedRestaurants: number;
  concurrency: number;
  latencySeconds: number;
  machine: Record<string, string>;
}

/** The whole report: what the terminal shows, and the BENCHMARKS.md section (plain Markdown lines). */
export function sinkReport(result: SinkBenchResult): { terminal: string; markdown(facts: SinkRunFacts): string } {
  const table = contenderTable(result);
  const median = medianTrial(result.trials);
  const requests = sinkRequests(median.sink);
  const rss = mb(Math.max(...result.trials.map((t) => t.sink.peakRssBytes)));
  const ratio = ratioOf(median).toFixed(2);
  const ofTrials = result.trials.length > 1
    ? `, the median of ${result.trials.length} trials (${result.trials.map((t) => ratioOf(t).toFixed(2)).join(', ')})`
    : '';
  const summary = [
    `sink / ceiling = ${ratio}${ofTrials} (goal ≥ 0.8); sink / naive = ${(rateOf(median.sink) / rateOf(result.naive)).toFixed(2)}; sink peak RSS ${rss} MB (goal < 300 MB)`,
    ...(requests ? [`the sink's DynamoDB requests${result.trials.length > 1 ? ' (median trial)' : ''}: ${requests}`] : []),
  ];
  const latency = result.latency;
  const latencyLines = latency.length === 0 ? [] : [
    latencyTable(latency),
    '',
    `Times in ms as p50 / p99 / max; ${latency.map((l) => `${l.observed} of ${l.changes}`).join(', ')} changes observed (goal: end-to-end p99 < 1000 ms at 1000 changes/s).`,
    `The sink's DynamoDB requests ${latencyRequests(latency)}.`,
  ];
  const terminal = [table, '', ...summary, ...(latencyLines.length > 0 ? ['', ...latencyLines] : [])].join('\n');
  const overrides = Object.entries(result.connectorOverrides);
  const markdown = (facts: SinkRunFacts) => [
    '## bellyfed bench sink',
    '',
    `Run ${facts.started.toISOString()}: ${result.events} Debezium change events (${result.snapshotEvents} from the snapshot of a ${facts.seedRestaurants}-restaurant seed,`,
    'the rest streamed: 40 % new reviews, 30 % edited reviews, 30 % menu price changes, 100 rows per transaction) preloaded into',
    `Kafka by an isolated source database and connector (${overrides.length === 0 ? 'committed connector settings' : `connector settings ${overrides.map(([k, v]) => `${k}=${v}`).join(', ')}`};`,
    `Debezium captured ~${result.captureRate.toFixed(0)} events/s while they were made). Each contender read the same topics with its own`,
    `consumer group into its own fresh table on the same dynalite, one after the other; concurrency ${facts.concurrency}`,
    '(partitions at once for the sinks, BatchWriteItem requests in flight for the raw loader). The ceiling and the sink ran as',
    `${result.trials.length} trial pair${result.trials.length === 1 ? '' : 's'}, each sink right after its own ceiling; the ratio reported is the median pair's. The ratios are the result;`,
    'the absolute rates are those of a 2-core machine shared with the whole platform. CPU seconds are read from /proc for',
    'each phase: where the two cores went.',
    '',
    table,
    '',
    ...summary.map((line) => `${line}.`),
    ...(latencyLines.length === 0 ? [] : [
      '',
      `Latency at steady rates for ${facts.latencySeconds} s each (one transaction every 10 ms, generated inside PostgreSQL), the real sink`,
      "running in the benchmark process (startSink) on the sink's table and group, caught up (offsets and copy jobs) before each phase; each change timed from its",
      "Debezium event (source.ts_ms = commit), its Kafka record timestamp and the sink's batch observer (all writes of its batch acknowledged):",
      '',
      ...latencyLines,
    ]),
    '',
    `Machine: ${Object.entries(facts.machine).map(([k, v]) => `${k} ${v}`).join('; ')}.`,
  ].join('\n');
  return { terminal, markdown };
}
