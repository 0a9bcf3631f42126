import { expect } from 'chai';
import { fetchRounds, requestKey } from '../../../services/monitor/sources/oldest-message.js';
import { declaredMetrics, parsePrometheusText, routerCountsFrom } from '../../../services/monitor/sources/read-router.js';
import { tableWatermark } from '../../../services/monitor/sources/watermarks.js';

describe('monitor sources (pure parts)', function () {
  it("sums the read-router's fallbacks and shadow mismatches from the query service's metrics", function () {
    const text = [
      '# HELP read_fallbacks_total DynamoDB-routed reads served by PostgreSQL instead.',
      '# TYPE read_fallbacks_total counter',
      'read_fallbacks_total{endpoint="restaurants.get",reason="stale"} 3',
      'read_fallbacks_total{endpoint="restaurants.list",reason="timeout"} 4',
      '# TYPE read_shadow_comparisons_total counter',
      'read_shadow_comparisons_total{endpoint="restaurants.get",outcome="match"} 100',
      'read_shadow_comparisons_total{endpoint="restaurants.get",outcome="mismatch"} 2',
      'read_shadow_comparisons_total{endpoint="restaurants.menu",outcome="mismatch"} 1',
    ].join('\n');
    expect(routerCountsFrom(text)).to.deep.equal({ fallbacks: 7, shadowMismatches: 3 });
  });

  it('a declared counter without samples is 0; an absent one is unknown', function () {
    expect(routerCountsFrom('# TYPE read_fallbacks_total counter\n')).to.deep.equal({ fallbacks: 0, shadowMismatches: null });
    expect(routerCountsFrom('http_requests_total 5\n')).to.deep.equal({ fallbacks: null, shadowMismatches: null });
  });

  it('parses labels with escaped quotes and skips comments', function () {
    expect(parsePrometheusText('# a comment\nm{a="x\\"y",b="z"} 1.5\nbad line\n')).to.deep.equal([{ name: 'm', labels: { a: 'x"y', b: 'z' }, value: 1.5 }]);
    expect([...declaredMetrics('# TYPE a counter\n# TYPE b gauge\n')]).to.deep.equal(['a', 'b']);
  });

  it('fetches each partition once per round (several groups at different offsets)', function () {
    const rounds = fetchRounds([
      { topic: 't', partition: 0, offset: 5 },
      { topic: 't', partition: 1, offset: 7 },
      { topic: 't', partition: 0, offset: 9 },
      { topic: 't', partition: 0, offset: 5 }, // the same request twice: once
    ]);
    expect(rounds.map((r) => r.map(requestKey))).to.deep.equal([
      [requestKey({ topic: 't', partition: 0, offset: 5 }), requestKey({ topic: 't', partition: 1, offset: 7 })],
      [requestKey({ topic: 't', partition: 0, offset: 9 })],
    ]);
  });

  it('a table is as fresh as its stalest partition with a watermark', function () {
    const now = 1_000_000;
    expect(tableWatermark('reviews', [{ partition: 0, sourceTsMs: now - 2000 }, { partition: 1, sourceTsMs: now - 9000 }, { partition: 2, sourceTsMs: null }], now).ageSeconds).to.equal(9);
    expect(tableWatermark('users', [{ partition: 0, sourceTsMs: null }], now).ageSeconds).to.equal(null);
    expect(tableWatermark('users', [], now).ageSeconds).to.equal(null);
  });
});
