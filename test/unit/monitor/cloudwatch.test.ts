import { expect } from 'chai';
import { cloudWatchData } from '../../../services/monitor/cloudwatch.js';
import type { PipelineSample } from '../../../services/monitor/types.js';
import { CLOUDWATCH_METRICS } from '../../../services/shared/cloudwatch-metrics.js';

const partition = (lag: number) => ({ topic: 't', partition: 0, lowOffset: 0, endOffset: lag, committedOffset: 0, lagMessages: lag, lagSeconds: null });

function sample(overrides: Partial<PipelineSample> = {}): PipelineSample {
  return {
    sampledAt: '2026-11-29T10:00:00.000Z',
    consumers: { status: 'ok', data: [{ group: 'g', groupState: 'Stable', members: 1, partitions: [partition(3), partition(4)] }] },
    slot: { status: 'ok', data: { name: 's', exists: true, active: true, activePid: 1, retainedWalBytes: 10, restartWalBytes: 2048, walStatus: 'reserved', inactiveSince: null } },
    connectors: { status: 'ok', data: [] },
    watermarks: { status: 'ok', data: [{ table: 'a', ageSeconds: 2, partitions: [] }, { table: 'b', ageSeconds: 9, partitions: [] }, { table: 'c', ageSeconds: null, partitions: [] }] },
    deadLetters: { status: 'ok', data: { topic: 'dlq', exists: true, messages: 5 } },
    router: { status: 'ok', data: { fallbacks: 12, shadowMismatches: 0 } },
    ...overrides,
  } as PipelineSample;
}

const byName = (data: ReturnType<typeof cloudWatchData>) => Object.fromEntries(data.map((d) => [d.MetricName, d.Value]));

describe('CloudWatch data of a monitor sample', function () {
  it('publishes the five signals the deploy alarms read', function () {
    const previous = sample({ deadLetters: { status: 'ok', data: { topic: 'dlq', exists: true, messages: 2 } }, router: { status: 'ok', data: { fallbacks: 10, shadowMismatches: 0 } } });
    expect(byName(cloudWatchData(sample(), previous))).to.deep.equal({
      [CLOUDWATCH_METRICS.consumerLag]: 7,
      [CLOUDWATCH_METRICS.watermarkAgeSeconds]: 9,
      [CLOUDWATCH_METRICS.replicationSlotWalRetainedBytes]: 2048,
      [CLOUDWATCH_METRICS.deadLetters]: 3,
      [CLOUDWATCH_METRICS.routerFallbacks]: 2,
    });
  });

  it('counts growth only: the first sample and a counter reset publish 0, not the total', function () {
    expect(byName(cloudWatchData(sample(), undefined))[CLOUDWATCH_METRICS.deadLetters]).to.equal(0);
    const after = sample({ router: { status: 'ok', data: { fallbacks: 1, shadowMismatches: 0 } } });
    expect(byName(cloudWatchData(after, sample()))[CLOUDWATCH_METRICS.routerFallbacks]).to.equal(0);
  });

  it('publishes nothing for a source it could not read (missing data alarms), rather than a zero', function () {
    const down = sample({ consumers: { status: 'unavailable', error: 'broker down' }, slot: { status: 'unavailable', error: 'db down' } });
    const names = Object.keys(byName(cloudWatchData(down, undefined)));
    expect(names).to.not.include(CLOUDWATCH_METRICS.consumerLag);
    expect(names).to.not.include(CLOUDWATCH_METRICS.replicationSlotWalRetainedBytes);
  });
});
