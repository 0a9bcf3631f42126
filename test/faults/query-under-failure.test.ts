/**
 * Fault drill 9: the query service under continuous concurrent load while DynamoDB and then
 * PostgreSQL's reader fail. Clients get answers or clean 503s — never a 500 with internals,
 * never a hang past the bound the service guarantees.
 *
 * The service runs in-process with PHASE2=on (list, detail and menu on DynamoDB; reviews kept on
 * PostgreSQL so the reader's failure is visible on a routed endpoint too), DynamoDB = a private
 * dynalite this drill owns, and DATABASE_READ_URL = the test database through a TCP proxy
 * (helpers/tcp-proxy.ts), so the reader's failure is a real network failure in front of a real
 * PostgreSQL. Phases, each a number of completed requests (not a time):
 *   1 healthy · 2a DynamoDB frozen (SIGSTOP) · 2b DynamoDB killed · 3 DynamoDB restarted ·
 *   4a reader cut (connections reset, port refused) · 4b reader back · 4c reader hung
 *   (connections open, nothing forwarded) · 5 everything healed.
 * Every response is checked as it arrives; the counts per phase are printed and written to
 * a result for RELIABILITY.md (helpers/results.ts).
 */
import { expect } from 'chai';
import type { RunningQueryService } from '../../services/query/index.js';
import { CONNECTION_TIMEOUT_MS, queryTimeoutFor } from '../../services/shared/database.js';
import { startProjectedDynalite } from '../integration/router/helpers/projection.js';
import { metricValue } from '../integration/router/helpers/services.js';
import { cloneSeeded, type TestDatabase } from '../helpers/postgres.js';
import { PrivateDynalite } from '../helpers/private-dynalite.js';
import { startTestQueryService } from '../helpers/query-service.js';
import { waitFor } from '../helpers/wait.js';
import { recordResult } from './helpers/results.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

const CONCURRENCY = 16;
const STATEMENT_TIMEOUT_MS = 5000; // the service's default DATABASE_STATEMENT_TIMEOUT_MS, set explicitly
const DYNAMODB_TIMEOUT_MS = 1000;
/**
 * The longest the service may take, by its own settings: a DynamoDB deadline before falling
 * back, a pool wait and a connection attempt (each bounded by the pool's connection timeout),
 * then the query (bounded client-side just above the statement timeout). A response later than
 * twice that is a hang.
 */
const SERVICE_BOUND_MS = DYNAMODB_TIMEOUT_MS + 2 * CONNECTION_TIMEOUT_MS + queryTimeoutFor(STATEMENT_TIMEOUT_MS);
const CLIENT_TIMEOUT_MS = 2 * SERVICE_BOUND_MS;

/** Which store a target's route reads: 'dynamodb' targets never need PostgreSQL while DynamoDB is healthy. */
type Store = 'dynamodb' | 'postgres';
interface Target {
  name: string;
  path: string;
  store: Store;
  /** The status when everything is healthy. */
  ok: number;
}

interface Outcome {
  status: number | 'hang' | 'connection-error';
  source: string;
  reason: string | undefined;
  problem: string | undefined;
}

interface PhaseStats {
  requests: number;
  statusCounts: Record<string, number>;
  sources: Record<string, number>;
  fallbackReasons: Record<string, number>;
  /** Per target: status/source counts, to assert per route. */
  byTarget: Record<string, Record<string, number>>;
  problems: string[];
}

const INTERNALS = / {4}at |\.ts:\d|node_modules|SELECT|syntax error|relation "|ECONNREFUSED|Query read timeout|Connection terminated|TypeError|BellyfedError|DatabaseError|postgres(ql)?:\/\//;

/** Judges one response on its own: the rules that hold in every phase. */
async function judge(response: Response, target: Target): Promise<Outcome> {
  const text = await response.text();
  const source = response.headers.get('x-data-source') ?? 'none';
  const reason = response.headers.get('x-fallback-reason') ?? undefined;
  const status = response.status;
  let problem: string | undefined;
  if (INTERNALS.test(text)) problem = `${target.name}: ${status} leaks internals: ${text.slice(0, 200)}`;
  else if (status === 503) {
    const body = safeJson(text) as { error?: { code?: string } } | undefined;
    if (body?.error?.code !== 'DATABASE_UNAVAILABLE') problem = `${target.name}: 503 without DATABASE_UNAVAILABLE: ${text.slice(0, 200)}`;
    else if (response.headers.get('retry-after') === null) problem = `${target.name}: 503 without Retry-After`;
  } else if (status !== target.ok) {
    problem = `${target.name}: unexpected ${status}: ${text.slice(0, 200)}`;
  } else if (target.path.startsWith('/restaurants') && source === 'none') {
    problem = `${target.name}: ${status} without X-Data-Source`;
  } else if (safeJson(text) === undefined) {
    problem = `${target.name}: ${status} body is not JSON`;
  }
  return { status, source, reason, problem };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Continuous load: CONCURRENCY workers, each requesting the targets in turn until stopped. */
class Load {
  phase = 'starting';
  readonly stats = new Map<string, PhaseStats>();
  private running = true;
  private next = 0;
  private workers: Promise<void>[] = [];

  constructor(private readonly baseUrl: string, private readonly targets: Target[]) {}

  start(): void {
    this.workers = Array.from({ length: CONCURRENCY }, () => this.work());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  of(phase: string): PhaseStats {
    let stats = this.stats.get(phase);
    if (!stats) {
      stats = { requests: 0, statusCounts: {}, sources: {}, fallbackReasons: {}, byTarget: {}, problems: [] };
      this.stats.set(phase, stats);
    }
    return stats;
  }

  /** Responses of a phase matching a target name and an outcome key like '200/dynamodb'. */
  count(phase: string, target: (t: string) => boolean, outcome: (o: string) => boolean): number {
    let n = 0;
    for (const [name, outcomes] of Object.entries(this.of(phase).byTarget)) {
      if (!target(name)) continue;
      for (const [key, value] of Object.entries(outcomes)) if (outcome(key)) n += value;
    }
    return n;
  }

  private async work(): Promise<void> {
    while (this.running) {
      const target = this.targets[this.next++ % this.targets.length] as Target;
      const phase = this.phase;
      let outcome: Outcome;
      try {
        const response = await fetch(`${this.baseUrl}${target.path}`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
        outcome = await judge(response, target);
      } catch (err) {
        const hang = (err as Error).name === 'TimeoutError';
        outcome = {
          status: hang ? 'hang' : 'connection-error',
          source: 'none',
          reason: undefined,
          problem: `${target.name}: ${hang ? `no answer within ${CLIENT_TIMEOUT_MS} ms` : `connection error ${String((err as Error).cause ?? err)}`}`,
        };
      }
      // A request that began in one phase and ended in another saw both (a request in flight when
      // the reader is cut fails with it): it is judged by the rules that hold everywhere only.
      this.record(this.phase === phase ? phase : `crossing into ${this.phase.replace(/^setting up /, '')}`, target, outcome);
    }
  }

  private record(phase: string, target: Target, outcome: Outcome): void {
    const stats = this.of(phase);
    const bump = (bag: Record<string, number>, key: string) => { bag[key] = (bag[key] ?? 0) + 1; };
    stats.requests++;
    bump(stats.statusCounts, String(outcome.status));
    bump(stats.sources, outcome.source);
    if (outcome.reason !== undefined) bump(stats.fallbackReasons, outcome.reason);
    stats.byTarget[target.name] ??= {};
    bump(stats.byTarget[target.name] as Record<string, number>, `${outcome.status}/${outcome.source}`);
    if (outcome.problem !== undefined && stats.problems.length < 20) stats.problems.push(outcome.problem);
  }
}

describe('fault drill 9: the query service under load while DynamoDB, then the PostgreSQL reader, fail', function () {
  this.timeout(600_000);
  let db: TestDatabase;
  let dynalite: PrivateDynalite;
  let proxy: TcpProxy;
  let service: RunningQueryService;
  let load: Load | undefined;
  let targets: Target[];
  const broke: string[] = [];
  const phases: string[] = [];

  before(async function () {
    db = await cloneSeeded();
    // Watermarks far ahead: the freshness gate stays open, so only failures cause fallbacks.
    const projected = await startProjectedDynalite(db.pool, Date.now() + 365 * 24 * 3600 * 1000);
    dynalite = projected.dynalite;
    const table = projected.table;
    proxy = await TcpProxy.inFrontOf(db.url);
    service = await startTestQueryService({
      DATABASE_URL: db.url,
      DATABASE_READ_URL: proxy.rewriteUrl(db.url),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DYNAMODB_ENDPOINT: dynalite.endpoint,
      DYNAMODB_TABLE: table.name,
      PHASE2: 'on',
      READ_ROUTES: 'restaurants.reviews=postgres',
      DYNAMODB_TIMEOUT_MS: String(DYNAMODB_TIMEOUT_MS),
      CIRCUIT_FAILURE_THRESHOLD: '3',
      CIRCUIT_OPEN_MS: '1000',
      FRESHNESS_BOUND_MS: '3600000',
    });
    const ids = (await db.pool.query<{ id: string }>('SELECT restaurant_id AS id FROM restaurants ORDER BY name LIMIT 3')).rows.map((r) => r.id);
    const { rows: [place] } = await db.pool.query<{ city: string }>('SELECT city FROM restaurants ORDER BY name LIMIT 1');
    const { rows: [cuisine] } = await db.pool.query<{ slug: string }>("SELECT slug FROM categories WHERE kind = 'cuisine' ORDER BY slug LIMIT 1");
    // City, name and id together exceed DynamoDB's 1024-byte sort key: the router serves this
    // listing from PostgreSQL (reason error, not counted against DynamoDB's health).
    const longCursor = Buffer.from(JSON.stringify({ v: 1, n: 'x'.repeat(500), i: ids[0] })).toString('base64url');
    const unservable = `/restaurants?city=${encodeURIComponent('日'.repeat(200))}&cuisine=${cuisine?.slug}&cursor=${longCursor}`;
    targets = [
      { name: 'list', path: '/restaurants?limit=10', store: 'dynamodb', ok: 200 },
      { name: 'list-city', path: `/restaurants?city=${encodeURIComponent(place?.city ?? '')}&limit=5`, store: 'dynamodb', ok: 200 },
      { name: 'list-cuisine', path: `/restaurants?cuisine=${cuisine?.slug}&limit=5`, store: 'dynamodb', ok: 200 },
      ...ids.map((id, i): Target => ({ name: `detail-${i}`, path: `/restaurants/${id}`, store: 'dynamodb', ok: 200 })),
      { name: 'detail-absent', path: '/restaurants/00000000-0000-4000-8000-000000000000', store: 'dynamodb', ok: 404 },
      { name: 'menu', path: `/restaurants/${ids[0]}/menu`, store: 'dynamodb', ok: 200 },
      { name: 'reviews', path: `/restaurants/${ids[1]}/reviews`, store: 'postgres', ok: 200 },
      { name: 'list-unservable', path: unservable, store: 'postgres', ok: 200 },
      { name: 'readyz', path: '/readyz', store: 'postgres', ok: 200 },
    ];
  });

  after(async function () {
    await load?.stop();
    await service?.close();
    await proxy?.stop();
    await dynalite?.destroy();
    await db?.drop();
  });

  const onDynamo = (name: string) => targets.find((t) => t.name === name)?.store === 'dynamodb';
  const onPostgres = (name: string) => !onDynamo(name);
  const any = () => true;

  /** Switches the load to a new phase after `fault` is in place. */
  async function enter(phase: string, fault: string | undefined, act: () => Promise<void> | void): Promise<void> {
    // While the fault (or the repair) is being put in place, requests belong to neither phase.
    (load as Load).phase = `setting up ${phase}`;
    await act();
    if (fault) broke.push(fault);
    phases.push(phase);
    (load as Load).phase = phase;
    console.log(`      → ${phase}${fault ? ` (${fault})` : ''}`);
  }

  async function completed(phase: string, n: number, also: () => boolean = () => true): Promise<void> {
    await waitFor(() => (load as Load).of(phase).requests >= n && also(), `${n} responses in phase ${phase}`, { timeoutMs: 240_000, intervalMs: 50 });
  }

  /** The phases in the order they happened, with the requests between them (see Load.work). */
  function buckets(): string[] {
    return [...(load as Load).stats.keys()];
  }

  function report(): Record<string, unknown> {
    const all = buckets();
    const perPhase = Object.fromEntries(all.map((p) => [p, (load as Load).of(p)]));
    const sum = (pick: (s: PhaseStats) => Record<string, number>) => Object.fromEntries(all.map((p) => [p, pick((load as Load).of(p))]));
    return {
      requests: all.reduce((n, p) => n + (load as Load).of(p).requests, 0),
      statusCounts: sum((s) => s.statusCounts),
      sources: sum((s) => s.sources),
      fallbackReasons: sum((s) => s.fallbackReasons),
      perPhase,
    };
  }

  it('answers every request with data or a clean 503, through every fault, and recovers fully', async function () {
    let outcome = 'failed';
    try {
      load = new Load(service.url, targets);
      await enter('1-healthy', undefined, () => undefined);
      load.start();
      await completed('1-healthy', 400);

      await enter('2a-dynamodb-frozen', 'DynamoDB frozen (SIGSTOP)', () => dynalite.freeze());
      await completed('2a-dynamodb-frozen', 300);
      await enter('2b-dynamodb-stopped', 'DynamoDB killed (SIGKILL)', async () => {
        dynalite.thaw();
        await dynalite.stop();
      });
      await completed('2b-dynamodb-stopped', 300);

      await enter('3-dynamodb-healed', undefined, () => dynalite.restart());
      // The breaker's half-open probe brings DynamoDB back by itself; then a while longer.
      await completed('3-dynamodb-healed', 300, () => load!.count('3-dynamodb-healed', onDynamo, (o) => o === '200/dynamodb') >= 50);
      await waitFor(async () => (await metricValue(service.url, 'read_dynamodb_circuit_state', { state: 'closed' })) === 1, 'the circuit to close');

      await enter('4a-reader-cut', 'PostgreSQL reader cut (connections reset, new ones refused)', () => proxy.cut());
      await completed('4a-reader-cut', 300, () => load!.count('4a-reader-cut', onPostgres, (o) => o.startsWith('503')) >= 30);
      await enter('4b-reader-back', undefined, () => proxy.heal());
      await completed('4b-reader-back', 100, () => load!.count('4b-reader-back', onPostgres, (o) => o.startsWith('200')) >= 10);
      await enter('4c-reader-hung', 'PostgreSQL reader hung (connections open, nothing forwarded)', () => proxy.hang());
      await completed('4c-reader-hung', 200, () => load!.count('4c-reader-hung', onPostgres, (o) => o.startsWith('503') || o.startsWith('hang')) >= 2 * CONCURRENCY);

      await enter('5-all-healed', undefined, () => proxy.heal());
      await completed('5-all-healed', 400);
      await load.stop();

      console.log(`      workload: ${CONCURRENCY} concurrent clients over ${targets.length} request kinds; client timeout ${CLIENT_TIMEOUT_MS} ms (service bound ${SERVICE_BOUND_MS} ms)`);
      for (const phase of buckets()) {
        const s = load.of(phase);
        console.log(`      ${phase.padEnd(40)} ${String(s.requests).padStart(5)} requests  status ${JSON.stringify(s.statusCounts)}  source ${JSON.stringify(s.sources)}  fallback ${JSON.stringify(s.fallbackReasons)}`);
      }

      // In every phase and between phases: no 500, no hang, no connection error, nothing leaked, every 503 clean.
      for (const phase of buckets()) {
        expect(load.of(phase).problems, `problems in ${phase}`).to.deep.equal([]);
      }
      const L = load;
      const allOk = (phase: string) => expect(L.count(phase, any, (o) => !/^(200|404)\//.test(o)), `non-2xx/404 in ${phase}: ${JSON.stringify(L.of(phase).statusCounts)}`).to.equal(0);
      // 1: healthy — DynamoDB serves its routes.
      allOk('1-healthy');
      expect(L.count('1-healthy', onDynamo, (o) => o.endsWith('/dynamodb'))).to.be.greaterThan(0);
      // 2: DynamoDB down — PostgreSQL answers every DynamoDB route, with a fallback reason.
      for (const phase of ['2a-dynamodb-frozen', '2b-dynamodb-stopped']) {
        allOk(phase);
        expect(L.count(phase, onDynamo, (o) => o.endsWith('/dynamodb')), `DynamoDB answers in ${phase}`).to.equal(0);
        const reasons = L.of(phase).fallbackReasons;
        expect(Object.keys(reasons).every((r) => ['timeout', 'error', 'circuit-open'].includes(r)), JSON.stringify(reasons)).to.equal(true);
        expect(reasons['circuit-open'] ?? 0, `circuit-open fallbacks in ${phase}`).to.be.greaterThan(0);
      }
      // 3: DynamoDB back — every answer good, DynamoDB serving again.
      allOk('3-dynamodb-healed');
      // 4: reader failing — DynamoDB routes still 200 from DynamoDB; PostgreSQL reads are clean 503s.
      for (const phase of ['4a-reader-cut', '4c-reader-hung']) {
        expect(L.count(phase, onDynamo, (o) => o.endsWith('/dynamodb') && /^(200|404)\//.test(o)), `DynamoDB answers in ${phase}`).to.be.greaterThan(0);
        expect(L.count(phase, onDynamo, (o) => !/^(200|404|503)\//.test(o)), `DynamoDB routes in ${phase}`).to.equal(0);
        expect(L.count(phase, onPostgres, (o) => o.startsWith('503/')), `503s in ${phase}`).to.be.greaterThan(0);
      }
      expect(L.count('4a-reader-cut', onPostgres, (o) => o.startsWith('200/')), 'PostgreSQL answers while the reader is cut').to.equal(0);
      expect(L.count('4c-reader-hung', onPostgres, (o) => o.startsWith('200/')), 'PostgreSQL answers while the reader hangs').to.equal(0);
      // 5: all healed — everything answers 200 again, each route from its store.
      allOk('5-all-healed');
      expect(L.count('5-all-healed', onDynamo, (o) => o.endsWith('/dynamodb'))).to.be.greaterThan(0);
      expect(L.count('5-all-healed', onPostgres, (o) => o.startsWith('200/'))).to.be.greaterThan(0);
      outcome = 'passed';
    } finally {
      if (load) {
        await load.stop();
        const details = report();
        const statuses: Record<string, number> = {};
        for (const counts of Object.values(details.statusCounts as Record<string, Record<string, number>>)) {
          for (const [status, n] of Object.entries(counts)) statuses[status] = (statuses[status] ?? 0) + n;
        }
        recordResult('query-under-failure', {
          drill: '9. query service under failure',
          broke: broke.join('; '),
          changes: details.requests as number,
          faults: broke.length,
          convergeSeconds: null,
          differences: null,
          outcome: outcome === 'passed' ? 'passed' : 'failed',
          detail: `requests by status: ${Object.entries(statuses).sort().map(([k, n]) => `${k} ×${n}`).join(', ')}`,
          extra: details,
        });
      }
    }
  });
});
