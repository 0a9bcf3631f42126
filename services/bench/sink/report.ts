/** The figures of `bench sink` as terminal/markdown tables. */
import type { LatencyResult, Percentiles } from './latency.js';
import type { ContenderResult, SinkBenchResult } from './run.js';

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const cpu = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1));

export function rateOf(c: ContenderResult): number {
  return c.events / c.seconds;
}

export function contenderTable(result: SinkBenchResult): string {
  const ceiling = result.contenders[0] ? rateOf(result.contenders[0]) : NaN;
  const header = '| contender | events | seconds | events/s | ratio to ceiling | DynamoDB requests per event | peak RSS (MB) | CPU s: contender / dynalite / Kafka / Connect |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|';
  const rows = result.contenders.map((c) =>
    `| ${c.name} | ${c.events} | ${c.seconds.toFixed(1)} | ${rateOf(c).toFixed(0)} | ${(rateOf(c) / ceiling).toFixed(2)} | ${c.requests === undefined ? '—' : (c.requests / c.events).toFixed(2)} | ${mb(c.peakRssBytes)}${c.inBench ? ' (bench process)' : ''} | ${cpu(c.cpu.contender)} / ${cpu(c.cpu.dynamodb)} / ${cpu(c.cpu.kafka)} / ${cpu(c.cpu.connect)} |`);
  return [header, rule, ...rows].join('\n');
}

export function ratios(result: SinkBenchResult): { sinkToCeiling: number; sinkToNaive: number } {
  const [raw, sink, naive] = result.contenders;
  return {
    sinkToCeiling: raw && sink ? rateOf(sink) / rateOf(raw) : NaN,
    sinkToNaive: sink && naive ? rateOf(sink) / rateOf(naive) : NaN,
  };
}

/** The sink's requests by operation, e.g. "PutItem 1200, UpdateItem 900". */
export function sinkRequests(result: SinkBenchResult): string | undefined {
  const byOperation = result.contenders[1]?.requestsByOperation;
  if (!byOperation) return undefined;
  return Object.entries(byOperation).sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(', ');
}

const ms = (p: Percentiles) => `${p.p50.toFixed(0)} / ${p.p99.toFixed(0)} / ${p.max.toFixed(0)}`;

export function latencyTable(phases: readonly LatencyResult[]): string {
  const header = '| rate asked / reached (changes/s) | capture: commit → Kafka record | Kafka: record → sink handler | sink: handler → DynamoDB acknowledged | end to end: commit → item visible | changes per applied batch |';
  const rule = '|---|---:|---:|---:|---:|---:|';
  const rows = phases.map((l) =>
    `| ${l.targetRate} / ${l.rate.toFixed(0)} | ${ms(l.capture)} | ${ms(l.kafka)} | ${ms(l.sink)} | ${ms(l.endToEnd)} | ${l.meanBatch.toFixed(1)} |`);
  return [header, rule, ...rows].join('\n');
}

/** The sink's DynamoDB requests per latency phase: what one applied change costs, and how long a request takes. */
export function latencyRequests(phases: readonly LatencyResult[]): string {
  return phases.map((l) => `at ${l.targetRate}/s: ${Object.entries(l.requests).sort((a, b) => b[1].count - a[1].count)
    .map(([op, r]) => `${op} ${r.count} (mean ${r.meanMs.toFixed(0)} ms)`).join(', ')}`).join('; ');
}
