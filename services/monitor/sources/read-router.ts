/**
 * The read-router's fallback and shadow-mismatch totals, scraped from the query service's
 * /metrics (read_fallbacks_total, read_shadow_comparisons_total{outcome="mismatch"}). A query
 * service without the router yet exposes neither: the counts are then null, not an error.
 */
import type { RouterCounts } from '../types.js';

export const FALLBACKS_METRIC = 'read_fallbacks_total';
export const SHADOW_METRIC = 'read_shadow_comparisons_total';

export async function readRouterCounts(queryUrl: string, timeoutMs: number): Promise<RouterCounts> {
  const response = await fetch(`${queryUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${queryUrl}/metrics answered HTTP ${response.status}`);
  return routerCountsFrom(await response.text());
}

export function routerCountsFrom(text: string): RouterCounts {
  const samples = parsePrometheusText(text);
  const declared = declaredMetrics(text);
  return {
    fallbacks: sumOf(samples, declared, FALLBACKS_METRIC),
    shadowMismatches: sumOf(samples, declared, SHADOW_METRIC, (labels) => labels.outcome === 'mismatch'),
  };
}

/** Metrics named by a `# TYPE` line: a labelled counter that never counted has no sample line yet, but it exists. */
export function declaredMetrics(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) /gm)].map((m) => m[1]!));
}

export interface MetricSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The sample lines of the Prometheus text format (comments and malformed lines skipped). */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line.trim());
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

/** The sum over a metric's matching series, or null when the service does not have the metric. */
export function sumOf(
  samples: readonly MetricSample[],
  declared: ReadonlySet<string>,
  name: string,
  where: (labels: Readonly<Record<string, string>>) => boolean = () => true,
): number | null {
  if (!declared.has(name) && !samples.some((s) => s.name === name)) return null;
  return samples.filter((s) => s.name === name && where(s.labels)).reduce((sum, s) => sum + s.value, 0);
}
