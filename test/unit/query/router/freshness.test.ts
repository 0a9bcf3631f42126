import { expect } from 'chai';
import { endpointLagMs, oldestPerTable, TABLES_READ } from '../../../../services/query/router/freshness.js';
import { ENDPOINTS } from '../../../../services/shared/config/route-spec.js';

describe('read-router: freshness from watermark items', function () {
  const items = [
    { pk: 'WATERMARK', sk: 'restaurants#0', _ts: 10_000 },
    { pk: 'WATERMARK', sk: 'restaurants#1', _ts: 7_000 },
    { pk: 'WATERMARK', sk: 'restaurant_categories#0', _ts: 9_000 },
    { pk: 'WATERMARK', sk: 'categories#0', _ts: 9_500 },
    { pk: 'WATERMARK', sk: 'menu_items#0', _ts: 9_900 },
    { pk: 'WATERMARK', sk: '~heartbeat', _ts: 1 },
    { pk: 'WATERMARK', sk: 'users#0', _ts: 'not a number' },
  ];

  it('takes the oldest partition per table and ignores the heartbeat and malformed items', function () {
    expect([...oldestPerTable(items)].sort()).to.deep.equal([
      ['categories', 9_500], ['menu_items', 9_900], ['restaurant_categories', 9_000], ['restaurants', 7_000],
    ]);
  });

  it('an endpoint is as old as the stalest table it reads; a table without watermark is infinitely old', function () {
    const watermarks = oldestPerTable(items);
    expect(endpointLagMs(watermarks, 'restaurants.list', 12_000)).to.equal(5_000);
    expect(endpointLagMs(watermarks, 'restaurants.menu', 12_000)).to.equal(5_000);
    expect(endpointLagMs(watermarks, 'restaurants.reviews', 12_000)).to.equal(Infinity);
  });

  it('knows the tables of every endpoint, restaurants always among them (existence, 404)', function () {
    for (const endpoint of ENDPOINTS) expect(TABLES_READ[endpoint]).to.include('restaurants');
    expect(TABLES_READ['restaurants.reviews']).to.include.members(['reviews', 'users']);
  });
});
