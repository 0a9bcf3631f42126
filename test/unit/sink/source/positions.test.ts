import { expect } from 'chai';
import { isCaughtUp } from '../../../../services/sink/source/positions.js';
import { appTableOf } from '../../../../services/sink/source/topics.js';

describe('quiet-table freshness', function () {
  it('a partition is caught up when its commit reached the end, or when it never held anything', function () {
    expect(isCaughtUp({ topic: 't', partition: 0, low: 0, end: 10, committed: 10 })).to.equal(true);
    expect(isCaughtUp({ topic: 't', partition: 0, low: 0, end: 10, committed: 9 })).to.equal(false);
    expect(isCaughtUp({ topic: 't', partition: 0, low: 0, end: 0, committed: null })).to.equal(true);
    expect(isCaughtUp({ topic: 't', partition: 0, low: 5, end: 5, committed: null })).to.equal(true);
    expect(isCaughtUp({ topic: 't', partition: 0, low: 0, end: 3, committed: null })).to.equal(false);
  });

  it('only app tables count, not the heartbeat table nor foreign topics', function () {
    expect(appTableOf('bellyfed.public.reviews', 'bellyfed')).to.equal('reviews');
    expect(appTableOf('bellyfed.public.debezium_heartbeat', 'bellyfed')).to.equal(undefined);
    expect(appTableOf('__debezium-heartbeat.bellyfed', 'bellyfed')).to.equal(undefined);
    expect(appTableOf('other.public.reviews', 'bellyfed')).to.equal(undefined);
  });
});
