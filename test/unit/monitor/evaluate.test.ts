import { expect } from 'chai';
import { evaluate, levelOf, stateCode, worstState } from '../../../services/monitor/evaluate.js';
import type { PipelineSample } from '../../../services/monitor/types.js';
import { SAMPLED_AT, THRESHOLDS, healthySample, healthySlot, lagging, runningConnector } from './fixtures.js';

const verdict = (sample: PipelineSample, previous?: PipelineSample) => evaluate(sample, THRESHOLDS, previous);
const at = (msBefore: number) => new Date(Date.parse(SAMPLED_AT) - msBefore).toISOString();

describe('monitor state evaluation', function () {
  it('a healthy pipeline is ok with no reasons', function () {
    expect(verdict(healthySample())).to.deep.equal({ state: 'ok', reasons: [] });
  });

  it('thresholds are exclusive: at the threshold ok, above it the level', function () {
    expect(levelOf(1000, 1000, 10_000)).to.equal('ok');
    expect(levelOf(1001, 1000, 10_000)).to.equal('warning');
    expect(levelOf(10_000, 1000, 10_000)).to.equal('warning');
    expect(levelOf(10_001, 1000, 10_000)).to.equal('critical');
  });

  it('lag in messages warns, then turns critical', function () {
    expect(verdict(lagging(THRESHOLDS.lagWarningMessages, 0.1)).state).to.equal('ok');
    expect(verdict(lagging(THRESHOLDS.lagWarningMessages + 1, 0.1)).state).to.equal('warning');
    const critical = verdict(lagging(THRESHOLDS.lagCriticalMessages + 1, 0.1));
    expect(critical.state).to.equal('critical');
    expect(critical.reasons[0]!.source).to.equal('consumers');
    expect(critical.reasons[0]!.message).to.contain('partition 3').and.contain('10,001');
  });

  it('the age of the oldest unconsumed event turns a small backlog critical (a stopped sink)', function () {
    expect(verdict(lagging(3, THRESHOLDS.lagWarningSeconds + 1)).state).to.equal('warning');
    expect(verdict(lagging(3, THRESHOLDS.lagCriticalSeconds + 1)).state).to.equal('critical');
    expect(verdict(lagging(3, null)).state, 'unknown age adds nothing').to.equal('ok');
  });

  it('a group with no member warns', function () {
    const sample = healthySample();
    const consumers = sample.consumers.status === 'ok' ? sample.consumers.data : [];
    const result = verdict({ ...sample, consumers: { status: 'ok', data: consumers.map((g) => ({ ...g, members: 0, groupState: 'Empty' })) } });
    expect(result.state).to.equal('warning');
    expect(result.reasons[0]!.message).to.contain('no active member');
  });

  it('watermark age warns and turns critical; an unknown watermark adds nothing', function () {
    const withAge = (ageSeconds: number | null) =>
      healthySample({ watermarks: { status: 'ok', data: [{ table: 'reviews', ageSeconds, partitions: [] }] } });
    expect(verdict(withAge(null)).state).to.equal('ok');
    expect(verdict(withAge(THRESHOLDS.watermarkWarningSeconds + 1)).state).to.equal('warning');
    const critical = verdict(withAge(THRESHOLDS.watermarkCriticalSeconds + 1));
    expect(critical.state).to.equal('critical');
    expect(critical.reasons[0]!.message).to.contain('reviews');
  });

  it('retained WAL warns and turns critical', function () {
    const withWal = (bytes: number) => healthySample({ slot: { status: 'ok', data: healthySlot({ retainedWalBytes: bytes }) } });
    expect(verdict(withWal(THRESHOLDS.walWarningBytes)).state).to.equal('ok');
    expect(verdict(withWal(THRESHOLDS.walWarningBytes + 1)).state).to.equal('warning');
    expect(verdict(withWal(THRESHOLDS.walCriticalBytes + 1)).reasons[0]!.message).to.contain('5.00 GiB');
  });

  it('an inactive slot warns, and is critical once inactive for the configured time', function () {
    const inactiveFor = (ms: number) =>
      healthySample({ slot: { status: 'ok', data: healthySlot({ active: false, activePid: null, inactiveSince: at(ms) }) } });
    expect(verdict(inactiveFor(0)).state).to.equal('warning');
    expect(verdict(inactiveFor(THRESHOLDS.slotInactiveCriticalSeconds * 1000 - 1)).state).to.equal('warning');
    expect(verdict(inactiveFor(THRESHOLDS.slotInactiveCriticalSeconds * 1000)).state).to.equal('critical');
  });

  it('a missing or lost slot is critical at once', function () {
    const missing = healthySlot({ exists: false, active: false, retainedWalBytes: null, restartWalBytes: null, walStatus: null });
    expect(verdict(healthySample({ slot: { status: 'ok', data: missing } })).state).to.equal('critical');
    expect(verdict(healthySample({ slot: { status: 'ok', data: healthySlot({ walStatus: 'lost' }) } })).state).to.equal('critical');
  });

  for (const [state, expected] of [['PAUSED', 'critical'], ['FAILED', 'critical'], ['STOPPED', 'critical'], ['MISSING', 'critical'], ['UNASSIGNED', 'warning'], ['RESTARTING', 'warning']] as const) {
    it(`a ${state} connector is ${expected}`, function () {
      const result = verdict(healthySample({ connectors: { status: 'ok', data: [runningConnector({ state, tasks: [] })] } }));
      expect(result.state).to.equal(expected);
      expect(result.reasons).to.have.length(1); // one line for the connector, not one per task
      expect(result.reasons[0]!.message).to.contain(state);
    });
  }

  it('a FAILED task of a RUNNING connector is critical and quotes its trace', function () {
    const failed = runningConnector({
      tasks: [{ id: 0, state: 'FAILED', workerId: 'w', trace: 'org.apache.kafka.connect.errors.ConnectException: boom\n\tat x' }],
    });
    const result = verdict(healthySample({ connectors: { status: 'ok', data: [failed] } }));
    expect(result.state).to.equal('critical');
    expect(result.reasons[0]!.message).to.contain('task 0 is FAILED: org.apache.kafka.connect.errors.ConnectException: boom');
  });

  it('a source the monitor cannot read is a warning naming it, and the others still count', function () {
    const result = verdict({
      ...lagging(THRESHOLDS.lagCriticalMessages + 1, 1),
      connectors: { status: 'unavailable', error: 'Kafka Connect is unreachable at http://127.0.0.1:8083 (ECONNREFUSED)' },
    });
    expect(result.state).to.equal('critical');
    expect(result.reasons.map((r) => [r.source, r.severity])).to.deep.include(['connectors', 'warning']);
    expect(result.reasons.find((r) => r.source === 'connectors')!.message).to.contain('ECONNREFUSED');
    expect(result.reasons[0]!.severity, 'worst first').to.equal('critical');
  });

  it('dead letters above the threshold warn', function () {
    const result = verdict(healthySample({ deadLetters: { status: 'ok', data: { topic: 'bellyfed.sink.dlq', exists: true, messages: 3 } } }));
    expect(result.state).to.equal('warning');
    expect(result.reasons[0]!.message).to.contain('3 event(s)');
  });

  it('router fallbacks and shadow mismatches warn when they grew since the previous sample', function () {
    const router = (fallbacks: number | null, shadowMismatches: number | null) =>
      healthySample({ router: { status: 'ok', data: { fallbacks, shadowMismatches } } });
    expect(verdict(router(10, 2)).state, 'no previous sample: totals only').to.equal('ok');
    expect(verdict(router(10, 2), router(10, 2)).state).to.equal('ok');
    const grew = verdict(router(14, 3), router(10, 2));
    expect(grew.state).to.equal('warning');
    expect(grew.reasons.map((r) => r.message).join('\n')).to.contain('4 time(s)').and.contain('1 shadow read(s)');
    expect(verdict(router(0, 0), router(10, 2)).state, 'a restarted query service resets its counters').to.equal('ok');
  });

  it('orders states and maps them to exit codes', function () {
    expect(worstState(['ok', 'warning', 'ok'])).to.equal('warning');
    expect(worstState(['warning', 'critical'])).to.equal('critical');
    expect(worstState([])).to.equal('ok');
    expect([stateCode('ok'), stateCode('warning'), stateCode('critical')]).to.deep.equal([0, 1, 2]);
  });
});
