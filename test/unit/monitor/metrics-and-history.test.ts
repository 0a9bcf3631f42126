import { expect } from 'chai';
import { evaluate } from '../../../services/monitor/evaluate.js';
import { RingBuffer, toHistoryPoint } from '../../../services/monitor/history.js';
import { createMonitorMetrics } from '../../../services/monitor/metrics.js';
import type { PipelineStatus } from '../../../services/monitor/types.js';
import { THRESHOLDS, healthySample, runningConnector } from './fixtures.js';

const paused = healthySample({ connectors: { status: 'ok', data: [runningConnector({ state: 'PAUSED' })] } });
const status: PipelineStatus = { ...evaluate(paused, THRESHOLDS), ...paused };

describe('monitor metrics', function () {
  it('exposes the sample under conventional names and labels', async function () {
    const text = await createMonitorMetrics(() => status).metrics();
    expect(text).to.contain('bellyfed_pipeline_state 2');
    expect(text).to.contain('bellyfed_consumer_lag_messages{group="bellyfed-sink",topic="bellyfed.public.reviews",partition="1"} 2');
    expect(text).to.contain('bellyfed_consumer_lag_seconds{group="bellyfed-sink",topic="bellyfed.public.reviews",partition="1"} 0.4');
    expect(text).to.contain('bellyfed_replication_slot_active{slot="bellyfed_slot"} 1');
    expect(text).to.contain('bellyfed_replication_slot_retained_wal_bytes{slot="bellyfed_slot"} 2048');
    expect(text).to.contain('bellyfed_connector_state{connector="bellyfed-postgres-source",state="PAUSED"} 1');
    expect(text).to.contain('bellyfed_connector_state{connector="bellyfed-postgres-source",state="RUNNING"} 0');
    expect(text).to.contain('bellyfed_connector_task_state{connector="bellyfed-postgres-source",task="0",state="RUNNING"} 1');
    expect(text).to.contain('bellyfed_watermark_age_seconds{table="reviews"} 1.5');
    expect(text, 'an unknown watermark has no series').not.to.contain('bellyfed_watermark_age_seconds{table="users"}');
    expect(text).to.contain('bellyfed_dlq_messages{topic="bellyfed.sink.dlq"} 0');
    expect(text).to.contain('bellyfed_monitor_source_up{source="connectors"} 1');
    expect(text, 'the disabled router is not a down source').not.to.contain('bellyfed_monitor_source_up{source="router"}');
  });

  it('leaves out the series of a source it could not read, and says it is down', async function () {
    const blind = { ...status, slot: { status: 'unavailable', error: 'ECONNREFUSED' } } as PipelineStatus;
    const text = await createMonitorMetrics(() => blind).metrics();
    expect(text).not.to.contain('bellyfed_replication_slot_retained_wal_bytes{');
    expect(text).to.contain('bellyfed_monitor_source_up{source="slot"} 0');
  });
});

describe('monitor history', function () {
  it('keeps only the numbers the charts draw', function () {
    const point = toHistoryPoint(status);
    expect(point).to.deep.equal({
      t: Date.parse(status.sampledAt),
      state: 'critical',
      lagMessages: { 'bellyfed-sink / bellyfed.public.reviews / 0': 0, 'bellyfed-sink / bellyfed.public.reviews / 1': 2 },
      lagSeconds: { 'bellyfed-sink / bellyfed.public.reviews / 0': 0, 'bellyfed-sink / bellyfed.public.reviews / 1': 0.4 },
      watermarkAgeSeconds: { reviews: 1.5 },
      retainedWalBytes: 2048,
      deadLetters: 0,
    });
  });

  it('is a bounded ring: the oldest points go first', function () {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i += 1) ring.push(i);
    expect(ring.toArray()).to.deep.equal([3, 4, 5]);
    expect(ring.size).to.equal(3);
    expect(() => new RingBuffer(0)).to.throw(RangeError);
  });
});
