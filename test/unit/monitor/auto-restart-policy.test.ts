import { expect } from 'chai';
import {
  backoffAfter, decideRestart, FIRST_BACKOFF_MS, HEALTHY_RESET_MS, isFailed, MAX_BACKOFF_MS, NO_HISTORY, type RestartHistory,
} from '../../../services/monitor/auto-restart/policy.js';
import type { ConnectorHealth } from '../../../services/monitor/types.js';

const health = (state: string, ...tasks: string[]): ConnectorHealth => ({
  name: 'c', state, workerId: 'w', trace: null, tasks: tasks.map((t, id) => ({ id, state: t, workerId: 'w', trace: null })),
});
const failedTask = health('RUNNING', 'FAILED');
const running = health('RUNNING', 'RUNNING');

/** Feeds one observation per `stepMs` from t=0 and returns the times at which a restart was decided. */
function restartTimes(observations: ConnectorHealth[], stepMs: number): number[] {
  let history: RestartHistory = NO_HISTORY;
  const times: number[] = [];
  observations.forEach((observed, i) => {
    const decision = decideRestart(observed, history, i * stepMs);
    if (decision.restart) times.push(i * stepMs);
    history = decision.history;
  });
  return times;
}

describe('monitor auto-restart policy', () => {
  it('counts a failed connector or any failed task as failed, and nothing else', () => {
    expect(isFailed(health('FAILED'))).to.equal(true);
    expect(isFailed(health('RUNNING', 'RUNNING', 'FAILED'))).to.equal(true);
    expect(isFailed(running)).to.equal(false);
    expect(isFailed(health('PAUSED', 'PAUSED'))).to.equal(false);
    expect(isFailed(health('MISSING'))).to.equal(false);
  });

  it('restarts a failure at once, then backs off doubling up to the maximum', () => {
    expect([1, 2, 3, 4].map(backoffAfter)).to.deep.equal([FIRST_BACKOFF_MS, 2 * FIRST_BACKOFF_MS, 4 * FIRST_BACKOFF_MS, 8 * FIRST_BACKOFF_MS]);
    expect(backoffAfter(40)).to.equal(MAX_BACKOFF_MS);
    const stillFailing = Array.from({ length: 8 * 60 }, () => failedTask); // 8 minutes, one sample a second
    expect(restartTimes(stillFailing, 1000)).to.deep.equal([0, 30_000, 90_000, 210_000, 450_000]);
  });

  it('never restarts a healthy connector', () => {
    expect(restartTimes(Array.from({ length: 100 }, () => running), 1000)).to.deep.equal([]);
  });

  it('forgets earlier restarts only after the connector ran healthy for a while', () => {
    let history: RestartHistory = NO_HISTORY;
    for (const [observed, at] of [[failedTask, 0], [running, 1000], [failedTask, 2000]] as const) history = decideRestart(observed, history, at).history;
    // A failure right after a short recovery waits for the backoff: a flapping connector is not hammered.
    expect(decideRestart(failedTask, history, 3000).restart).to.equal(false);
    history = decideRestart(running, history, 40_000).history;
    history = decideRestart(running, history, 40_000 + HEALTHY_RESET_MS).history;
    expect(history.attempts).to.equal(0);
    expect(decideRestart(failedTask, history, 40_001 + HEALTHY_RESET_MS).restart).to.equal(true);
  });
});
