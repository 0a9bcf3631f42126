/** The figures of `bench query` as a terminal table and as the BENCHMARKS.md section. */
import type { EndpointResult, LoadResult } from './run.js';

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

export function queryBenchTable(results: EndpointResult[]): string {
  const header = '| endpoint | service req/s | minimal req/s | ratio | service p50 / p99 at half peak (ms) | minimal p50 / p99 at half peak (ms) | non-2xx or errors |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|';
  const rows = results.map((r) => {
    const ratio = r.service.peak.requestsPerSecond / r.minimal.peak.requestsPerSecond;
    const failures = [r.service.peak, r.service.halfRate, r.minimal.peak, r.minimal.halfRate].reduce((n, x) => n + x.non2xx + x.errors, 0);
    return `| ${r.endpoint} | ${f0(r.service.peak.requestsPerSecond)} | ${f0(r.minimal.peak.requestsPerSecond)} | ${ratio.toFixed(2)} | ${f1(r.service.halfRate.p50Ms)} / ${f1(r.service.halfRate.p99Ms)} | ${f1(r.minimal.halfRate.p50Ms)} / ${f1(r.minimal.halfRate.p99Ms)} | ${failures} |`;
  });
  return [header, rule, ...rows].join('\n');
}

/** The DynamoDB route and shadow mode beside the PostgreSQL route, when they were measured. */
export function routeBenchTable(results: EndpointResult[]): string | undefined {
  if (!results.some((r) => Object.keys(r.routes).length > 0)) return undefined;
  const header = '| endpoint | store | req/s | p50 / p99 at half peak (ms) | vs. PostgreSQL route | fallbacks to PostgreSQL | non-2xx or errors |';
  const rule = '|---|---|---:|---:|---:|---:|---:|';
  const rows: string[] = [];
  for (const r of results) {
    const base = r.service.peak.requestsPerSecond;
    const line = (store: string, m: { peak: LoadResult; halfRate: LoadResult; fallbacks?: number }) =>
      `| ${r.endpoint} | ${store} | ${f0(m.peak.requestsPerSecond)} | ${f1(m.halfRate.p50Ms)} / ${f1(m.halfRate.p99Ms)} | ${(m.peak.requestsPerSecond / base).toFixed(2)} | ${m.fallbacks ?? '—'} | ${m.peak.non2xx + m.peak.errors + m.halfRate.non2xx + m.halfRate.errors} |`;
    rows.push(line('postgres', r.service));
    if (r.routes.dynamodb) rows.push(line('dynamodb', r.routes.dynamodb));
    if (r.routes.shadow) rows.push(line('shadow (postgres + DynamoDB compare)', r.routes.shadow));
  }
  return [header, rule, ...rows].join('\n');
}
