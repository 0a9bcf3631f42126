import { expect } from 'chai';
import { loadConfig } from '../../../../services/shared/config.js';
import { BellyfedError } from '../../../../services/shared/errors.js';

describe('monitor configuration', function () {
  it('defaults: the sink group, the change topics of the prefix, the platform slot and connector', function () {
    const { monitor, queryUrl } = loadConfig({ SINK_GROUP_ID: 'my-sink', CDC_TOPIC_PREFIX: 'shop' });
    expect(monitor.groups).to.deep.equal(['my-sink']);
    expect(new RegExp(monitor.topicPattern).test('shop.public.reviews')).to.equal(true);
    expect(new RegExp(monitor.topicPattern).test('shopXpublic.reviews')).to.equal(false);
    expect(monitor.slotName).to.equal('bellyfed_slot');
    expect(monitor.connectors).to.deep.equal(['bellyfed-postgres-source']);
    expect(monitor.intervalMs).to.equal(5000);
    expect(queryUrl).to.equal(undefined);
  });

  it('reads lists and thresholds', function () {
    const { monitor, queryUrl } = loadConfig({
      MONITOR_GROUPS: 'a, b',
      MONITOR_CONNECTORS: 'x,y',
      MONITOR_LAG_CRITICAL_SECONDS: '30',
      MONITOR_LAG_WARNING_SECONDS: '10',
      QUERY_URL: 'http://127.0.0.1:8080/',
    });
    expect(monitor.groups).to.deep.equal(['a', 'b']);
    expect(monitor.connectors).to.deep.equal(['x', 'y']);
    expect(monitor.thresholds.lagCriticalSeconds).to.equal(30);
    expect(queryUrl).to.equal('http://127.0.0.1:8080');
  });

  it('refuses a warning threshold above its critical one, naming both variables', function () {
    try {
      loadConfig({ MONITOR_WAL_WARNING_BYTES: '100', MONITOR_WAL_CRITICAL_BYTES: '10' });
      expect.fail('loadConfig accepted inverted thresholds');
    } catch (err) {
      expect(err).to.be.instanceOf(BellyfedError);
      expect((err as BellyfedError).code).to.equal('CONFIG_INVALID');
      expect((err as Error).message).to.contain('MONITOR_WAL_WARNING_BYTES: must not exceed MONITOR_WAL_CRITICAL_BYTES');
    }
  });

  it('refuses a topic pattern that is not a regular expression', function () {
    expect(() => loadConfig({ MONITOR_TOPIC_PATTERN: '([' })).to.throw(BellyfedError, /MONITOR_TOPIC_PATTERN: must be a valid regular expression/);
  });
});
