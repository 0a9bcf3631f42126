import { expect } from 'chai';
import { DeadlineExceededError, withDeadline } from '../../../../services/query/router/deadline.js';
import { ShadowComparer } from '../../../../services/query/router/shadow.js';
import { createLogger } from '../../../../services/shared/logger.js';

describe('read-router: shadow comparer and deadline', function () {
  it('never runs more than `concurrency` shadow reads; the rest are counted as skipped, not queued', async function () {
    const counts: string[] = [];
    const releases: Array<() => void> = [];
    const shadow = new ShadowComparer({ concurrency: 2, logger: createLogger({ level: 'silent', name: 't' }), count: (_e, o) => counts.push(o) });
    const read = () => new Promise<{ compared: true; value: unknown }>((resolve) => releases.push(() => resolve({ compared: true, value: [1] })));
    for (let i = 0; i < 5; i++) shadow.compare('restaurants.list', `r${i}`, [1], read);
    expect(counts).to.deep.equal(['skipped_busy', 'skipped_busy', 'skipped_busy']);
    for (const release of releases) release();
    await shadow.settled();
    expect(counts.slice(3)).to.deep.equal(['match', 'match']);
  });

  it('counts mismatches, errors and the outcomes a read reports', async function () {
    const counts: string[] = [];
    const logged: unknown[] = [];
    const logger = createLogger({ level: 'silent', name: 't' });
    logger.warn = ((fields: unknown) => logged.push(fields)) as typeof logger.warn;
    const shadow = new ShadowComparer({ concurrency: 10, logger, count: (_e, o) => counts.push(o) });
    shadow.compare('restaurants.get', 'a', { name: 'x' }, async () => ({ compared: true, value: { name: 'y' } }));
    shadow.compare('restaurants.get', 'b', { name: 'x' }, async () => ({ compared: true, value: { name: 'z' } }));
    shadow.compare('restaurants.get', 'c', {}, async () => {
      throw new Error('boom');
    });
    shadow.compare('restaurants.get', 'd', {}, async () => ({ compared: false, outcome: 'skipped_stale' }));
    await shadow.settled();
    expect([...counts].sort()).to.deep.equal(['error', 'mismatch', 'mismatch', 'skipped_stale']);
    // Sampled: one log line per endpoint and interval, with paths only.
    expect(logged).to.have.length(1);
    expect(JSON.stringify(logged[0])).to.include('/name').and.not.include('"y"');
  });

  it('aborts the call and rejects at the deadline, even when the call ignores its signal', async function () {
    // A call that never settles would hang this test past mocha's timeout without the deadline.
    let aborted = false;
    const error = await withDeadline(30, (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => undefined);
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DeadlineExceededError);
    expect(aborted).to.equal(true);
    expect(await withDeadline(1000, async () => 42)).to.equal(42);
    const failure = await withDeadline(1000, async () => {
      throw new TypeError('not a deadline');
    }).catch((e: unknown) => e);
    expect(failure).to.be.instanceOf(TypeError);
  });
});
