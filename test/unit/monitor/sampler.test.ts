import { expect } from 'chai';
import { evaluate } from '../../../services/monitor/evaluate.js';
import { readWithin, takeSample, type PipelineSources } from '../../../services/monitor/sampler.js';
import { healthyGroup, healthySlot, runningConnector, SAMPLED_AT, THRESHOLDS } from './fixtures.js';

function fakeSources(overrides: Partial<PipelineSources> = {}): PipelineSources {
  return {
    consumers: async () => [healthyGroup()],
    slot: async () => healthySlot(),
    connectors: async () => [runningConnector()],
    watermarks: async () => [],
    deadLetters: async () => ({ topic: 'bellyfed.sink.dlq', exists: true, messages: 0 }),
    ...overrides,
  };
}
const now = () => new Date(SAMPLED_AT);

describe('monitor sampling', function () {
  it('reads every source and marks the router disabled without QUERY_URL', async function () {
    const sample = await takeSample(fakeSources(), { timeoutMs: 1000, now });
    expect(sample.sampledAt).to.equal(SAMPLED_AT);
    expect(sample.consumers.status).to.equal('ok');
    expect(sample.slot).to.deep.equal({ status: 'ok', data: healthySlot() });
    expect(sample.router).to.deep.equal({ status: 'disabled' });
  });

  it('a failing source is reported unavailable with its reason; the others are unaffected', async function () {
    const sample = await takeSample(fakeSources({
      connectors: async () => {
        throw new Error('Kafka Connect is unreachable at http://127.0.0.1:8083 (ECONNREFUSED)');
      },
    }), { timeoutMs: 1000, now });
    expect(sample.connectors).to.deep.equal({ status: 'unavailable', error: 'Kafka Connect is unreachable at http://127.0.0.1:8083 (ECONNREFUSED)' });
    expect(sample.consumers.status).to.equal('ok');
    expect(sample.slot.status).to.equal('ok');
  });

  it('a source that hangs is cut off at its deadline', async function () {
    // Without the deadline the sample would never settle and mocha's timeout would fail this test.
    const sample = await takeSample(fakeSources({ watermarks: () => new Promise(() => undefined) }), { timeoutMs: 50, now });
    expect(sample.watermarks).to.deep.equal({ status: 'unavailable', error: 'no answer within 50 ms' });
  });

  it('hands the previous slot reading to the slot source (since when it is inactive)', async function () {
    const inactive = healthySlot({ active: false, inactiveSince: '2025-03-01T09:59:00.000Z' });
    let seen: unknown;
    const previous = await takeSample(fakeSources({ slot: async () => inactive }), { timeoutMs: 1000, now });
    await takeSample(fakeSources({ slot: async (p) => ((seen = p), inactive) }), { timeoutMs: 1000, now, previous });
    expect(seen).to.deep.equal(inactive);
  });

  it('readWithin passes values through', async function () {
    expect(await readWithin('x', 100, async () => 42)).to.deep.equal({ status: 'ok', data: 42 });
  });

  it('the /status JSON is the verdict followed by every source, and survives a JSON round trip', async function () {
    const sample = await takeSample(fakeSources({ router: async () => ({ fallbacks: 1, shadowMismatches: null }) }), { timeoutMs: 1000, now });
    const status = { ...evaluate(sample, THRESHOLDS), ...sample };
    const json = JSON.parse(JSON.stringify(status)) as Record<string, unknown>;
    expect(Object.keys(json)).to.deep.equal(['state', 'reasons', 'sampledAt', 'consumers', 'slot', 'connectors', 'watermarks', 'deadLetters', 'router']);
    expect(json.state).to.equal('ok');
    expect(json.router).to.deep.equal({ status: 'ok', data: { fallbacks: 1, shadowMismatches: null } });
    expect((json.consumers as { data: Array<{ partitions: unknown[] }> }).data[0]!.partitions[0]).to.have.all.keys(
      'topic', 'partition', 'lowOffset', 'endOffset', 'committedOffset', 'lagMessages', 'lagSeconds',
    );
  });
});

describe('monitor source errors', function () {
  it('reads as one line without the repeats of an error caused by its own copy', async function () {
    const { reasonOf } = await import('../../../services/monitor/sampler.js');
    const inner = new Error('Connection error: connect ECONNREFUSED 127.0.0.1:4');
    const outer = new Error('Connection error: connect ECONNREFUSED 127.0.0.1:4', { cause: inner });
    expect(reasonOf(outer)).to.equal('Connection error: connect ECONNREFUSED 127.0.0.1:4');
    expect(reasonOf(new Error('fetch failed', { cause: new Error('bad port') }))).to.equal('fetch failed: caused by: bad port');
  });
});
