/** The pure parts of `bench query`: the CPU profile's top functions, the route overhead from /metrics, the median pair, the report. */
import { expect } from 'chai';
import { shortLocation, topSelfTime, type CpuProfile } from '../../../bench/query/cpu-profile.js';
import { DYNALITE_CAVEAT, queryBenchMarkdown, queryBenchTerminal } from '../../../bench/query/report.js';
import { medianPair, type LoadResult, type PairResult, type QueryBenchResult } from '../../../bench/query/run.js';
import { readServiceTimes, routeOverhead } from '../../../bench/query/service-metrics.js';

const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, url, lineNumber, columnNumber: 0 });

// Samples (node ids) one every 1000 µs from startTime 1,000,000; the last one lasts until endTime.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('handler', 'file:///repo/dist/services/query/app.js', 9), children: [6] },
    { id: 4, callFrame: frame('stringify', 'file:///repo/node_modules/express/lib/response.js', 1025) },
    { id: 5, callFrame: frame('(garbage collector)') },
    // The same function reached through another stack: its self time adds up with node 4's.
    { id: 6, callFrame: frame('stringify', 'file:///repo/node_modules/express/lib/response.js', 1025) },
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  samples: [3, 3, 4, 2, 2, 6, 5, 6, 3, 4],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

const load = (requestsPerSecond: number, p99Ms = 10, cpuMsPerRequest = 0.5): LoadResult => ({
  requestsPerSecond, requests: requestsPerSecond * 5, p50Ms: 2, p99Ms, non2xx: 0, errors: 0, cpuMsPerRequest,
});
const pair = (service: number, minimal: number): PairResult => ({
  service: { peak: load(service), halfRate: load(service / 2) },
  minimal: { peak: load(minimal), halfRate: load(minimal / 2) },
});

describe('bench query: pure parts', () => {
  it('ranks functions by self time over the window, merging a function seen in several stacks, idle left out', () => {
    const all = topSelfTime(profile, { projectRoot: '/repo' });
    expect(all.busyMs).to.equal(8);
    expect(all.functions.map((f) => [f.name, f.location, f.ms])).to.deep.equal([
      ['stringify', 'express/lib/response.js:1026', 4],
      ['handler', 'dist/services/query/app.js:10', 3],
      ['(garbage collector)', '', 1],
    ]);
    expect(all.functions[0]!.share).to.equal(0.5);
    // From the sixth sample on (the start-up before it does not count).
    const window = topSelfTime(profile, { projectRoot: '/repo', fromUs: 1_005_000, count: 1 });
    expect(window.busyMs).to.equal(5);
    expect(window.functions.map((f) => [f.name, f.ms])).to.deep.equal([['stringify', 3]]);
  });

  it('shortens script URLs to the package path or the path in the project', () => {
    expect(shortLocation('file:///repo/node_modules/pg/lib/result.js', 81, '/repo')).to.equal('pg/lib/result.js:82');
    expect(shortLocation('file:///repo/dist/services/query/rows.js', 0, '/repo')).to.equal('dist/services/query/rows.js:1');
    expect(shortLocation('node:events', 470, '/repo')).to.equal('node:events:471');
    expect(shortLocation('', -1, '/repo')).to.equal('');
  });

  it("takes the route's own time per request as the time in the service less the wait for DynamoDB, between two readings", () => {
    const reading = (requests: number, seconds: number, reads: number, readSeconds: number) => [
      `http_request_duration_seconds_sum{method="GET",route="/restaurants/:id",status="200"} ${seconds}`,
      `http_request_duration_seconds_count{method="GET",route="/restaurants/:id",status="200"} ${requests}`,
      'http_request_duration_seconds_sum{method="GET",route="/metrics",status="200"} 9',
      'http_request_duration_seconds_count{method="GET",route="/metrics",status="200"} 3',
      `read_dynamodb_duration_seconds_sum{endpoint="restaurants.get",outcome="ok"} ${readSeconds}`,
      `read_dynamodb_duration_seconds_count{endpoint="restaurants.get",outcome="ok"} ${reads}`,
    ].join('\n');
    const before = readServiceTimes(reading(100, 1, 100, 0.8));
    expect(before).to.deep.equal({ requests: 100, requestSeconds: 1, dynamodbReads: 100, dynamodbSeconds: 0.8 });
    const overhead = routeOverhead(before, readServiceTimes(reading(300, 2, 300, 1.5)))!;
    expect(overhead.inServiceMs).to.be.closeTo(5, 1e-9);
    expect(overhead.dynamodbMs).to.be.closeTo(3.5, 1e-9);
    expect(overhead.ownMs).to.be.closeTo(1.5, 1e-9);
    expect(routeOverhead(before, before)).to.equal(undefined);
  });

  it('reports the median pair by ratio, not the median of each rate', () => {
    const pairs = [pair(900, 1000), pair(500, 1000), pair(700, 800)];
    expect(medianPair(pairs)).to.equal(pairs[2]);
    expect(() => medianPair([])).to.throw(RangeError);
  });

  it('prints every pair\'s ratio and the dynalite caveat wherever DynamoDB figures appear', () => {
    const result: QueryBenchResult = {
      results: [{
        endpoint: 'get',
        pairs: [pair(900, 1000), pair(500, 1000), pair(700, 800)],
        routes: { dynamodb: { peak: load(300), halfRate: load(150, 40), fallbacks: 0, overhead: { inServiceMs: 6, dynamodbMs: 5, ownMs: 1 } } },
      }],
      serviceRssBytes: 150 * 2 ** 20,
      analytics: { sent: 0, dropped: 10, failed: 0 },
      profile: undefined,
    };
    const terminal = queryBenchTerminal(result, false);
    expect(terminal).to.include('| get | 0.88 | 0.90, 0.50, 0.88 | 700 | 800 |');
    expect(terminal).to.include('| get | dynamodb (dynalite) | 300 |');
    expect(terminal).to.include('6.00 / 5.00 / 1.00');
    expect(terminal).to.include(DYNALITE_CAVEAT);
    const markdown = queryBenchMarkdown(result, {
      started: new Date(0), connections: 16, durationSeconds: 5, trials: 3, analytics: false, machine: { cpu: 'x' },
    });
    expect(markdown).to.include(DYNALITE_CAVEAT);
    expect(markdown).to.include('Query service peak RSS: 150 MB');
    expect(markdown.split('\n').filter((line) => /^\s+\S/.test(line))).to.deep.equal([]);
  });
});
