/** The figures of `bench query` as terminal tables and as the BENCHMARKS.md section. */
import type { SelfTime } from './cpu-profile.js';
import { medianPair, ratioOf, type EndpointResult, type LoadResult, type ProfileResult, type QueryBenchResult, type RouteResult } from './run.js';

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function medianOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
}

const cpuMs = (results: readonly LoadResult[]) => {
  const value = medianOf(results.flatMap((r) => (r.cpuMsPerRequest === undefined ? [] : [r.cpuMsPerRequest])));
  return value === undefined ? '—' : f2(value);
};

const latency = (results: readonly LoadResult[]) =>
  `${f1(medianOf(results.map((r) => r.p50Ms)) ?? 0)} / ${f1(medianOf(results.map((r) => r.p99Ms)) ?? 0)}`;

const failures = (results: readonly LoadResult[]) => results.reduce((n, r) => n + r.non2xx + r.errors, 0);

/** Per endpoint: the median pair's ratio and rates; CPU and latencies are each the median over the pairs. */
export function queryBenchTable(results: readonly EndpointResult[]): string {
  const header =
    '| endpoint | ratio (median pair) | ratios of the pairs | service req/s | minimal req/s | service CPU per request (ms) | minimal CPU per request (ms) ' +
    '| service p50 / p99 at half peak (ms) | minimal p50 / p99 at half peak (ms) | non-2xx or errors |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const rows = results.map((r) => {
    const pair = medianPair(r.pairs);
    const service = r.pairs.map((p) => p.service);
    const minimal = r.pairs.map((p) => p.minimal);
    const all = r.pairs.flatMap((p) => [p.service.peak, p.service.halfRate, p.minimal.peak, p.minimal.halfRate]);
    return `| ${r.endpoint} | ${f2(ratioOf(pair))} | ${r.pairs.map((p) => f2(ratioOf(p))).join(', ')} | ${f0(pair.service.peak.requestsPerSecond)} ` +
      `| ${f0(pair.minimal.peak.requestsPerSecond)} | ${cpuMs(service.map((m) => m.peak))} | ${cpuMs(minimal.map((m) => m.peak))} ` +
      `| ${latency(service.map((m) => m.halfRate))} | ${latency(minimal.map((m) => m.halfRate))} | ${failures(all)} |`;
  });
  return [header, rule, ...rows].join('\n');
}

/** Why the DynamoDB figures are no statement about DynamoDB: printed wherever they are. */
export const DYNALITE_CAVEAT =
  'Not a speed claim: the DynamoDB route reads dynalite, a single-threaded JavaScript emulator of DynamoDB on LevelDB, on the same ' +
  'cores as the service and the load. Its rates say that the route works under load without falling back; the route\'s own cost is ' +
  'the service\'s CPU per request and its time in the service less the wait for DynamoDB.';

const overheadCells = (route: RouteResult) =>
  route.overhead === undefined ? '—' : `${f2(route.overhead.inServiceMs)} / ${f2(route.overhead.dynamodbMs)} / ${f2(route.overhead.ownMs)}`;

/** The DynamoDB route and shadow mode beside the PostgreSQL route, when they were measured. */
export function routeBenchTable(results: readonly EndpointResult[]): string | undefined {
  if (!results.some((r) => Object.keys(r.routes).length > 0)) return undefined;
  const header =
    '| endpoint | store | req/s | p50 / p99 at half peak (ms) | vs. PostgreSQL route | service CPU per request (ms) ' +
    '| in service / waiting for DynamoDB / route\'s own, per request at half peak (ms) | fallbacks to PostgreSQL | non-2xx or errors |';
  const rule = '|---|---|---:|---:|---:|---:|---:|---:|---:|';
  const rows: string[] = [];
  for (const r of results) {
    const postgres = medianPair(r.pairs).service;
    const base = postgres.peak.requestsPerSecond;
    const line = (store: string, m: { peak: LoadResult; halfRate: LoadResult }, overhead: string, fallbacks: string) =>
      `| ${r.endpoint} | ${store} | ${f0(m.peak.requestsPerSecond)} | ${f1(m.halfRate.p50Ms)} / ${f1(m.halfRate.p99Ms)} | ${f2(m.peak.requestsPerSecond / base)} ` +
      `| ${cpuMs([m.peak])} | ${overhead} | ${fallbacks} | ${failures([m.peak, m.halfRate])} |`;
    rows.push(line('postgres', postgres, '—', '—'));
    if (r.routes.dynamodb) rows.push(line('dynamodb (dynalite)', r.routes.dynamodb, overheadCells(r.routes.dynamodb), String(r.routes.dynamodb.fallbacks)));
    if (r.routes.shadow) rows.push(line('shadow (postgres + dynalite compare)', r.routes.shadow, overheadCells(r.routes.shadow), String(r.routes.shadow.fallbacks)));
  }
  return [header, rule, ...rows].join('\n');
}

// No script URL: V8's own work in parentheses, else native code (a syscall binding) or code compiled at run time (a serializer).
const V8_LABELS = new Set(['(garbage collector)', '(program)', '(root)']);
const where = (f: SelfTime) => (f.location !== '' ? f.location : V8_LABELS.has(f.name) ? 'V8' : 'native or generated code');

/** The profile's top functions by self time. */
export function profileTable(profile: ProfileResult): string {
  const perRequestUs = (ms: number) => (profile.requests > 0 ? f1((ms * 1000) / profile.requests) : '—');
  const header = '| # | function | where | self time (ms) | µs per request | share of busy time |';
  const rule = '|---:|---|---|---:|---:|---:|';
  const rows = profile.summary.functions.map((f, i) =>
    `| ${i + 1} | \`${f.name}\` | ${where(f)} | ${f0(f.ms)} | ${perRequestUs(f.ms)} | ${(f.share * 100).toFixed(1)} % |`);
  return [header, rule, ...rows].join('\n');
}

function profileText(profile: ProfileResult): string {
  return `CPU profile of the query service under ${profile.endpoint} (${profile.requests} requests at peak, ${f0(profile.summary.busyMs)} ms busy): ` +
    `${profile.file}\n\n${profileTable(profile)}`;
}

export interface QueryBenchFacts {
  started: Date;
  connections: number;
  durationSeconds: number;
  trials: number;
  analytics: boolean;
  machine: Record<string, string>;
}

function analyticsLine(result: QueryBenchResult, sent: boolean): string {
  const counts = Object.entries(result.analytics).map(([outcome, n]) => `${outcome} ${n}`).join(', ') || 'none';
  return sent
    ? `Analytics on: each request's event went to Kafka as Avro (events: ${counts}).`
    : `Analytics off (ANALYTICS_ENABLED=false): each request's event is counted as dropped (events: ${counts}); \`--analytics\` sends them to Kafka.`;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

export function queryBenchTerminal(result: QueryBenchResult, analytics: boolean): string {
  const routes = routeBenchTable(result.results);
  return [
    queryBenchTable(result.results),
    ...(routes ? [`${routes}\n\n${DYNALITE_CAVEAT}`] : []),
    `query service peak RSS: ${mb(result.serviceRssBytes)} MB`,
    analyticsLine(result, analytics),
    ...(result.profile ? [profileText(result.profile)] : []),
  ].join('\n\n');
}

export function queryBenchMarkdown(result: QueryBenchResult, facts: QueryBenchFacts): string {
  const routes = routeBenchTable(result.results);
  const sections = [
    '## bellyfed bench query',
    `Run ${facts.started.toISOString()}: ${facts.connections} connections, ${facts.durationSeconds} s per measurement after a 2 s warm-up; ` +
      `per endpoint ${facts.trials} pair(s), each the query service then the minimal server measured back to back, each server alone ` +
      '(fresh process) on the same database. "ratio" is the query service\'s peak throughput over the minimal server\'s in the median ' +
      'pair (goal ≥ 0.75); CPU per request is the server process\'s CPU time (all threads) over the responses of its peak load; ' +
      'latencies are measured at half of each server\'s own peak rate (goal p99 < 20 ms); CPU and latencies are the medians over the ' +
      'pairs. The load generator, the servers and PostgreSQL share the machine, a 2-core VM shared with other work.',
    queryBenchTable(result.results),
    ...(routes
      ? [
        'The read-router\'s routes on the same requests and data (every endpoint routed to the store; the freshness gate widened so ' +
          'that no answer falls back; shadow serves PostgreSQL and compares with DynamoDB off the critical path), one run each:',
        routes,
        DYNALITE_CAVEAT,
      ]
      : []),
    `Query service peak RSS: ${mb(result.serviceRssBytes)} MB (goal < 200 MB). ${analyticsLine(result, facts.analytics)}`,
    ...(result.profile
      ? [
        `Where the query service's time goes under ${result.profile.endpoint} (its heaviest endpoint in CPU per request): the ten ` +
          `functions with the most self time in a CPU profile (\`--cpu-prof\`) of its peak load, ${result.profile.requests} requests, ` +
          `${f0(result.profile.summary.busyMs)} ms busy on the main thread (written to \`${result.profile.file.split('/').pop()}\` ` +
          'beside this file, not committed; open it in Chrome DevTools):',
        profileTable(result.profile),
      ]
      : []),
    `Machine: ${Object.entries(facts.machine).map(([k, v]) => `${k} ${v}`).join('; ')}.`,
  ];
  return sections.join('\n\n');
}
