import { expect } from 'chai';
import { AutoRestarter } from '../../../services/monitor/auto-restart/restarter.js';
import { FIRST_BACKOFF_MS } from '../../../services/monitor/auto-restart/policy.js';
import { createMonitorMetrics } from '../../../services/monitor/metrics.js';
import { quietLogger } from '../../helpers/postgres.js';
import { healthySample, runningConnector } from './fixtures.js';

const failedSample = healthySample({
  connectors: { status: 'ok', data: [runningConnector({ tasks: [{ id: 0, state: 'FAILED', workerId: 'w', trace: 'io.apicurio…: registry unreachable' }] })] },
});

function restarterAt(clock: { now: number }, fail = false) {
  const calls: Array<{ name: string; onlyFailed: boolean }> = [];
  const restarter = new AutoRestarter({
    async restart(name, options) {
      calls.push({ name, onlyFailed: options.onlyFailed });
      if (fail) throw new Error('Connect unreachable');
    },
  }, quietLogger, () => clock.now);
  return { restarter, calls };
}

describe('monitor auto-restarter', () => {
  it('restarts only the failed parts of a failed connector, once per backoff, and counts it', async () => {
    const clock = { now: 0 };
    const { restarter, calls } = restarterAt(clock);
    await restarter.observe(failedSample);
    clock.now = 1000;
    await restarter.observe(failedSample);
    expect(calls).to.deep.equal([{ name: 'bellyfed-postgres-source', onlyFailed: true }]);
    clock.now = FIRST_BACKOFF_MS;
    await restarter.observe(failedSample);
    expect(calls).to.have.length(2);
    expect([...restarter.counts()]).to.deep.equal([['bellyfed-postgres-source', 2]]);
    expect(await createMonitorMetrics(() => undefined, () => restarter.counts()).metrics()).to.match(/^bellyfed_connector_auto_restarts_total\{connector="bellyfed-postgres-source"\} 2$/m);
  });

  it('does nothing on a healthy sample or when Connect could not be read', async () => {
    const { restarter, calls } = restarterAt({ now: 0 });
    await restarter.observe(healthySample());
    await restarter.observe(healthySample({ connectors: { status: 'unavailable', error: 'ECONNREFUSED' } }));
    expect(calls).to.deep.equal([]);
  });

  it('survives a restart call that fails (the next attempt follows the backoff)', async () => {
    const clock = { now: 0 };
    const { restarter, calls } = restarterAt(clock, true);
    await restarter.observe(failedSample);
    clock.now = FIRST_BACKOFF_MS;
    await restarter.observe(failedSample);
    expect(calls).to.have.length(2);
  });
});
