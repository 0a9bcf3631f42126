/**
 * `bellyfed bench query`: the query service against the minimal server, same SQL, same data,
 * same run. Per endpoint: peak throughput (closed loop), then latency at half that rate.
 */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../services/shared/paths.js';
import type pg from 'pg';
import { BellyfedError } from '../../services/shared/errors.js';
import { startServer, type ServerProcess } from '../child-process.js';

export interface BenchOptions {
  durationSeconds: number;
  connections: number;
  /** Read-router modes measured besides the service on PostgreSQL (its DynamoDB table must be current). */
  routes: readonly ('dynamodb' | 'shadow')[];
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface Measurement {
  peak: LoadResult;
  halfRate: LoadResult;
}

export interface EndpointResult {
  endpoint: string;
  service: Measurement;
  minimal: Measurement;
  /** The same service with every endpoint routed to DynamoDB, or in shadow mode; fallbacks counted. */
  routes: Partial<Record<'dynamodb' | 'shadow', Measurement & { fallbacks: number }>>;
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

async function load(url: string, pathAt: (i: number) => string, options: BenchOptions, overallRate?: number): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(overallRate !== undefined ? { overallRate } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, path: pathAt(i++) }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const ROUTE_ENDPOINTS = ['restaurants.list', 'restaurants.get', 'restaurants.menu', 'restaurants.reviews'];

/**
 * The environment of a service whose every endpoint reads through `mode`. The freshness gate is
 * widened so a benchmark measures the store, not a fallback; routedPreflight checks that.
 */
function routedEnv(env: NodeJS.ProcessEnv, mode: 'dynamodb' | 'shadow'): NodeJS.ProcessEnv {
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

/** Requests the router served from PostgreSQL instead of DynamoDB, from the service's /metrics. */
async function fallbacksOf(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('read_fallbacks_total{'))
    .reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
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

async function measure(server: ServerProcess, pathAt: (i: number) => string, options: BenchOptions) {
  // Warm-up: plans cached, pools filled, JIT warm.
  await load(server.url, pathAt, { ...options, durationSeconds: 2 });
  const peak = await load(server.url, pathAt, options);
  const halfRate = await load(server.url, pathAt, options, Math.max(1, Math.floor(peak.requestsPerSecond / 2)));
  return { peak, halfRate };
}

export async function benchQuery(sample: Sample, options: BenchOptions): Promise<{ results: EndpointResult[]; serviceRssBytes: number }> {
  const bellyfed = join(PROJECT_ROOT, 'bin', 'bellyfed.js');
  const minimalMain = fileURLToPath(new URL('./minimal-server-main.js', import.meta.url));
  const env = { ...options.env, ANALYTICS_ENABLED: 'false' };
  const results: EndpointResult[] = [];
  let serviceRssBytes = 0;
  for (const [endpoint, path] of Object.entries(ENDPOINTS)) {
    const pathAt = (i: number) => path(sample, i);
    // One server at a time, each fresh, so neither warms the other's caches or competes for CPU.
    const service = await startServer(process.execPath, [bellyfed, 'serve', 'query'], env);
    let serviceResult;
    try {
      options.log(`${endpoint}: query service…`);
      serviceResult = await measure(service, pathAt, options);
      serviceRssBytes = Math.max(serviceRssBytes, service.peakRssBytes());
    } finally {
      await service.stop();
    }
    const routes: EndpointResult['routes'] = {};
    for (const mode of options.routes) {
      const routed = await startServer(process.execPath, [bellyfed, 'serve', 'query'], routedEnv(env, mode));
      try {
        if (mode === 'dynamodb') await routedPreflight(routed.url, [0, 1, 2].map(pathAt));
        options.log(`${endpoint}: query service, ${mode} route…`);
        routes[mode] = { ...(await measure(routed, pathAt, options)), fallbacks: await fallbacksOf(routed.url) };
        serviceRssBytes = Math.max(serviceRssBytes, routed.peakRssBytes());
      } finally {
        await routed.stop();
      }
    }
    const minimal = await startServer(process.execPath, [minimalMain], env);
    try {
      options.log(`${endpoint}: minimal server…`);
      results.push({ endpoint, service: serviceResult, minimal: await measure(minimal, pathAt, options), routes });
    } finally {
      await minimal.stop();
    }
  }
  return { results, serviceRssBytes };
}
