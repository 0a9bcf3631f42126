/**
 * `bellyfed bench query`: the query service against the minimal server, same SQL, same data,
 * same run. Per endpoint and trial, a pair measured back to back: the service, then the minimal
 * server, each a fresh process measured alone (peak throughput in a closed loop, then latency at
 * half that rate). A burst of other work on the machine then hits one pair, not the result: the
 * report takes the median pair. Optionally the read-router's routes, and a CPU profile of the
 * service under its heaviest endpoint.
 */
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { BellyfedError } from '../../services/shared/errors.js';
import { QUERY_HEAP_MIB, withHeapCap } from '../../services/shared/node-heap.js';
import { PROJECT_ROOT } from '../../services/shared/paths.js';
import { startServer, type ServerProcess } from '../child-process.js';
import { topSelfTime, type CpuProfile, type SelfTimeSummary } from './cpu-profile.js';
import { load, type LoadOptions, type LoadResult } from './load.js';
import { readServiceTimes, routeOverhead, type RouteOverhead, type ServiceTimes } from './service-metrics.js';

export type { LoadResult } from './load.js';

export type RouteMode = 'dynamodb' | 'shadow';

export interface BenchOptions {
  durationSeconds: number;
  connections: number;
  /** Pairs (service, then minimal server) measured per endpoint. */
  trials: number;
  /** Read-router modes measured besides the service on PostgreSQL (its DynamoDB table must be current). */
  routes: readonly RouteMode[];
  /** Send the analytics events to Kafka (KAFKA_BROKERS, SCHEMA_REGISTRY_URL) instead of counting them as dropped. */
  analytics: boolean;
  /** Where to write the CPU profile of the service under its heaviest endpoint; unset: no profile. */
  profileFile: string | undefined;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

export interface Measurement {
  peak: LoadResult;
  halfRate: LoadResult;
}

export interface PairResult {
  service: Measurement;
  minimal: Measurement;
}

export interface RouteResult extends Measurement {
  fallbacks: number;
  /** Time in the service per request at half peak, and how much of it was the wait for DynamoDB. */
  overhead: RouteOverhead | undefined;
}

export interface EndpointResult {
  endpoint: string;
  pairs: PairResult[];
  /** The same service with every endpoint routed to DynamoDB, or in shadow mode; fallbacks counted. */
  routes: Partial<Record<RouteMode, RouteResult>>;
}

export interface ProfileResult {
  endpoint: string;
  file: string;
  requests: number;
  summary: SelfTimeSummary;
}

export interface QueryBenchResult {
  results: EndpointResult[];
  serviceRssBytes: number;
  /** analytics_events_total of the service runs, summed (sent, dropped, failed). */
  analytics: Record<string, number>;
  profile: ProfileResult | undefined;
}

interface Sample {
  restaurantIds: string[];
  listPaths: string[];
}

export async function sampleRequests(pool: pg.Pool): Promise<Sample> {
  const { rows } = await pool.query<{ restaurant_id: string }>(
    'SELECT restaurant_id FROM restaurants ORDER BY md5(restaurant_id::text) LIMIT 500',
  );
  if (rows.length === 0) {
    throw new BellyfedError('CLI_USAGE', 'the database has no restaurants; run `bellyfed db seed --restaurants 10000` first');
  }
  const { rows: cities } = await pool.query<{ city: string }>('SELECT DISTINCT city FROM restaurants ORDER BY 1 LIMIT 5');
  const { rows: cuisines } = await pool.query<{ slug: string }>(`SELECT slug FROM categories WHERE kind = 'cuisine' ORDER BY 1 LIMIT 4`);
  const listPaths = ['/restaurants', '/restaurants?limit=50'];
  for (const { city } of cities) listPaths.push(`/restaurants?city=${encodeURIComponent(city)}`);
  for (const { slug } of cuisines) listPaths.push(`/restaurants?cuisine=${slug}`);
  for (const { city } of cities.slice(0, 2)) listPaths.push(`/restaurants?city=${encodeURIComponent(city)}&cuisine=${cuisines[0]?.slug}`);
  return { restaurantIds: rows.map((r) => r.restaurant_id), listPaths };
}

const ENDPOINTS: Record<string, (s: Sample, i: number) => string> = {
  list: (s, i) => s.listPaths[i % s.listPaths.length] as string,
  get: (s, i) => `/restaurants/${s.restaurantIds[i % s.restaurantIds.length]}`,
  menu: (s, i) => `/restaurants/${s.restaurantIds[i % s.restaurantIds.length]}/menu`,
  reviews: (s, i) => `/restaurants/${s.restaurantIds[i % s.restaurantIds.length]}/reviews`,
};

const ROUTE_ENDPOINTS = ['restaurants.list', 'restaurants.get', 'restaurants.menu', 'restaurants.reviews'];

/**
 * The environment of a service whose every endpoint reads through `mode`. The freshness gate is
 * widened so a benchmark measures the store, not a fallback; routedPreflight checks that.
 */
function routedEnv(env: NodeJS.ProcessEnv, mode: RouteMode): NodeJS.ProcessEnv {
  return {
    ...env,
    READ_ROUTES: ROUTE_ENDPOINTS.map((e) => `${e}=${mode}`).join(','),
    // Under saturation the tight production deadline and the breaker would turn DynamoDB answers
    // into PostgreSQL fallbacks: measure the store itself, and count any fallback that remains.
    FRESHNESS_BOUND_MS: '3600000',
    DYNAMODB_TIMEOUT_MS: '30000',
    CIRCUIT_FAILURE_THRESHOLD: '1000',
  };
}

async function metricsText(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** The sum of a counter's samples over all its labels, by one label's value when `byLabel` is given. */
function counterSums(text: string, name: string, byLabel: string): Record<string, number> {
  const sums: Record<string, number> = {};
  const pattern = new RegExp(`^${name}\\{[^}]*${byLabel}="([^"]*)"[^}]*\\} (\\S+)$`, 'gm');
  for (const match of text.matchAll(pattern)) sums[match[1] as string] = (sums[match[1] as string] ?? 0) + Number(match[2]);
  return sums;
}

/**
 * The service's times once the requests the load generator abandoned at the end of a load have
 * finished their DynamoDB reads (those responses never finish, so their reads would otherwise be
 * counted in the next interval without their requests): two readings 250 ms apart that agree.
 */
async function settledTimes(url: string): Promise<ServiceTimes> {
  let previous = readServiceTimes(await metricsText(url));
  for (let attempt = 0; attempt < 40; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = readServiceTimes(await metricsText(url));
    if (current.dynamodbReads === previous.dynamodbReads && current.requests === previous.requests) return current;
    previous = current;
  }
  return previous;
}

/** A DynamoDB route must answer from DynamoDB before its figures mean anything. */
async function routedPreflight(url: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    const response = await fetch(`${url}${path}`);
    await response.arrayBuffer();
    const source = response.headers.get('x-data-source');
    if (response.status !== 200 || source !== 'dynamodb') {
      throw new BellyfedError(
        'CLI_USAGE',
        `GET ${path} on the DynamoDB route answered ${response.status} from ${source} (${response.headers.get('x-fallback-reason') ?? 'no reason'}): ` +
          'point DYNAMODB_ENDPOINT/DYNAMODB_TABLE at the table the sink keeps for this database (e.g. eval "$(bellyfed local env)")',
      );
    }
  }
}

function loadOptions(options: BenchOptions): LoadOptions {
  return { connections: options.connections, durationSeconds: options.durationSeconds };
}

/** Warm-up (plans cached, pools filled, JIT warm), peak, then half of that peak. */
async function measure(server: ServerProcess, pathAt: (i: number) => string, options: BenchOptions, beforeHalfRate?: () => Promise<void>): Promise<Measurement> {
  const pid = server.child.pid;
  await load(server.url, pathAt, { ...loadOptions(options), durationSeconds: 2 });
  const peak = await load(server.url, pathAt, loadOptions(options), pid);
  await beforeHalfRate?.();
  const halfRate = await load(server.url, pathAt, { ...loadOptions(options), overallRate: Math.max(1, Math.floor(peak.requestsPerSecond / 2)) }, pid);
  return { peak, halfRate };
}

export const ratioOf = (pair: PairResult) => pair.service.peak.requestsPerSecond / pair.minimal.peak.requestsPerSecond;

/** The pair whose ratio is the median of the endpoint's pairs (the lower middle one for an even count). */
export function medianPair(pairs: readonly PairResult[]): PairResult {
  const sorted = [...pairs].sort((a, b) => ratioOf(a) - ratioOf(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new RangeError('bench query measured no pair');
  return median;
}

interface Runner {
  bellyfed: string;
  minimalMain: string;
  /** The minimal server's environment. */
  env: NodeJS.ProcessEnv;
  /** The query service's: as the local platform runs it, with its heap cap. */
  serviceEnv: NodeJS.ProcessEnv;
  peakRss: number;
  analytics: Record<string, number>;
}

async function measureService(runner: Runner, pathAt: (i: number) => string, options: BenchOptions): Promise<Measurement> {
  const service = await startServer(process.execPath, [runner.bellyfed, 'serve', 'query'], runner.serviceEnv);
  try {
    const measured = await measure(service, pathAt, options);
    for (const [outcome, n] of Object.entries(counterSums(await metricsText(service.url), 'analytics_events_total', 'outcome'))) {
      runner.analytics[outcome] = (runner.analytics[outcome] ?? 0) + n;
    }
    runner.peakRss = Math.max(runner.peakRss, service.peakRssBytes());
    return measured;
  } finally {
    await service.stop();
  }
}

async function measureMinimal(runner: Runner, pathAt: (i: number) => string, options: BenchOptions): Promise<Measurement> {
  const minimal = await startServer(process.execPath, [runner.minimalMain], runner.env);
  try {
    return await measure(minimal, pathAt, options);
  } finally {
    await minimal.stop();
  }
}

async function measureRoute(runner: Runner, mode: RouteMode, pathAt: (i: number) => string, options: BenchOptions): Promise<RouteResult> {
  const routed = await startServer(process.execPath, [runner.bellyfed, 'serve', 'query'], routedEnv(runner.serviceEnv, mode));
  try {
    if (mode === 'dynamodb') await routedPreflight(routed.url, [0, 1, 2].map(pathAt));
    let beforeHalfRate = readServiceTimes('');
    const measured = await measure(routed, pathAt, options, async () => {
      beforeHalfRate = await settledTimes(routed.url);
    });
    const text = await metricsText(routed.url);
    const fallbacks = Object.values(counterSums(text, 'read_fallbacks_total', 'reason')).reduce((a, b) => a + b, 0);
    runner.peakRss = Math.max(runner.peakRss, routed.peakRssBytes());
    return { ...measured, fallbacks, overhead: routeOverhead(beforeHalfRate, readServiceTimes(text)) };
  } finally {
    await routed.stop();
  }
}

/** The service under `pathAt` with V8's sampling profiler on; the summary counts the peak load only. */
async function profileService(runner: Runner, endpoint: string, pathAt: (i: number) => string, options: BenchOptions, target: string): Promise<ProfileResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bellyfed-bench-profile-'));
  try {
    const service = await startServer(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, runner.bellyfed, 'serve', 'query'], runner.serviceEnv);
    let peak: LoadResult;
    let fromUs: number;
    try {
      await load(service.url, pathAt, { ...loadOptions(options), durationSeconds: 2 });
      // The profile's clock is the system's monotonic clock, the one process.hrtime reads.
      fromUs = Number(process.hrtime.bigint() / 1000n);
      peak = await load(service.url, pathAt, loadOptions(options), service.child.pid);
    } finally {
      await service.stop(); // the profile is written as the process exits
    }
    const written = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
    if (!written) throw new Error('the query service wrote no CPU profile');
    await copyFile(join(dir, written), target);
    const profile = JSON.parse(await readFile(target, 'utf8')) as CpuProfile;
    return { endpoint, file: target, requests: peak.requests, summary: topSelfTime(profile, { fromUs, projectRoot: PROJECT_ROOT }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** The endpoint whose answers cost the service the most CPU (median over its pairs). */
function heaviest(results: EndpointResult[]): EndpointResult | undefined {
  const cost = (r: EndpointResult) => median(r.pairs.map((p) => p.service.peak.cpuMsPerRequest ?? 0)) ?? 0;
  return [...results].sort((a, b) => cost(b) - cost(a))[0];
}

export async function benchQuery(sample: Sample, options: BenchOptions): Promise<QueryBenchResult> {
  const runner: Runner = {
    bellyfed: join(PROJECT_ROOT, 'bin', 'bellyfed.js'),
    minimalMain: fileURLToPath(new URL('./minimal-server-main.js', import.meta.url)),
    env: { ...options.env, ANALYTICS_ENABLED: options.analytics ? 'true' : 'false' },
    serviceEnv: withHeapCap({ ...options.env, ANALYTICS_ENABLED: options.analytics ? 'true' : 'false' }, QUERY_HEAP_MIB),
    peakRss: 0,
    analytics: {},
  };
  const results: EndpointResult[] = Object.keys(ENDPOINTS).map((endpoint) => ({ endpoint, pairs: [], routes: {} }));
  const pathsOf = (endpoint: string) => (i: number) => (ENDPOINTS[endpoint] as (s: Sample, i: number) => string)(sample, i);
  // Trial after trial over all endpoints, so an endpoint's pairs are spread over the run.
  for (let trial = 1; trial <= options.trials; trial++) {
    for (const result of results) {
      const pathAt = pathsOf(result.endpoint);
      options.log(`${result.endpoint}: pair ${trial}/${options.trials}: query service…`);
      const service = await measureService(runner, pathAt, options);
      options.log(`${result.endpoint}: pair ${trial}/${options.trials}: minimal server…`);
      const minimal = await measureMinimal(runner, pathAt, options);
      result.pairs.push({ service, minimal });
      options.log(`${result.endpoint}: pair ${trial}/${options.trials}: ratio ${ratioOf({ service, minimal }).toFixed(2)}`);
    }
  }
  for (const result of results) {
    for (const mode of options.routes) {
      options.log(`${result.endpoint}: query service, ${mode} route…`);
      result.routes[mode] = await measureRoute(runner, mode, pathsOf(result.endpoint), options);
    }
  }
  let profile: ProfileResult | undefined;
  const target = heaviest(results);
  if (options.profileFile !== undefined && target) {
    options.log(`${target.endpoint}: query service under the CPU profiler…`);
    profile = await profileService(runner, target.endpoint, pathsOf(target.endpoint), options, options.profileFile);
  }
  return { results, serviceRssBytes: runner.peakRss, analytics: runner.analytics, profile };
}
