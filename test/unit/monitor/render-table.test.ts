import { expect } from 'chai';
import { evaluate } from '../../../services/monitor/evaluate.js';
import { renderLagReport, table } from '../../../services/monitor/render-table.js';
import type { PipelineSample } from '../../../services/monitor/types.js';
import { THRESHOLDS, healthySample, healthySlot, runningConnector } from './fixtures.js';

const statusOf = (sample: PipelineSample) => ({ ...evaluate(sample, THRESHOLDS), ...sample });

describe('bellyfed lag rendering', function () {
  it('renders the whole picture of a healthy pipeline', function () {
    expect(renderLagReport(statusOf(healthySample()), { color: false })).to.equal(
      [
        'pipeline OK  sampled 2025-03-01T10:00:00.000Z',
        '',
        'consumer lag',
        '  GROUP          TOPIC                    PARTITION  END  COMMITTED  LAG  TIME LAG',
        '  bellyfed-sink  bellyfed.public.reviews          0  100        100    0        0s',
        '  bellyfed-sink  bellyfed.public.reviews          1   50         48    2     400ms',
        '  group bellyfed-sink: Stable, 1 member(s)',
        '',
        'freshness (sink watermarks)',
        '  TABLE    AGE      PARTITIONS WITH A WATERMARK',
        '  reviews  1s       1/1',
        '  users    unknown  0/1',
        '',
        'replication slot bellyfed_slot: active, retains 2.00 KiB of WAL (restart point 64.0 KiB back, wal_status reserved)',
        'connectors',
        '  bellyfed-postgres-source: RUNNING  (task 0 RUNNING)',
        'dead letters: 0 in bellyfed.sink.dlq (not created yet)',
        'read-router: not configured (set QUERY_URL)',
        '',
      ].join('\n'),
    );
  });

  it('lists the reasons under the verdict, with the trace of a failed task', function () {
    const sample = healthySample({
      slot: { status: 'ok', data: healthySlot({ active: false, inactiveSince: '2025-03-01T09:50:00.000Z' }) },
      connectors: {
        status: 'ok',
        data: [runningConnector({ tasks: [{ id: 0, state: 'FAILED', workerId: 'w', trace: 'java.lang.IllegalStateException: slot gone\n  at io.debezium.X' }] })],
      },
    });
    const text = renderLagReport(statusOf(sample), { color: false });
    expect(text).to.match(/^pipeline CRITICAL/);
    expect(text).to.contain('  CRIT connector bellyfed-postgres-source task 0 is FAILED: java.lang.IllegalStateException: slot gone');
    expect(text).to.contain('  CRIT replication slot bellyfed_slot is inactive');
    expect(text).to.contain('replication slot bellyfed_slot: INACTIVE');
    expect(text).to.contain('      java.lang.IllegalStateException: slot gone\n        at io.debezium.X');
  });

  it('says which source is unavailable instead of leaving its section out', function () {
    const text = renderLagReport(statusOf(healthySample({ connectors: { status: 'unavailable', error: 'ECONNREFUSED' } })), { color: false });
    expect(text).to.contain('connectors\n  unavailable: ECONNREFUSED');
  });

  it('colours the states only when asked', function () {
    const sample = statusOf(healthySample());
    expect(renderLagReport(sample, { color: true })).to.contain('\u001b[32mOK\u001b[0m');
    expect(renderLagReport(sample, { color: false })).not.to.contain('\u001b[');
  });

  it('pads columns to the widest cell and right-aligns numbers', function () {
    expect(table(['A', 'N'], [['long name', '1'], ['x', '1000']], [1])).to.deep.equal(['  A             N', '  long name     1', '  x          1000']);
  });
});
